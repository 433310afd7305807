"""Generated search requests over the demo corpus, for the backend contract tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from newsfacet.api.models import SearchRequest
from newsfacet.api.params import validate
from newsfacet.api.service import SearchService

FACETS = ("outlet", "speaker", "location", "date", "story")
WORDS = ("port", "strike", "ship", "rotterdam", "union", "talks", "minister", "satellite",
         "trade", "images", "container", "flood", "storm", "summit", "the", "wage",
         "nairobi", "corridor", "deal", "crisis")
QUERIES = st.one_of(
    st.just(""), st.just("*"),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(lambda p: f"{p[0]} OR {p[1]}"),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(lambda p: f"{p[0]} NOT {p[1]}"),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(lambda p: f'"{p[0]} {p[1]}"~5'),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(lambda p: f"{p[0]} -{p[1]}"),
    st.sampled_from(WORDS).map(lambda w: f"-{w}"),
    st.sampled_from(WORDS).map(lambda w: f"{w[:3]}*"),
    st.sampled_from(WORDS).map(lambda w: f"title:{w}"),
)
def values(reference: SearchService, name: str) -> list[str]:
    return [v.value for v in reference.facet_values(name, size=30)]


@st.composite
def requests(draw: Any, reference: SearchService) -> SearchRequest:
    """A search request over the demo corpus: a query, filters, a date range, facets,
    a sort and a page."""
    filters = {}
    for name in ("outlet", "speaker", "location"):
        if draw(st.booleans()):
            filters[name] = tuple(draw(st.lists(st.sampled_from(values(reference, name)),
                                                min_size=1, max_size=2, unique=True)))
    months = sorted(values(reference, "date"))
    start = draw(st.none() | st.sampled_from(months))
    end = draw(st.none() | st.sampled_from(months))
    request = SearchRequest(
        q=draw(QUERIES), **filters,
        date_from=dt.date.fromisoformat(start + "-01") if start else None,
        date_to=dt.date.fromisoformat(end + "-28") if end else None,
        date_field=draw(st.sampled_from(("published", "event"))),
        facets=tuple(draw(st.lists(st.sampled_from(FACETS), unique=True, max_size=5))),
        interval=draw(st.sampled_from(("day", "week", "month", "year"))),
        sort=draw(st.sampled_from(("relevance", "date:desc", "date:asc"))),
        page=draw(st.integers(1, 3)), per_page=draw(st.integers(1, 7)),
        operator=draw(st.sampled_from(("and", "or"))),
        collapse=draw(st.none() | st.just("story")))
    return validate(request)
