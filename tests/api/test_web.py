"""The web search page (``newsfacet.api.web``): results, facets, histogram, document view,
escaping and errors, rendered by the real app over a real index of the demo corpus."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from newsfacet.api import SearchService
from newsfacet.api.http import create_app
from newsfacet.api.web import blueprint


def web_app(index: Path) -> Flask:
    """The API app with the web page; works whether or not create_app registers it."""
    app = create_app({"INDEX": str(index), "TESTING": False})
    if "web" not in app.blueprints:
        app.register_blueprint(blueprint)
    return app


@pytest.fixture(scope="module")
def client(demo_index: Path) -> Iterator[FlaskClient]:
    app = web_app(demo_index)
    yield app.test_client()
    app.extensions["newsfacet"].close()


@pytest.fixture(scope="module")
def service(demo_index: Path) -> Iterator[SearchService]:
    with SearchService(demo_index) as opened:
        yield opened


class Page(HTMLParser):
    """Start tags with their attributes, in document order, plus the visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        """Tags whose attributes include these (``class_`` for class, ``-`` for ``_``)."""
        want = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [a for t, a in self.tags
                if t == tag and all(a.get(k) == v for k, v in want.items())]


def get(client: FlaskClient, url: str, status: int = 200) -> tuple[str, Page]:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    return html, Page(html)


def facet_links(page: Page, facet: str) -> dict[str, dict[str, str]]:
    return {a["data-value"]: a for a in page.find("a", data_facet=facet)}


def test_search_page_shows_ranked_hits_with_highlights(client: FlaskClient,
                                                       service: SearchService) -> None:
    html, page = get(client, "/?q=strike")
    expected = service.search("strike")
    hits = page.find("li", class_="hit")
    assert [h["data-id"] for h in hits] == [h.id for h in expected.hits]
    assert page.find("span", id="total")[0]["data-total"] == str(expected.total)
    assert "<mark>strike</mark>" in html.lower()
    assert page.find("input", id="q")[0]["value"] == "strike"
    links = {a["href"] for a in page.find("a", class_="hit-title")}
    assert {f"/view/{h.id}" for h in expected.hits} <= links
    assert " ms)" in "".join(page.text)


def test_facet_values_toggle_the_repeated_filter_parameter(client: FlaskClient) -> None:
    _, page = get(client, "/?q=strike")
    outlets = facet_links(page, "outlet")
    assert len(outlets) >= 2 and all(a["aria-checked"] == "false" for a in outlets.values())
    first, second = list(outlets)[:2]
    assert parse_qs(urlsplit(outlets[first]["href"]).query) == {"q": ["strike"],
                                                                "outlet": [first]}
    _, page = get(client, outlets[first]["href"])
    selected = facet_links(page, "outlet")
    assert selected[first]["aria-checked"] == "true"
    checked = [a for a in page.find("input", type="checkbox") if "checked" in a]
    assert len(checked) == 1
    # Adding a second value keeps the first; removing the first keeps the second.
    both = parse_qs(urlsplit(selected[second]["href"]).query)
    assert both == {"q": ["strike"], "outlet": [first, second]}
    _, page = get(client, selected[second]["href"])
    again = facet_links(page, "outlet")
    assert parse_qs(urlsplit(again[first]["href"]).query) == {"q": ["strike"],
                                                              "outlet": [second]}
    assert parse_qs(urlsplit(selected[first]["href"]).query) == {"q": ["strike"]}


def test_selected_outlet_filters_hits_and_keeps_other_outlets_visible(
        client: FlaskClient, service: SearchService) -> None:
    counts = {v.value: v.count for v in service.search(facets=["outlet"]).facets["outlet"]}
    outlet = "Northbound Wire"
    _, page = get(client, f"/?outlet={outlet.replace(' ', '+')}&per_page=100")
    hits = page.find("li", class_="hit")
    assert len(hits) == counts[outlet] > 0
    assert {h["data-outlet"] for h in hits} == {outlet}
    assert page.find("span", id="total")[0]["data-total"] == str(counts[outlet])
    # Multi-select: the other outlets are still listed, with their unfiltered counts.
    listed = facet_links(page, "outlet")
    assert len(listed) == min(len(counts), 10) and outlet in listed


def test_date_histogram_has_one_bar_per_month_with_its_count(
        client: FlaskClient, service: SearchService) -> None:
    months = {v.value: v.count for v in
              service.search(facets=["date"], facet_size=1000).facets["date"]}
    _, page = get(client, "/")
    bars = page.find("a", class_="bar")
    shown = {b["data-label"]: int(b["data-count"]) for b in bars}
    assert {k: v for k, v in shown.items() if v} == months
    assert list(shown) == sorted(shown) and min(shown) == min(months)
    for bar in bars:
        assert bar["title"].startswith(f"{bar['data-label']}: {bar['data-count']} document")
    heights = [s["class"] for t, s in page.tags if t == "span" and s.get("class", "")[:1] == "h"
               and s["class"][1:].isdigit()]
    tallest = max(months.values())
    expected = [f"h{round(100 * shown[label] / tallest)}" for label in shown]
    assert heights == expected
    # A bar narrows the search to its month.
    busiest = max(months, key=lambda m: months[m])
    href = next(b["href"] for b in bars if b["data-label"] == busiest)
    _, narrowed = get(client, href)
    assert narrowed.find("span", id="total")[0]["data-total"] == str(months[busiest])


def test_sort_and_pages(client: FlaskClient, service: SearchService) -> None:
    _, page = get(client, "/?sort=date:asc&per_page=5")
    assert page.find("option", value="date:asc")[0].get("selected") == ""
    expected = service.search(sort="date:asc", per_page=10)
    assert [h["data-id"] for h in page.find("li", class_="hit")] == \
        [h.id for h in expected.hits[:5]]
    assert not page.find("a", id="prev")
    following = page.find("a", id="next")[0]["href"]
    _, second = get(client, following)
    assert [h["data-id"] for h in second.find("li", class_="hit")] == \
        [h.id for h in expected.hits[5:10]]
    assert parse_qs(urlsplit(second.find("a", id="prev")[0]["href"]).query) == {
        "sort": ["date:asc"], "per_page": ["5"]}


def test_document_view_shows_body_speakers_quotes_places_and_dates(
        client: FlaskClient, service: SearchService) -> None:
    doc = service.get("port-strike-day2")
    html, _ = get(client, "/view/port-strike-day2")
    assert str(escape(doc.title)) in html
    assert doc.outlet and str(escape(doc.outlet)) in html
    assert doc.published and doc.published.isoformat() in html
    assert doc.speakers and doc.locations and doc.event_dates
    for speaker in doc.speakers:
        assert f"<h3>{escape(speaker.name)}</h3>" in html
        for quote in speaker.quotes:
            assert f"<q>{escape(quote.text)}</q>" in html
    for place in doc.locations:
        assert f'<span class="label">{escape(place.label)}</span>' in html
    for event in doc.event_dates:
        assert event.date.isoformat() in html
    paragraphs = [p for p in doc.body.split("\n\n") if p.strip()]
    assert html.count("<p>", html.index('id="doc-body"')) >= len(paragraphs)


def test_stored_markup_is_escaped_everywhere(tmp_path: Path) -> None:
    index = tmp_path / "index"
    with SearchService(index) as service:
        service.add([{"id": "x<1>", "title": "Evil <script>alert(1)</script> headline",
                      "body": "Visitors saw <script>alert(1)</script> in Lyon, France.\n\n"
                              "\"<b>Bold</b> claims,\" said Mayor Ana <i>Lindqvist</i>.",
                      "outlet": "Outlet <img src=x onerror=alert(2)>",
                      "published": "2024-05-01"}])
    app = web_app(index)
    try:
        client = app.test_client()
        for url in ("/?q=alert", "/?q=visitors", "/", "/view/x%3C1%3E"):
            html, _ = get(client, url)
            assert "<script>alert" not in html
            assert "<img src=x" not in html and "<b>Bold" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
        _, page = get(client, "/?q=alert")
        assert page.find("a", class_="hit-title")[0]["href"] == "/view/x%3C1%3E"
    finally:
        app.extensions["newsfacet"].close()


def test_bad_parameter_renders_the_page_with_the_error_and_a_400(client: FlaskClient) -> None:
    html, page = get(client, "/?q=strike&per_page=0", status=400)
    assert "per_page: must be between 1 and 100" in html
    assert page.find("div", id="error") and page.find("input", id="q")[0]["value"] == "strike"
    html, _ = get(client, "/?q=%22unclosed&sort=sideways", status=400)
    assert "sort" in html
    get(client, "/?date_from=2024-13-40", status=400)


def test_unknown_document_is_a_404_page(client: FlaskClient) -> None:
    html, page = get(client, "/view/no-such-document", status=404)
    assert "Document not found" in html and "no-such-document" in html
    assert page.find("div", id="error")


def test_json_api_is_unchanged_by_the_web_page(client: FlaskClient) -> None:
    response = client.get("/search?q=strike&per_page=0")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    response = client.get("/documents/no-such-document")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_one_result_per_story_lists_the_other_copies(client: FlaskClient,
                                                     service: SearchService) -> None:
    html, page = get(client, "/?q=TIDEMARK+launch&collapse=story")
    ids = [a["data-id"] for a in page.find("li", class_="hit")]
    assert "hi-0001" in ids and "lpr-0006" not in ids  # the release stands for its copy
    members = {a["data-id"] for a in page.find("a", class_="member")}
    assert "lpr-0006" in members
    assert page.find("input", id="collapse", checked="")
    everything = service.search("TIDEMARK launch", collapse="story")
    assert f'{everything.total} stories ({everything.total_documents} documents)' in html
    _, plain = get(client, "/?q=TIDEMARK+launch")
    assert not plain.find("a", class_="member")
    assert {"hi-0001", "lpr-0006"} <= {a["data-id"] for a in plain.find("li", class_="hit")}


def test_document_view_lists_its_story_with_what_each_copy_changed(
        client: FlaskClient) -> None:
    html, page = get(client, "/view/lpr-0006")
    members = [li["data-id"] for li in page.find("li") if "data-id" in li]
    assert members == ["hi-0001", "lpr-0006"]  # the origin first
    assert "2 paragraphs added, 2 dropped; 2 quotes added, 2 dropped" in html
    _, alone = get(client, "/view/kd-0003")
    assert not alone.find("section", id="story")


# -- stored URLs and the Content-Security-Policy (issue 14, item 4) -------------------------

URLS = {
    "js": "javascript:alert(document.domain)",
    "js-case": "JaVaScRiPt:alert(document.domain)",
    "js-control": "\x01\x02javascript:alert(1)",
    "js-tab": "java\tscript:alert(1)",
    "js-newline": "jav\nascript:alert(1)",
    "data": "data:text/html,<script>alert(1)</script>",
    "data-case": "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
    "relative": "/view/other",
    "no-authority": "https:example.test",
    "http": "http://example.test/a?b=1&c=2",
    "https-case": "HTTPS://Example.test/B",
    "https-spaced": "\x1f https://example.test/c",
}
LINKED = {"http": "http://example.test/a?b=1&c=2", "https-case": "HTTPS://Example.test/B",
          "https-spaced": "https://example.test/c"}


@pytest.fixture(scope="module")
def urls_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    index = tmp_path_factory.mktemp("urls") / "index"
    with SearchService(index) as service:
        report = service.add([{"id": name, "title": f"Lighthouse {name}", "url": url,
                               "body": "The lighthouse in Porto, Portugal reopened."}
                              for name, url in URLS.items()])
        assert report.added == len(URLS) and not report.problems  # stored as given
    app = web_app(index)
    yield app.test_client()
    app.extensions["newsfacet"].close()


@pytest.mark.parametrize("name", URLS)
def test_only_http_and_https_urls_become_links(urls_client: FlaskClient, name: str) -> None:
    html, page = get(urls_client, f"/view/{name}")
    hrefs = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert not [h for h in hrefs if h.lower().lstrip("\x00\x01\x02\x1f ").startswith(
        ("javascript", "java", "jav", "data", "vbscript", "file"))]
    section = html[html.index('id="doc-url"'):]
    section = section[:section.index("</p>")]
    if name in LINKED:
        assert f'href="{escape(LINKED[name])}"' in section
    else:
        assert "<a" not in section and str(escape(URLS[name])) in section


@pytest.mark.parametrize("path", ["/", "/?q=lighthouse", "/view/http", "/view/missing",
                                  "/?page=0", "/docs"])
def test_every_page_sends_a_strict_policy_and_nosniff(urls_client: FlaskClient,
                                                      path: str) -> None:
    response = urls_client.get(path)
    assert response.mimetype == "text/html"
    policy = dict(part.strip().split(" ", 1) for part in
                  response.headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # what the policy would block must not be there: inline script, style, handlers
    page = Page(response.get_data(as_text=True))
    assert not [attrs for _, attrs in page.tags if "style" in attrs
                or any(name.startswith("on") for name in attrs)]
    assert not [tag for tag, _ in page.tags if tag == "style"]
    assert all(attrs.get("src") for tag, attrs in page.tags if tag == "script")


@pytest.mark.parametrize("path", ["/search?q=lighthouse", "/documents/http", "/nowhere",
                                  "/openapi.json", "/web-static/web.css", "/web-static/web.js"])
def test_every_answer_sends_nosniff(urls_client: FlaskClient, path: str) -> None:
    response = urls_client.get(path)
    response.close()  # static files are streamed from an open file
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src" in response.headers["Content-Security-Policy"]
