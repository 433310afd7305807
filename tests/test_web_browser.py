"""The web search page in a real headless browser (Debian's chromium and chromedriver,
driven by Selenium) against the app on a real socket: search, click a facet, screenshot.

``NEWSFACET_SCREENSHOT=path`` keeps the screenshot (``make screenshot`` writes
``docs/web-page.png``).
"""

from __future__ import annotations

import os
import threading
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
from selenium.webdriver.common.by import By  # noqa: E402
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
def browser() -> Iterator[webdriver.Chrome]:
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
    # An explicit driver path: Selenium Manager is never asked to download anything.
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def total(driver: webdriver.Chrome) -> int:
    return int(driver.find_element(By.ID, "total").get_attribute("data-total"))


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

    target = Path(os.environ.get("NEWSFACET_SCREENSHOT") or tmp_path / "web-page.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(target))
    data = target.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000

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
    for path in ("/?q=strike", "/view/port-strike-day2", "/docs", "/view/no-such-id"):
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
