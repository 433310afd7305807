"""Natural-language dates, event-date filters, cursor paging, more-like-this, query
syntax (field:value, prefix, fuzzy) and did-you-mean: Python and HTTP."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from conftest import LiveServer
from newsfacet.api import SearchService
from newsfacet.api.models import DateRange
from newsfacet.api.params import decode_cursor, parse_natural_date
from newsfacet.schema.errors import DocumentNotFound, InvalidParameter
from newsfacet.schema.fields import normal_word

AS_OF = dt.date(2024, 5, 15)


@pytest.fixture(scope="module")
def service(demo_index: Path) -> Iterator[SearchService]:
    with SearchService(demo_index) as opened:
        yield opened


def every_id(service: SearchService, **kwargs: Any) -> list[str]:
    """All hits' ids in order, by page-based paging."""
    total = service.search(per_page=1, **kwargs).total
    return [hit.id for page in range(1, (total - 1) // 100 + 2)
            for hit in service.search(page=page, per_page=100, **kwargs).hits]


def walk(service: SearchService, per_page: int, **kwargs: Any) -> list[str]:
    """All hits' ids in order, by following next_cursor."""
    results = service.search(per_page=per_page, **kwargs)
    seen = [hit.id for hit in results.hits]
    while results.next_cursor:
        results = service.search(per_page=per_page, cursor=results.next_cursor, **kwargs)
        assert results.hits, "a next_cursor must lead to more results"
        seen += [hit.id for hit in results.hits]
    return seen


def http_json(server: LiveServer, path: str, **params: Any) -> dict[str, Any]:
    status, body, _ = server.get(f"{path}?{urlencode(params, doseq=True)}")
    assert status == 200, body
    return body


# -- natural-language dates ------------------------------------------------------------


@pytest.mark.parametrize(("text", "end", "expected"), [
    ("last week", False, AS_OF - dt.timedelta(days=7)),
    ("3 days ago", False, AS_OF - dt.timedelta(days=3)),
    ("yesterday", True, AS_OF - dt.timedelta(days=1)),
    ("since January 2022", False, dt.date(2022, 1, 1)),
    ("Since 2022", False, dt.date(2022, 1, 1)),
    ("January 2022", False, dt.date(2022, 1, 1)),
    ("January 2022", True, dt.date(2022, 1, 31)),
    ("2024-03", True, dt.date(2024, 3, 31)),
    ("2023-09-13", False, dt.date(2023, 9, 13)),
])
def test_natural_dates_resolve_relative_to_as_of(text: str, end: bool,
                                                 expected: dt.date) -> None:
    assert parse_natural_date("date_from", text, end, AS_OF) == expected


def test_relative_dates_default_to_today() -> None:
    assert parse_natural_date("date_from", "yesterday", False) == (
        dt.date.today() - dt.timedelta(days=1))


@pytest.mark.parametrize(("name", "text", "end"), [
    ("date_from", "blorp", False), ("date_to", "yesterdayish", True),
    ("date_from", "5", False), ("date_to", "since 2022", True),
    ("date_from", "2024-13-45", False),
])
def test_unparseable_dates_name_the_parameter(name: str, text: str, end: bool) -> None:
    with pytest.raises(InvalidParameter, match=name):
        parse_natural_date(name, text, end, AS_OF)


def test_search_reports_the_absolute_date_range(service: SearchService) -> None:
    as_of = dt.date(2023, 9, 20)
    results = service.search(date_from="last week", as_of=as_of, per_page=100)
    start = as_of - dt.timedelta(days=7)
    assert results.date_range == DateRange(start, as_of, "published")  # as_of caps it
    assert results.to_json()["date_range"] == {"from": start.isoformat(),
                                               "to": as_of.isoformat(), "field": "published"}
    assert results.total == len(results.hits) > 0
    assert all(hit.published and start <= hit.published <= as_of for hit in results.hits)
    assert results.total == service.search(date_from=start, date_to=as_of).total
    plain = service.search()
    assert plain.date_range is None and plain.to_json()["date_range"] is None


def test_since_a_month_ends_on_as_of(service: SearchService) -> None:
    results = service.search(date_from="since September 2023", as_of=AS_OF)
    assert results.date_range == DateRange(dt.date(2023, 9, 1), AS_OF, "published")
    assert results.total == service.search(date_from=dt.date(2023, 9, 1), date_to=AS_OF).total
    open_ended = service.search(date_from="since September 2023")  # no as_of: no end
    assert open_ended.date_range == DateRange(dt.date(2023, 9, 1), None, "published")


def test_natural_dates_over_http(demo_server: LiveServer, service: SearchService) -> None:
    body = http_json(demo_server, "/search", date_from="since September 2023",
                     date_to="2023-09", as_of="2024-05-15")
    assert body["date_range"] == {"from": "2023-09-01", "to": "2023-09-30",
                                  "field": "published"}
    assert body["total"] == service.search(date_from=dt.date(2023, 9, 1),
                                           date_to=dt.date(2023, 9, 30)).total
    relative = http_json(demo_server, "/search", date_from="3 days ago", as_of="2023-09-16")
    assert relative["date_range"]["from"] == "2023-09-13"
    assert http_json(demo_server, "/search")["date_range"] is None


def test_quote_search_takes_natural_dates_and_field_queries(service: SearchService) -> None:
    since = service.search_quotes("port", date_from="since 2023", as_of=AS_OF, per_page=100)
    assert since.total == service.search_quotes("port", date_from=dt.date(2023, 1, 1)).total
    assert all(hit.document.published and hit.document.published.year >= 2023
               for hit in since.hits)
    named = service.search_quotes('speaker:"joris vermeulen"')
    assert named.total == service.search_quotes(speaker=["Joris Vermeulen"]).total > 0


@pytest.mark.parametrize(("path", "word"), [
    ("/search?date_from=blorp", "date_from"), ("/search?date_to=since%202022", "date_to"),
    ("/search?date_from=last%20week&as_of=2023-02-30", "as_of"),
    ("/quotes?date_from=blorp", "date_from"),
])
def test_bad_natural_dates_are_400_problems(tiny_server: LiveServer, path: str,
                                            word: str) -> None:
    status, body, content_type = tiny_server.get(path)
    assert status == 400 and content_type.startswith("application/problem+json")
    assert word in body["detail"]


# -- event dates -----------------------------------------------------------------------


def event_ids(service: SearchService, start: dt.date, end: dt.date) -> set[str]:
    """Documents reporting an event in range, from what extraction stored."""
    return {doc_id for doc_id in every_id(service)
            if any(start <= event.date <= end for event in service.get(doc_id).event_dates)}


def test_date_field_event_filters_on_reported_event_dates(service: SearchService) -> None:
    start, end = dt.date(2023, 9, 10), dt.date(2023, 9, 15)
    expected = event_ids(service, start, end)
    found = service.search(date_from=start, date_to=end, date_field="event", per_page=100)
    assert {hit.id for hit in found.hits} == expected and found.total == len(expected)
    published = set(every_id(service, date_from=start, date_to=end))
    assert expected != published  # a different filter, not the publication date again
    assert found.date_range == DateRange(start, end, "event")
    # combines with the query and the other filters
    strike = service.search("strike", date_from=start, date_to=end, date_field="event",
                            per_page=100)
    assert {hit.id for hit in strike.hits} == expected & set(every_id(service, q="strike"))


def test_event_dates_over_http(demo_server: LiveServer, service: SearchService) -> None:
    body = http_json(demo_server, "/search", date_from="2023-09-10", date_to="2023-09-15",
                     date_field="event", per_page=100)
    expected = event_ids(service, dt.date(2023, 9, 10), dt.date(2023, 9, 15))
    assert {hit["id"] for hit in body["hits"]} == expected
    assert body["date_range"] == {"from": "2023-09-10", "to": "2023-09-15", "field": "event"}
    status, problem, _ = demo_server.get("/search?date_from=2023&date_field=happened")
    assert status == 400 and "date_field" in problem["detail"]


def test_bad_date_field_raises(service: SearchService) -> None:
    with pytest.raises(InvalidParameter, match="date_field"):
        service.search(date_from=dt.date(2023, 1, 1), date_field="happened")


# -- cursor paging ---------------------------------------------------------------------


@pytest.mark.parametrize(("q", "sort"), [
    ("port", "relevance"), ("strike OR rotterdam", "relevance"), ("", "relevance"),
    ("", "date:asc"), ("port", "date:desc"),
])
def test_cursor_walk_visits_every_result_once_in_page_order(service: SearchService, q: str,
                                                            sort: str) -> None:
    expected = every_id(service, q=q, sort=sort)
    assert len(expected) > 3
    seen = walk(service, 3, q=q, sort=sort)
    assert seen == expected
    assert len(set(seen)) == len(seen)


def test_cursor_walk_covers_undated_documents(service: SearchService) -> None:
    undated = [doc_id for doc_id in every_id(service) if service.get(doc_id).published is None]
    assert undated  # the demo corpus has some
    for sort in ("date:desc", "date:asc"):
        seen = walk(service, 4, sort=sort)
        assert seen == every_id(service, sort=sort)
        assert seen[-len(undated):] == sorted(undated)


def test_last_page_has_no_next_cursor(service: SearchService) -> None:
    total = service.search("strike").total
    assert service.search("strike", per_page=total).next_cursor is None
    assert service.search("strike", per_page=total - 1).next_cursor is not None
    assert service.search("strike", page=2, per_page=total - 1).next_cursor is None


def test_cursor_is_url_safe_base64_json(service: SearchService) -> None:
    results = service.search("port", per_page=2)
    cursor = results.next_cursor
    assert cursor and re.fullmatch(r"[A-Za-z0-9_-]+", cursor)
    data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    assert data["id"] == results.hits[-1].id and data["score"] == results.hits[-1].score
    assert decode_cursor(cursor).id == results.hits[-1].id


@pytest.mark.parametrize("cursor", ["garbage!!", "e30", base64.urlsafe_b64encode(
    b'{"sort":"relevance","id":"x","score":"high","day":null}').decode()])
def test_malformed_cursor_raises(service: SearchService, cursor: str) -> None:
    with pytest.raises(InvalidParameter, match="cursor"):
        service.search("port", cursor=cursor)


def test_cursor_and_page_together_raise(service: SearchService) -> None:
    cursor = service.search("port", per_page=2).next_cursor
    with pytest.raises(InvalidParameter, match="cursor"):
        service.search("port", per_page=2, page=2, cursor=cursor)
    with pytest.raises(InvalidParameter, match="cursor"):
        service.search("port", per_page=2, sort="date:asc", cursor=cursor)


def article(doc_id: str, published: str | None, words: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": doc_id, "title": f"Harbour report {doc_id}",
                              "outlet": "Paging Test", "body": f"The harbour {words}."}
    if published:
        record["published"] = published
    return record


@pytest.mark.parametrize(("q", "sort"), [("", "date:desc"), ("", "date:asc"),
                                         ("harbour", "relevance")])
def test_documents_added_between_cursor_pages_do_not_shift_the_walk(
        tmp_path: Path, q: str, sort: str) -> None:
    with SearchService(tmp_path / "index") as index:
        index.add([article(f"d{i:02}", f"2024-01-{i % 5 + 1:02}",
                           "harbour " * (i % 4) + "cranes stood idle")
                   for i in range(10)] + [article("u1", None, "harbour quiet")])
        before = every_id(index, q=q, sort=sort)
        first = index.search(q, sort=sort, per_page=4)
        seen = [hit.id for hit in first.hits]
        # new documents: one that sorts first, one in the middle, one last
        index.add([article("a-new", "2025-01-01", "harbour harbour harbour harbour cranes"),
                   article("d04b", "2024-01-03", "harbour harbour cranes"),
                   article("zz-new", "2023-01-01", "quiet")])
        results = index.search(q, sort=sort, per_page=4, cursor=first.next_cursor)
        seen += [hit.id for hit in results.hits]
        while results.next_cursor:
            results = index.search(q, sort=sort, per_page=4, cursor=results.next_cursor)
            seen += [hit.id for hit in results.hits]
        assert len(seen) == len(set(seen))
        assert [doc_id for doc_id in seen if doc_id in before] == before


def test_cursor_paging_over_http(demo_server: LiveServer, service: SearchService) -> None:
    expected = every_id(service, q="port")
    body = http_json(demo_server, "/search", q="port", per_page=4)
    seen = [hit["id"] for hit in body["hits"]]
    while body["next_cursor"]:
        body = http_json(demo_server, "/search", q="port", per_page=4,
                         cursor=body["next_cursor"])
        seen += [hit["id"] for hit in body["hits"]]
    assert seen == expected


@pytest.mark.parametrize("extra", ["cursor=garbage!!", "cursor=e30", "page=2&cursor=CURSOR",
                                   "sort=date&cursor=CURSOR"])
def test_bad_cursor_is_400_problem(demo_server: LiveServer, extra: str) -> None:
    cursor = http_json(demo_server, "/search", q="port", per_page=2)["next_cursor"]
    status, body, content_type = demo_server.get(
        f"/search?q=port&per_page=2&{extra.replace('CURSOR', cursor)}")
    assert status == 400 and content_type.startswith("application/problem+json")
    assert "cursor" in body["detail"]


# -- more like this --------------------------------------------------------------------


def test_similar_documents_exclude_the_document_itself(service: SearchService) -> None:
    results = service.similar("lpr-0001", per_page=5, facets=["outlet"])
    ids = [hit.id for hit in results.hits]
    assert "lpr-0001" not in ids and len(ids) == 5
    assert results.total == service.similar("lpr-0001", per_page=100).total < service.count()
    scores = [hit.score for hit in results.hits]
    assert all(s is not None for s in scores) and scores == sorted(scores, reverse=True)
    # a story about the Rotterdam strike is most like other strike stories
    strike = set(every_id(service, q="strike"))
    assert set(ids[:3]) <= strike
    assert sum(v.count for v in results.facets["outlet"]) <= results.total
    assert results.facets["outlet"]
    assert all(not hit.snippets for hit in results.hits)  # snippets off by default
    marked = service.similar("lpr-0001", per_page=2, highlight=True)
    assert [hit.id for hit in marked.hits] == ids[:2]
    assert any("<mark>" in snippet for hit in marked.hits for snippet in hit.snippets)


def test_similar_pages_follow_on(service: SearchService) -> None:
    first = service.similar("lpr-0001", per_page=3)
    second = service.similar("lpr-0001", per_page=3, page=2)
    whole = service.similar("lpr-0001", per_page=6)
    assert [h.id for h in first.hits + second.hits] == [h.id for h in whole.hits]


def test_similar_of_unknown_document_raises(service: SearchService) -> None:
    with pytest.raises(DocumentNotFound):
        service.similar("no-such-id")


def test_similar_over_http(demo_server: LiveServer, service: SearchService) -> None:
    body = http_json(demo_server, "/documents/lpr-0001/similar", per_page=4,
                     facets="outlet", highlight="true")
    expected = service.similar("lpr-0001", per_page=4, facets=["outlet"])
    assert [hit["id"] for hit in body["hits"]] == [hit.id for hit in expected.hits]
    assert body["total"] == expected.total
    assert {v["value"]: v["count"] for v in body["facets"]["outlet"]} == {
        v.value: v.count for v in expected.facets["outlet"]}
    assert any("<mark>" in s for hit in body["hits"] for s in hit["snippets"])
    status, problem, content_type = demo_server.get("/documents/no-such-id/similar")
    assert status == 404 and content_type.startswith("application/problem+json")
    assert problem["title"] == "Document not found"
    status, _, _ = demo_server.get("/documents/lpr-0001/similar?per_page=0")
    assert status == 400
    status, document, _ = demo_server.get("/documents/lpr-0001")
    assert status == 200 and document["id"] == "lpr-0001"


# -- query syntax ----------------------------------------------------------------------


def test_speaker_field_query_matches_the_speaker_filter(service: SearchService) -> None:
    speakers = service.facet_values("speaker")
    assert len(speakers) > 5
    for value in speakers:
        by_query = set(every_id(service, q=f'speaker:"{value.value}"'))
        assert by_query == set(every_id(service, speaker=[value.value])), value.value
        assert len(by_query) == value.count
    lower = every_id(service, q='speaker:"joris vermeulen"')
    assert set(lower) == set(every_id(service, speaker=["Joris Vermeulen"])) != set()


@pytest.mark.parametrize("facet", ["outlet", "location"])
def test_outlet_and_location_field_queries_match_their_filters(service: SearchService,
                                                               facet: str) -> None:
    for value in service.facet_values(facet, size=6):
        by_query = set(every_id(service, q=f'{facet}:"{value.value}"'))
        assert by_query == set(every_id(service, **{facet: [value.value]})) != set()


def test_field_queries_combine_with_words(service: SearchService) -> None:
    both = set(every_id(service, q='strike outlet:"Northbound Wire"'))
    expected = set(every_id(service, q="strike", outlet=["Northbound Wire"]))
    assert both == expected != set()
    without = set(every_id(service, q='strike NOT outlet:"Northbound Wire"'))
    assert without == set(every_id(service, q="strike")) - expected
    titled = service.search("title:strike", per_page=100)
    assert titled.total and all("strike" in hit.title.lower() for hit in titled.hits)


def test_prefix_query_matches_words_starting_with_it(service: SearchService) -> None:
    results = service.search("elect*", per_page=100)
    assert results.total > service.search("election").total > 0
    for hit in results.hits:
        text = service.get(hit.id).body + " " + hit.title
        assert re.search(r"\belect", text, re.IGNORECASE), hit.id


def test_fuzzy_query_finds_the_misspelled_name(service: SearchService) -> None:
    assert service.search("vermeulan").total == 0
    fuzzy = set(every_id(service, q="vermeulan~"))
    assert fuzzy == set(every_id(service, q="vermeulen")) != set()
    assert set(every_id(service, q="vermeulen~")) >= fuzzy


@pytest.mark.parametrize(("typo", "word"), [("aaltone", "aaltonen"), ("acros", "across")])
def test_fuzzy_query_survives_stemming_the_typo(service: SearchService, typo: str,
                                                word: str) -> None:
    # Porter stems "aaltone" to "aalton", two edits from the indexed "aaltonen": the
    # fuzzy match must also try the word as typed
    assert normal_word(typo)[0] != typo
    expected = set(every_id(service, q=word))
    assert expected and set(every_id(service, q=f"{typo}~")) >= expected
    assert service.search(typo).total == 0


def test_fuzzy_query_on_a_new_name(tmp_path: Path) -> None:
    with SearchService(tmp_path / "index") as index:
        index.add([article("b1", "2024-01-01", "visit by General John Brennan"),
                   article("b2", "2024-01-02", "visit by the minister")])
        assert [hit.id for hit in index.search("brenan~").hits] == ["b1"]
        assert index.search("brenan").total == 0


def test_did_you_mean_suggests_a_correction_that_finds_more(service: SearchService) -> None:
    results = service.search("dockworkrs strke")
    assert results.total == 0
    assert results.did_you_mean == "dockworkers strike"
    assert service.search(results.did_you_mean).total >= 3
    assert service.search('"satelite launch"').did_you_mean == '"satellite launch"'
    assert service.search("strike").did_you_mean is None  # plenty of results
    assert service.search("zzzzqqqx").did_you_mean is None  # nothing close
    assert service.search("strke", outlet=["No Such Outlet"]).did_you_mean is None


def test_query_syntax_and_did_you_mean_over_http(demo_server: LiveServer,
                                                 service: SearchService) -> None:
    body = http_json(demo_server, "/search", q='speaker:"Joris Vermeulen"', per_page=100)
    assert {hit["id"] for hit in body["hits"]} == set(
        every_id(service, speaker=["Joris Vermeulen"]))
    fuzzy = http_json(demo_server, "/search", q="vermeulan~", per_page=100)
    assert {hit["id"] for hit in fuzzy["hits"]} == set(every_id(service, q="vermeulen"))
    prefix = http_json(demo_server, "/search", q="elect*")
    assert prefix["total"] == service.search("elect*").total > 0
    typo = http_json(demo_server, "/search", q="rotterdm")
    assert typo["total"] == 0 and typo["did_you_mean"] == "rotterdam"
    assert http_json(demo_server, "/search", q="rotterdam")["did_you_mean"] is None
    status, problem, _ = demo_server.get("/search?q=" + quote('speaker:"Joris'))
    assert status == 400 and problem["title"] == "Invalid query"
