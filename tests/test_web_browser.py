"""The web pages in a real headless browser (Debian's chromium and chromedriver, driven
by Selenium) against the app on a real socket: search, facets ("show more", the filter
box), chips, a range dragged on the histogram, typed dates, the story and quotes pages,
the CSV download, the keyboard, and the layout at 390 px.

``NEWSFACET_SCREENSHOTS=dir`` keeps the pictures of the pages at 1280 and 390 px
(``make screenshot`` writes them to ``docs/``, where the README shows them).
"""

from __future__ import annotations

import csv
import io
import os
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from newsfacet.api.http import create_app
from newsfacet.api.web import blueprint

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install "
                                "-e '.[dev]')")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def web_url(demo_index: Path) -> Iterator[str]:
    """The app with the web page, served on 127.0.0.1 by a real HTTP server."""
    app = create_app({"INDEX": str(demo_index), "TESTING": False})
    if "web" not in app.blueprints:
        app.register_blueprint(blueprint)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["newsfacet"].close()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[webdriver.Chrome]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)}: apt-get install chromium chromium-driver "
                    "(make install does when it can)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--disable-gpu", "--window-size=1280,1000", "--lang=en-US"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # CSP reports land here
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    # An explicit driver path: Selenium Manager is never asked to download anything.
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def total(driver: webdriver.Chrome) -> int:
    return int(driver.find_element(By.ID, "total").get_attribute("data-total"))


def shoot(driver: webdriver.Chrome, tmp_path: Path, name: str) -> None:
    """A picture of the page, kept in ``NEWSFACET_SCREENSHOTS`` when set."""
    folder = Path(os.environ.get("NEWSFACET_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(folder / name))
    data = (folder / name).read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000


def test_search_then_filter_by_a_facet_in_a_browser(web_url: str, browser: webdriver.Chrome,
                                                    tmp_path: Path) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(web_url + "/")
    box = wait.until(expected_conditions.presence_of_element_located((By.ID, "q")))
    box.clear()
    box.send_keys("strike")
    browser.find_element(By.ID, "search-button").click()
    wait.until(expected_conditions.url_contains("q=strike"))
    hits = wait.until(expected_conditions.presence_of_all_elements_located(
        (By.CSS_SELECTOR, "li.hit")))
    assert hits and any("strike" in h.text.lower() for h in hits)
    assert browser.find_elements(By.CSS_SELECTOR, "li.hit mark")
    before = total(browser)
    assert before == 9  # the demo corpus has nine articles about strikes
    bars = browser.find_elements(By.CSS_SELECTOR, "#histogram .bar")
    assert bars and all(b.size["height"] > 0 for b in bars)
    tallest = max(bars, key=lambda b: int(b.get_attribute("data-count")))
    inner = tallest.find_element(By.TAG_NAME, "span")
    assert inner.size["height"] == pytest.approx(tallest.size["height"], abs=1)

    facet = browser.find_elements(By.CSS_SELECTOR, "#facet-outlet a.facet-value")[0]
    outlet = facet.get_attribute("data-value")
    expected = int(facet.find_element(By.CSS_SELECTOR, ".count").text.replace(",", ""))
    facet.click()
    wait.until(expected_conditions.url_contains("outlet="))
    wait.until(lambda d: total(d) != before)
    assert total(browser) == expected < before
    shown = browser.find_elements(By.CSS_SELECTOR, "li.hit")
    assert len(shown) == expected
    assert {h.get_attribute("data-outlet") for h in shown} == {outlet}
    selected = browser.find_element(By.CSS_SELECTOR, f'#facet-outlet a[data-value="{outlet}"]')
    assert selected.get_attribute("aria-checked") == "true"
    assert selected.find_element(By.TAG_NAME, "input").is_selected()
    assert browser.find_element(By.ID, "q").get_attribute("value") == "strike"

    shoot(browser, tmp_path, "web-page.png")

    # Unchecking the facet brings every result back; a hit opens its document.
    browser.find_element(By.CSS_SELECTOR, f'#facet-outlet a[data-value="{outlet}"]').click()
    wait.until(lambda d: "outlet=" not in d.current_url and total(d) == before)
    browser.find_elements(By.CSS_SELECTOR, "a.hit-title")[0].click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "doc-title")))
    assert "/view/" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "#speakers .speaker")


def test_sort_select_submits_the_search(web_url: str, browser: webdriver.Chrome) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(web_url + "/?q=strike")
    first = browser.find_elements(By.CSS_SELECTOR, "li.hit time")
    assert first
    Select(browser.find_element(By.ID, "sort")).select_by_value("date:asc")
    wait.until(expected_conditions.url_contains("sort=date"))
    dates = [t.get_attribute("datetime") for t in
             browser.find_elements(By.CSS_SELECTOR, "li.hit time")]
    assert dates == sorted(dates) and len(dates) == len(first)


def test_story_box_groups_copies_in_a_browser(web_url: str, browser: webdriver.Chrome) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(web_url + "/?q=Douro")
    before = total(browser)
    browser.find_element(By.ID, "collapse").click()
    wait.until(expected_conditions.url_contains("collapse=story"))
    assert total(browser) == before - 1  # kd-0006 is a copy of nw-0002
    links = [a.get_attribute("data-id")
             for a in browser.find_elements(By.CSS_SELECTOR, "p.also a.member")]
    hits = {li.get_attribute("data-id") for li in browser.find_elements(By.CSS_SELECTOR, "li.hit")}
    assert len(links) == 1 and links[0] in {"kd-0006", "nw-0002"}
    assert {"kd-0006", "nw-0002"} - {links[0]} <= hits  # the best-ranked copy stands for both


def test_pages_work_under_their_content_security_policy(web_url: str,
                                                        browser: webdriver.Chrome) -> None:
    """The pages send a strict CSP (no inline script or style): nothing on them is
    refused, the script still submits the form and the bars still have their heights."""
    wait = WebDriverWait(browser, 30)
    browser.get_log("browser")  # drop what earlier tests logged
    for path in ("/?q=strike", "/view/port-strike-day2", "/docs", "/view/no-such-id",
                 "/story/hi-0001", "/who-said?q=port", "/?story=hi-0001&date_from=2023"):
        browser.get(web_url + path)
        wait.until(expected_conditions.presence_of_element_located((By.TAG_NAME, "body")))
    browser.get(web_url + "/?q=strike")
    bars = browser.find_elements(By.CSS_SELECTOR, "#histogram .bar span")
    counts = [int(b.find_element(By.XPATH, "..").get_attribute("data-count")) for b in bars]
    heights = [b.size["height"] for b in bars]
    assert max(heights) > 40 and heights.index(max(heights)) == counts.index(max(counts))
    Select(browser.find_element(By.ID, "sort")).select_by_value("date:asc")  # web.js
    wait.until(expected_conditions.url_contains("sort=date"))
    refused = [entry["message"] for entry in browser.get_log("browser")
               if "Content Security Policy" in entry["message"]]
    assert refused == []


# -- issue 19: facets, chips, the histogram, story and quotes pages, export, 390 px ------


def visible(driver: webdriver.Chrome, css: str) -> list[str]:
    return [e.get_attribute("data-value") for e in driver.find_elements(By.CSS_SELECTOR, css)
            if e.is_displayed()]


def test_facet_show_more_and_filter_box(web_url: str, browser: webdriver.Chrome) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(web_url + "/")
    card = "#facet-speaker"
    first = visible(browser, f"{card} a.facet-value")
    assert len(first) == 10  # the demo has more than ten speakers
    browser.find_element(By.CSS_SELECTOR, f"{card} details.more summary").click()
    every = visible(browser, f"{card} a.facet-value")
    assert len(every) > 10 and every[:10] == first
    # the filter box narrows to values with a word starting with what is typed
    box = browser.find_element(By.CSS_SELECTOR, f"{card} .facet-filter")
    box.send_keys("aal")
    wait.until(lambda d: visible(d, f"{card} ul.values a.facet-value") == ["Henrik Aaltonen"])
    # beyond this result set, the box asks /facets/speaker?prefix= for the whole index
    browser.get(web_url + "/?outlet=Maritime+Commissioner+Press+Office")
    here = set(visible(browser, f"{card} a.facet-value"))
    box = browser.find_element(By.CSS_SELECTOR, f"{card} .facet-filter")
    box.send_keys("aal")
    wait.until(lambda d: visible(d, f"{card} ul.suggestions a.facet-value"))
    suggested = visible(browser, f"{card} ul.suggestions a.facet-value")
    assert suggested == ["Henrik Aaltonen"] and "Henrik Aaltonen" not in here
    browser.find_element(By.CSS_SELECTOR, f"{card} ul.suggestions a.facet-value").click()
    wait.until(expected_conditions.url_contains("speaker=Henrik"))
    assert "outlet=Maritime" in browser.current_url


def test_chips_remove_one_filter_or_all(web_url: str, browser: webdriver.Chrome) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(web_url + "/?q=strike")
    everything = total(browser)
    browser.get(web_url + "/?q=strike&outlet=Northbound+Wire&speaker=Elke+Brandsma")
    chips = browser.find_elements(By.CSS_SELECTOR, "#chips .chip")
    assert [c.get_attribute("data-value") for c in chips] == ["Northbound Wire",
                                                              "Elke Brandsma"]
    narrowed = total(browser)
    chips[1].find_element(By.CSS_SELECTOR, ".chip-remove").click()
    wait.until(lambda d: "speaker=" not in d.current_url)
    assert total(browser) >= narrowed
    assert [c.get_attribute("data-value") for c in
            browser.find_elements(By.CSS_SELECTOR, "#chips .chip")] == ["Northbound Wire"]
    browser.find_element(By.ID, "clear-all").click()
    wait.until(lambda d: not d.find_elements(By.ID, "chips"))
    assert total(browser) == everything and "q=strike" in browser.current_url
    # a story filter is a chip too, linking the story's page
    browser.get(web_url + "/?story=hi-0001")
    chip = browser.find_element(By.CSS_SELECTOR, "#chips .chip")
    assert chip.get_attribute("data-value") == "hi-0001" and total(browser) == 2


def test_a_range_dragged_on_the_histogram(web_url: str, browser: webdriver.Chrome) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(web_url + "/")
    bars = browser.find_elements(By.CSS_SELECTOR, "#histogram .bar")
    assert len(bars) >= 4
    ticks = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#x-axis .tick")]
    assert len(ticks) >= 2 and all(ticks)  # labelled x axis
    assert browser.find_element(By.ID, "y-top").text == str(
        max(int(b.get_attribute("data-count")) for b in bars))
    low, high = 1, 3
    expected = sum(int(b.get_attribute("data-count")) for b in bars[low:high + 1])
    start, end = bars[low].get_attribute("data-from"), bars[high].get_attribute("data-to")
    ActionChains(browser).move_to_element(bars[low]).click_and_hold() \
        .move_to_element(bars[2]).move_to_element(bars[high]).release().perform()
    wait.until(expected_conditions.url_contains("date_to="))
    assert f"date_from={start}" in browser.current_url
    assert f"date_to={end}" in browser.current_url
    assert total(browser) == expected
    chip = browser.find_element(By.CSS_SELECTOR, '#chips .chip[data-name="date"]')
    assert chip.get_attribute("data-value").startswith(start)


def test_dates_typed_in_words(web_url: str, browser: webdriver.Chrome) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(web_url + "/?q=strike")
    box = browser.find_element(By.ID, "date-from")
    box.send_keys("since October 2023")
    browser.find_element(By.ID, "dates-apply").click()
    wait.until(expected_conditions.url_contains("date_from=since"))
    chip = browser.find_element(By.CSS_SELECTOR, '#chips .chip[data-name="date"]')
    assert chip.get_attribute("data-value").startswith("2023-10-01")
    dates = [t.get_attribute("datetime") for t in
             browser.find_elements(By.CSS_SELECTOR, "li.hit time")]
    assert dates and min(dates) >= "2023-10-01"
    assert "q=strike" in browser.current_url


def test_story_page(web_url: str, browser: webdriver.Chrome, tmp_path: Path) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(web_url + "/?q=TIDEMARK+launch")
    browser.find_element(By.CSS_SELECTOR, "li.hit a.story-link").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "story-page")))
    assert "/story/" in browser.current_url
    members = browser.find_elements(By.CSS_SELECTOR, "li.story-member")
    assert len(members) >= 2 and "origin" in members[0].get_attribute("class")
    dates = [m.find_element(By.TAG_NAME, "time").get_attribute("datetime") for m in members]
    assert dates == sorted(dates)
    added = browser.find_element(By.CSS_SELECTOR, ".diff .added")
    dropped = browser.find_element(By.CSS_SELECTOR, ".diff .dropped")
    assert added.location["y"] == dropped.location["y"]  # side by side
    assert added.location["x"] < dropped.location["x"]
    assert added.find_elements(By.CSS_SELECTOR, "p.para")
    shoot(browser, tmp_path, "story-page.png")
    members[1].find_element(By.CSS_SELECTOR, "a.member-title").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "doc-title")))


def test_quotes_page(web_url: str, browser: webdriver.Chrome, tmp_path: Path) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(web_url + "/view/lpr-0001")
    browser.find_element(By.ID, "quotes-link").click()
    box = wait.until(expected_conditions.presence_of_element_located((By.ID, "q")))
    box.send_keys("port")
    browser.find_element(By.ID, "speaker").send_keys("Joris Vermeulen")
    browser.find_element(By.ID, "search-button").click()
    wait.until(expected_conditions.url_contains("speaker=Joris"))
    hits = browser.find_elements(By.CSS_SELECTOR, "li.quote")
    assert hits and {h.get_attribute("data-speaker") for h in hits} == {"Joris Vermeulen"}
    assert browser.find_elements(By.CSS_SELECTOR, "li.quote mark")
    document = hits[0].get_attribute("data-document")
    hits[0].find_element(By.CSS_SELECTOR, "a.hit-title").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "doc-title")))
    assert browser.current_url.endswith("/view/" + document)


def test_download_csv_holds_every_hit(web_url: str, browser: webdriver.Chrome,
                                      downloads: Path) -> None:
    browser.get(web_url + "/?q=port&per_page=5")
    expected = total(browser)
    assert expected > 5
    browser.find_element(By.ID, "download-csv").click()
    target = downloads / "newsfacet-search.csv"
    WebDriverWait(browser, 30).until(lambda d: target.exists() and target.stat().st_size)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["id", "title", "outlet", "published"]
    assert len(rows) == expected + 1
    href = browser.find_element(By.ID, "download-csv").get_attribute("href")
    with urllib.request.urlopen(href.replace("format=csv", "format=jsonl")) as response:
        assert len(response.read().splitlines()) == expected


def test_keyboard_steps_through_results(web_url: str, browser: webdriver.Chrome) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(web_url + "/?q=strike")
    body = browser.find_element(By.TAG_NAME, "body")
    body.click()
    hits = browser.find_elements(By.CSS_SELECTOR, "li.hit")

    def current() -> list[int]:
        return [i for i, h in enumerate(hits) if "current" in h.get_attribute("class")]

    ActionChains(browser).send_keys("j").send_keys("j").perform()
    assert current() == [1]
    ActionChains(browser).send_keys("k").perform()
    assert current() == [0]
    ActionChains(browser).send_keys(Keys.ARROW_DOWN).perform()
    assert current() == [1]
    target = hits[1].get_attribute("data-id")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait.until(expected_conditions.url_contains("/view/" + target))
    browser.back()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "q")))
    ActionChains(browser).send_keys("/").perform()
    assert browser.switch_to.active_element.get_attribute("id") == "q"


def test_narrow_layout_puts_facets_in_a_drawer(web_url: str, browser: webdriver.Chrome,
                                               tmp_path: Path) -> None:
    wait = WebDriverWait(browser, 30)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        for path in ("/?q=strike", "/view/lpr-0001", "/story/hi-0001", "/who-said?q=port",
                     "/docs"):
            browser.get(web_url + path)
            wait.until(expected_conditions.presence_of_element_located((By.ID, "q")))
            width = browser.execute_script("return document.documentElement.scrollWidth")
            assert width <= 390, path  # nothing runs off the screen
            box = browser.find_element(By.ID, "q").rect
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, path
        browser.get(web_url + "/?q=strike")
        for element in ("search-button", "collapse", "sort", "drawer-open", "download-csv"):
            rect = browser.find_element(By.ID, element).rect
            assert rect["x"] >= 0 and rect["x"] + rect["width"] <= 390, element
        facets = browser.find_element(By.ID, "facets")
        results = browser.find_element(By.ID, "results")
        assert not facets.is_displayed() and results.location["y"] < 844  # results first
        shoot(browser, tmp_path, "web-page-390.png")
        browser.find_element(By.ID, "drawer-open").click()
        wait.until(lambda d: facets.is_displayed())
        assert browser.find_element(By.ID, "facet-outlet").is_displayed()
        shoot(browser, tmp_path, "web-page-390-filters.png")
        browser.find_element(By.ID, "drawer-close").click()
        wait.until(lambda d: not facets.is_displayed())
        browser.get(web_url + "/who-said?q=port")
        shoot(browser, tmp_path, "quotes-page-390.png")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
