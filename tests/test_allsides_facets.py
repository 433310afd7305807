"""2,000 real articles from ../shared: facet counts match counts computed from the JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ALLSIDES_SAMPLE
from newsfacet.api import SearchService
from newsfacet.indexer.extract import extract
from newsfacet.schema.document import Article
from newsfacet.schema.fields import location_values, speaker_values

SAMPLE = ALLSIDES_SAMPLE


@pytest.fixture(scope="module")
def allsides(
    allsides_sample: tuple[list[dict], Path],
) -> Iterator[tuple[list[dict], SearchService]]:
    records, index = allsides_sample
    with SearchService(index) as service:
        yield records, service


def _counts(values: list) -> dict[str, int]:
    return {v.value: v.count for v in values}


def test_outlet_counts_match_the_json(allsides: tuple[list[dict], SearchService]) -> None:
    records, service = allsides
    expected = Counter(r["outlet"] for r in records)
    results = service.search(facets=["outlet"], facet_size=1000)
    assert results.total == SAMPLE
    assert _counts(results.facets["outlet"]) == dict(expected)


def test_month_counts_match_the_json(allsides: tuple[list[dict], SearchService]) -> None:
    records, service = allsides
    expected = Counter(r["published"][:7] for r in records if r["published"])
    assert _counts(service.search(facets=["date"]).facets["date"]) == dict(expected)


def test_outlet_filter_with_query_matches_the_json(
    allsides: tuple[list[dict], SearchService],
) -> None:
    records, service = allsides
    outlet = Counter(r["outlet"] for r in records).most_common(1)[0][0]
    expected = {r["id"] for r in records if r["outlet"] == outlet}
    results = service.search(outlet=[outlet], per_page=100, facets=["outlet"],
                             facet_size=1000)
    assert results.total == len(expected)
    # multi-select: the outlet facet ignores its own filter and shows every outlet
    assert _counts(results.facets["outlet"]) == dict(Counter(r["outlet"] for r in records))
    assert _counts(results.facets["outlet"])[outlet] == len(expected)


def test_speaker_and_location_counts_match_direct_extraction(
    allsides: tuple[list[dict], SearchService],
) -> None:
    records, service = allsides
    speakers: Counter[str] = Counter()
    places: Counter[str] = Counter()
    extracted = {}
    for record in records[:400]:
        extraction = extracted[record["id"]] = extract(Article.from_record(record))
        speakers.update(speaker_values(extraction))
        places.update(location_values(extraction))
    top_speaker, _ = speakers.most_common(1)[0]
    top_place, _ = places.most_common(1)[0]
    total = service.search(speaker=[top_speaker], per_page=1).total
    hits = [h for page in range(1, (total - 1) // 100 + 2)
            for h in service.search(speaker=[top_speaker], page=page, per_page=100).hits]
    found = {h.id for h in hits if h.id in extracted}
    exact = {i for i, e in extracted.items() if top_speaker in speaker_values(e)}
    surname = top_speaker.split()[-1]
    assert exact <= found  # every document naming the speaker so is found ...
    for doc_id in found - exact:  # ... and the others name the same person another way
        assert any(surname in name for name in speaker_values(extracted[doc_id]))
    assert all(top_speaker in h.speakers for h in hits)
    counted = _counts(service.search(facets=["location"], facet_size=1000).facets["location"])
    assert counted[top_place] >= places[top_place]
    generic = {"he", "she", "it", "they", "coalition", "officials", "the white house"}
    assert not any(name.lower() in generic for name in speakers)


def test_search_with_all_facets_answers(allsides: tuple[list[dict], SearchService]) -> None:
    _, service = allsides
    results = service.search("election", facets=["outlet", "speaker", "location", "date"])
    assert results.total > 0
    assert set(results.facets) == {"outlet", "speaker", "location", "date"}
    assert sum(v.count for v in results.facets["outlet"]) <= results.total
