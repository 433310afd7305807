"""Multi-select facets, facet value search, date intervals and index stats: Python and HTTP."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from conftest import LiveServer
from newsfacet.api import FacetValue, SearchService
from newsfacet.indexer.store import IndexStore
from newsfacet.schema.errors import InvalidParameter, UnknownFacet


@pytest.fixture(scope="module")
def service(demo_index: Path) -> Iterator[SearchService]:
    with SearchService(demo_index) as opened:
        yield opened


def counts(values: list[FacetValue]) -> dict[str, int]:
    return {v.value: v.count for v in values}


def json_counts(values: list[dict[str, Any]]) -> dict[str, int]:
    return {v["value"]: v["count"] for v in values}


def has_word_prefix(value: str, prefix: str) -> bool:
    return any(word.lower().startswith(prefix.lower())
               for word in [value, *re.split(r"[\W_]+", value)])


def all_hits(service: SearchService, **filters: Any) -> list[Any]:
    total = service.search(per_page=1, **filters).total
    return [hit for page in range(1, (total - 1) // 100 + 2)
            for hit in service.search(page=page, per_page=100, **filters).hits]


# -- multi-select facets ---------------------------------------------------------------


def test_a_filtered_facet_counts_without_its_own_filter(service: SearchService) -> None:
    everything = service.search(facets=["outlet", "speaker"], facet_size=1000)
    top = everything.facets["outlet"][0]
    outlet, outlet_count = top.value, top.count
    chosen = service.search(outlet=[outlet], facets=["outlet", "speaker"], facet_size=1000)
    assert chosen.total == outlet_count < everything.total
    assert all(hit.outlet == outlet for hit in chosen.hits)
    # the other outlets stay visible, with their unfiltered counts ...
    assert counts(chosen.facets["outlet"]) == counts(everything.facets["outlet"])
    assert len(chosen.facets["outlet"]) > 1
    # ... while the speakers are counted over the chosen outlet's documents only
    assert counts(chosen.facets["speaker"]) != counts(everything.facets["speaker"])
    for value in chosen.facets["speaker"]:
        assert service.search(outlet=[outlet], speaker=[value.value]).total == value.count


def test_each_filtered_facet_counts_with_the_other_filters(service: SearchService) -> None:
    everything = service.search(facets=["speaker"], facet_size=1000)
    speaker = everything.facets["speaker"][0].value
    outlet = service.search(speaker=[speaker], facets=["outlet"]).facets["outlet"][0].value
    both = service.search(outlet=[outlet], speaker=[speaker],
                          facets=["outlet", "speaker", "location"], facet_size=1000)
    by_speaker = service.search(speaker=[speaker], facets=["outlet"], facet_size=1000)
    by_outlet = service.search(outlet=[outlet], facets=["speaker"], facet_size=1000)
    assert counts(both.facets["outlet"]) == counts(by_speaker.facets["outlet"])
    assert counts(both.facets["speaker"]) == counts(by_outlet.facets["speaker"])
    # an unfiltered facet and the hits use every filter
    hits = all_hits(service, outlet=[outlet], speaker=[speaker])
    assert both.total == len(hits) > 0
    assert all(hit.outlet == outlet and speaker in hit.speakers for hit in hits)
    for value in both.facets["location"][:5]:
        narrowed = service.search(outlet=[outlet], speaker=[speaker], location=[value.value])
        assert narrowed.total == value.count


def test_the_date_range_narrows_the_date_histogram(service: SearchService) -> None:
    results = service.search(date_from=dt.date(2024, 1, 1), facets=["date"])
    assert results.facets["date"] and all(v.value >= "2024-01" for v in results.facets["date"])
    assert sum(v.count for v in results.facets["date"]) == results.total


def test_quote_facets_are_multi_select_too(service: SearchService) -> None:
    everyone = service.search_quotes(facets=["speaker"], facet_size=1000)
    top = everyone.facets["speaker"][0]
    mine = service.search_quotes(speaker=[top.value], facets=["speaker"], facet_size=1000)
    assert mine.total == top.count
    assert counts(mine.facets["speaker"]) == counts(everyone.facets["speaker"])


def test_multi_select_over_http(demo_server: LiveServer, service: SearchService) -> None:
    _, everything, _ = demo_server.get("/search?facets=outlet&facet_size=1000")
    outlet = everything["facets"]["outlet"][-1]["value"]
    status, chosen, _ = demo_server.get(
        f"/search?outlet={quote(outlet)}&facets=outlet,speaker&facet_size=1000&per_page=100")
    assert status == 200
    assert {hit["outlet"] for hit in chosen["hits"]} == {outlet}
    assert json_counts(chosen["facets"]["outlet"]) == json_counts(everything["facets"]["outlet"])
    expected = service.search(outlet=[outlet], facets=["speaker"], facet_size=1000)
    assert json_counts(chosen["facets"]["speaker"]) == counts(expected.facets["speaker"])
    assert chosen["total"] == expected.total


# -- facet value search ----------------------------------------------------------------


def test_facet_values_match_a_prefix_of_any_word(service: SearchService) -> None:
    everything = counts(service.search(facets=["speaker"], facet_size=1000).facets["speaker"])
    name = next(n for n in everything if len(n.split()) > 1)
    prefix = name.split()[-1][:3].upper()  # a later word, in the wrong case
    found = service.facet_values("speaker", prefix)
    assert name in counts(found)
    assert counts(found) == {n: c for n, c in everything.items() if has_word_prefix(n, prefix)}
    assert [v.count for v in found] == sorted((v.count for v in found), reverse=True)
    assert service.facet_values("speaker", "zzqx") == []


def test_facet_values_are_most_frequent_first_and_sized(service: SearchService) -> None:
    top = service.search(facets=["location"], facet_size=3).facets["location"]
    assert service.facet_values("location", size=3) == top
    assert len(service.facet_values("location")) == len(
        service.search(facets=["location"], facet_size=1000).facets["location"])


def test_date_facet_values_are_months(service: SearchService) -> None:
    months = counts(service.search(facets=["date"]).facets["date"])
    year = min(months)[:4]
    found = service.facet_values("date", year)
    assert counts(found) == {m: c for m, c in months.items() if m.startswith(year)}


def test_bad_facet_value_searches_raise(service: SearchService) -> None:
    with pytest.raises(UnknownFacet):
        service.facet_values("colour")
    with pytest.raises(InvalidParameter):
        service.facet_values("speaker", "a", size=0)


def test_facet_values_over_http(demo_server: LiveServer, service: SearchService) -> None:
    everything = counts(service.search(facets=["location"], facet_size=1000).facets["location"])
    status, body, content_type = demo_server.get("/facets/location?prefix=neth&size=10")
    assert status == 200 and content_type.startswith("application/json")
    assert body["facet"] == "location" and body["prefix"] == "neth"
    assert body["values"]
    for value in body["values"]:
        assert has_word_prefix(value["value"], "neth")
        assert value["count"] == everything[value["value"]]
    expected = {n: c for n, c in everything.items() if has_word_prefix(n, "neth")}
    assert json_counts(body["values"]) == dict(list(expected.items())[:10])
    _, one, _ = demo_server.get("/facets/outlet?size=1")
    top = service.search(facets=["outlet"], facet_size=1).facets["outlet"][0]
    assert one["values"] == [{"value": top.value, "count": top.count}]


@pytest.mark.parametrize("path", ["/facets/colour", "/facets/speaker?size=0",
                                  "/facets/speaker?size=lots", "/facets/speaker?size=5000"])
def test_bad_facet_value_search_is_400_problem(tiny_server: LiveServer, path: str) -> None:
    status, body, content_type = tiny_server.get(path)
    assert status == 400 and content_type.startswith("application/problem+json")
    assert body["status"] == 400 and body["detail"]


# -- date histogram interval -----------------------------------------------------------


def test_week_buckets_are_mondays_and_sum_to_the_dated_hits(service: SearchService) -> None:
    weeks = service.search(facets=["date"], interval="week").facets["date"]
    dated = [hit.published for hit in all_hits(service) if hit.published]
    assert sum(v.count for v in weeks) == len(dated)
    labels = [v.value for v in weeks]
    assert labels == sorted(labels)
    assert all(dt.date.fromisoformat(label).weekday() == 0 for label in labels)
    expected = Counter((d - dt.timedelta(days=d.weekday())).isoformat() for d in dated)
    assert counts(weeks) == dict(expected)


@pytest.mark.parametrize(("interval", "label"), [
    ("day", lambda d: d.isoformat()), ("month", lambda d: d.strftime("%Y-%m")),
    ("year", lambda d: str(d.year)),
])
def test_day_month_and_year_buckets(service: SearchService, interval: str, label: Any) -> None:
    buckets = service.search("port", facets=["date"], interval=interval).facets["date"]
    dated = [hit.published for hit in all_hits(service, q="port") if hit.published]
    assert counts(buckets) == dict(Counter(label(d) for d in dated))
    assert [v.value for v in buckets] == sorted(v.value for v in buckets)


def test_month_is_the_default_interval(service: SearchService) -> None:
    assert (service.search(facets=["date"]).facets["date"]
            == service.search(facets=["date"], interval="month").facets["date"])


def test_bad_interval_raises(service: SearchService) -> None:
    with pytest.raises(InvalidParameter, match="interval"):
        service.search(facets=["date"], interval="fortnight")


def test_interval_over_http(demo_server: LiveServer) -> None:
    status, body, _ = demo_server.get("/search?facets=date&interval=week&per_page=100")
    assert status == 200
    dated = [hit["published"] for hit in body["hits"] if hit["published"]]
    assert body["total"] <= 100
    assert sum(v["count"] for v in body["facets"]["date"]) == len(dated)
    assert all(dt.date.fromisoformat(v["value"]).weekday() == 0 for v in body["facets"]["date"])
    _, years, _ = demo_server.get("/search?facets=date&interval=year")
    assert all(re.fullmatch(r"\d{4}", v["value"]) for v in years["facets"]["date"])


def test_bad_interval_is_400_problem(tiny_server: LiveServer) -> None:
    status, body, content_type = tiny_server.get("/search?facets=date&interval=fortnight")
    assert status == 400 and content_type.startswith("application/problem+json")
    assert body["title"] == "Invalid parameter" and "interval" in body["detail"]


# -- stats -----------------------------------------------------------------------------


def test_stats_describe_the_live_generation(service: SearchService, demo_index: Path) -> None:
    stats = service.stats()
    store = IndexStore(demo_index)
    gen = store.current_path()
    meta = IndexStore.read_meta(gen)
    assert stats.documents == service.count() > 0
    assert stats.generation == gen.name == store.current_name()
    quote_bytes = sum(p.stat().st_size for p in (gen / "quotes").rglob("*") if p.is_file())
    assert quote_bytes > 0
    assert stats.size_bytes == sum(p.stat().st_size for p in gen.rglob("*") if p.is_file())
    assert stats.size_bytes > quote_bytes
    assert stats.whoosh_version == meta["whoosh_version"]
    assert stats.schema_version == meta["schema_version"]
    assert stats.extractor_version == str(meta["extractor_version"])
    assert stats.last_indexed_at == dt.datetime.fromisoformat(meta["last_indexed_at"])
    assert stats.facets == {
        "outlet": len(service.facet_values("outlet")),
        "speaker": len(service.facet_values("speaker")),
        "location": len(service.facet_values("location")),
        "date": len(service.search(facets=["date"]).facets["date"]),
        "story": len(service.facet_values("story")),
    }


def test_stats_over_http(demo_server: LiveServer, service: SearchService) -> None:
    status, body, content_type = demo_server.get("/stats")
    assert status == 200 and content_type.startswith("application/json")
    expected = service.stats()
    assert body == {**expected.to_json(), "size_bytes": body["size_bytes"]}
    assert body["size_bytes"] > 0 and body["documents"] == service.count()
    assert body["last_indexed_at"] and dt.datetime.fromisoformat(body["last_indexed_at"])


def test_the_date_histogram_is_not_cut_by_facet_size(demo_index: Path) -> None:
    """As Elasticsearch's date_histogram: every bucket of the range, in calendar order,
    whatever facet_size says; the other facets are cut to it."""
    with SearchService(demo_index) as service:
        full = service.search(facets=["date", "outlet"], facet_size=1000).facets
        cut = service.search(facets=["date", "outlet"], facet_size=1).facets
    assert len(full["date"]) > 1
    assert cut["date"] == full["date"]
    assert [b.value for b in cut["date"]] == sorted(b.value for b in full["date"])
    assert len(cut["outlet"]) == 1 < len(full["outlet"])
