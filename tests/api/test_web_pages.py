"""The web pages of issue 19, rendered by the real app over the demo corpus: the story
page, the quotes page, active-filter chips, "show more" on facets, export links, a search
box on every page, places that name their country once, and /docs without reST."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from test_web import Page, get, web_app

from newsfacet.api import SearchService
from newsfacet.api.web_parts import place_label


@pytest.fixture(scope="module")
def client(demo_index: Path) -> Iterator[FlaskClient]:
    app = web_app(demo_index)
    yield app.test_client()
    app.extensions["newsfacet"].close()


@pytest.fixture(scope="module")
def service(demo_index: Path) -> Iterator[SearchService]:
    with SearchService(demo_index) as opened:
        yield opened


def query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_story_page_lists_members_with_what_each_changed(client: FlaskClient,
                                                         service: SearchService) -> None:
    story = service.story("hi-0001")
    html, page = get(client, "/story/hi-0001")
    members = [li["data-id"] for li in page.find("li") if "story-member" in li.get("class", "")]
    assert members == [m.id for m in story.members] and members[0] == story.origin
    assert "origin" in page.find("li", data_id=story.origin)[0]["class"]
    for member in story.members:
        assert str(escape(member.title)) in html and str(escape(member.outlet)) in html
        if member.changes is None:
            continue
        added = html[html.index(f'data-id="{member.id}"'):]
        for text in (*member.changes.added_paragraphs, *member.changes.dropped_paragraphs):
            assert str(escape(text)) in added
        for quote in (*member.changes.added_quotes, *member.changes.dropped_quotes):
            assert f"<q>{escape(quote.text)}</q>" in added
    assert page.find("section", class_="added") and page.find("section", class_="dropped")
    get(client, "/story/no-such-story", status=404)


def test_quotes_page_searches_by_speaker_and_subject(client: FlaskClient,
                                                     service: SearchService) -> None:
    expected = service.search_quotes("port", speaker=["Joris Vermeulen"], per_page=10)
    assert expected.total > 0
    html, page = get(client, "/who-said?q=port&speaker=Joris+Vermeulen")
    hits = page.find("li", class_="hit quote")
    assert [h["data-id"] for h in hits] == [h.id for h in expected.hits]
    assert {h["data-speaker"] for h in hits} == {"Joris Vermeulen"}
    links = {a["href"] for a in page.find("a", class_="hit-title")}
    assert links == {f"/view/{h.document.id}" for h in expected.hits}
    assert "<mark>port</mark>" in html.lower()
    csv = page.find("a", id="download-csv")[0]["href"]
    assert urlsplit(csv).path == "/quotes" and query(csv)["format"] == ["csv"]
    assert query(csv)["speaker"] == ["Joris Vermeulen"]
    chip = page.find("span", class_="chip")
    assert [c["data-value"] for c in chip] == ["Joris Vermeulen"]
    get(client, "/who-said?page=0", status=400)


def test_filters_show_as_removable_chips(client: FlaskClient) -> None:
    _, page = get(client, "/?q=strike&outlet=Northbound+Wire&outlet=Kestrel+Daily"
                          "&speaker=Elke+Brandsma&date_from=2023-09&sort=date:asc")
    chips = {(c["data-name"], c["data-value"]) for c in page.find("span", class_="chip")}
    assert chips == {("outlet", "Northbound Wire"), ("outlet", "Kestrel Daily"),
                     ("speaker", "Elke Brandsma"), ("date", "2023-09-01 – …")}
    removes = [a["href"] for a in page.find("a", class_="chip-remove")]
    assert query(removes[0]) == {"q": ["strike"], "outlet": ["Kestrel Daily"],
                                 "speaker": ["Elke Brandsma"], "date_from": ["2023-09"],
                                 "sort": ["date:asc"]}
    clear = page.find("a", id="clear-all")[0]["href"]
    assert query(clear) == {"q": ["strike"], "sort": ["date:asc"]}


def test_a_story_filter_shows_as_a_chip_linking_its_page(client: FlaskClient) -> None:
    _, page = get(client, "/?story=hi-0001")
    chip = page.find("span", class_="chip")
    assert [(c["data-name"], c["data-value"]) for c in chip] == [("story", "hi-0001")]
    assert page.find("a", class_="chip-more")[0]["href"] == "/story/hi-0001"
    assert query(page.find("a", class_="chip-remove")[0]["href"]) == {}


def test_facets_show_more_behind_a_summary(client: FlaskClient, service: SearchService) -> None:
    speakers = service.search(facets=["speaker"], facet_size=1000).facets["speaker"]
    assert len(speakers) > 10
    html, page = get(client, "/")
    card = html[html.index('id="facet-speaker"'):]
    card = card[:card.index("</section>")]
    assert f"Show {len(speakers) - 10} more" in card
    listed = re.findall(r'data-facet="speaker" data-value="([^"]+)"', card)
    assert listed == [v.value for v in speakers]
    assert page.find("input", class_="facet-filter", data_facet="speaker")[0][
        "data-suggest"] == "/facets/speaker"


def test_export_links_keep_the_search(client: FlaskClient) -> None:
    _, page = get(client, "/?q=strike&outlet=Northbound+Wire&page=2&per_page=5")
    csv = page.find("a", id="download-csv")[0]["href"]
    assert urlsplit(csv).path == "/search"
    assert query(csv) == {"q": ["strike"], "outlet": ["Northbound Wire"], "format": ["csv"]}
    response = client.get(csv)
    assert response.mimetype == "text/csv"
    assert len(response.get_data(as_text=True).strip().splitlines()) == 1 + 3


@pytest.mark.parametrize("path", ["/", "/view/lpr-0001", "/story/hi-0001", "/who-said",
                                  "/docs", "/view/no-such-id"])
def test_every_page_has_a_search_box(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    page = Page(response.get_data(as_text=True))
    boxes = page.find("input", id="q")
    assert boxes and boxes[0]["type"] == "search", path
    forms = [attrs for tag, attrs in page.tags if tag == "form" and attrs.get("role") == "search"]
    assert forms, path


def test_places_name_their_country_once(client: FlaskClient, service: SearchService) -> None:
    html, _ = get(client, "/view/lpr-0001")
    shown = re.findall(r'<span class="label">([^<]+)</span>', html)
    assert shown and all(not re.search(r"\b(\w+)\W+\1\b", label) for label in shown), shown
    doc = service.get("lpr-0001")
    assert len(shown) == len(doc.locations)
    _, results = get(client, "/?q=strike")
    places = " · ".join("".join(results.text).split("·"))
    assert "Singapore, Singapore" not in places and "Germany Germany" not in places


@given(st.lists(st.sampled_from(["Singapore", "Germany", "The Netherlands", "Netherlands",
                                 "Rotterdam", "Hamburg", "the Netherlands"]),
                min_size=1, max_size=4),
       st.sampled_from([None, "Singapore", "Germany", "The Netherlands", "Netherlands"]))
def test_place_labels_never_repeat_a_name_in_a_row_nor_the_country(parts: list[str],
                                                                   country: str | None) -> None:
    shown = place_label(", ".join(parts), country)
    names = [p.strip() for p in shown.split(",")]
    folded = [n.casefold().removeprefix("the ") for n in names]
    assert all(a != b for a, b in itertools.pairwise(folded))
    if country:
        assert folded.count(country.casefold().removeprefix("the ")) >= 1
        assert " ".join(names).count(country) <= max(1, ", ".join(parts).count(country))
    assert set(folded) <= {p.casefold().removeprefix("the ") for p in [*parts, country or ""]}


def test_docs_show_no_rest_markup(client: FlaskClient) -> None:
    html = client.get("/docs").get_data(as_text=True)
    assert not re.search(r"``|:(class|func|meth|mod|data|attr):`", html)
    assert "<code>format</code>" in html or "<code>csv</code>" in html
    spec = client.get("/openapi.json").get_json()
    text = str(spec)
    assert "``" not in text and ":class:`" not in text
