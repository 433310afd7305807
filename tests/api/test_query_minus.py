"""``-word`` excludes, as in Elasticsearch's ``simple_query_string`` and Typesense: the
parser reads a minus opening a word or phrase as ``NOT``, and nothing else changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import LiveServer
from newsfacet.api import SearchService
from newsfacet.api.engine import query
from newsfacet.schema.errors import InvalidQuery
from newsfacet.schema.fields import build_schema

SCHEMA = build_schema()
#: Whoosh's own pattern for NOT, what the parser used before ``-word``.
WHOOSH_NOT = r"(^|(?<=(\s|[()])))NOT(?=\s)"

WORDS = ["strike", "port", "union", "e-mail", "2019-20", "x-ray", "O'Brien", "elect*",
         "brenan~", "title:port", 'speaker:"Joris Vermeulen"', '"main terminal"', "-", "--",
         "a-", "(strike", "port)", "AND", "OR", "Rotterdam"]
#: What a word may be excluded as: a word, a phrase, a field query.
EXCLUDABLE = ["port", "union", "e-mail", "Rotterdam", '"main terminal"', "title:strike",
              'outlet:"Northbound Wire"', "elect*"]


def parsed(text: str, operator: str = "and") -> object:
    """The parsed query, or the error's class and message for a text that is refused."""
    try:
        return query.parse(text, SCHEMA, query.SEARCH_FIELDS, operator=operator)
    except InvalidQuery as error:
        return (type(error), str(error))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5), st.sampled_from(["and", "or"]))
def test_text_without_a_leading_minus_parses_as_before(words: list[str], operator: str) -> None:
    text = " ".join(words)
    if any(w.startswith("-") and w.strip("-") for w in words):
        return
    new = parsed(text, operator)
    old_pattern = query.NOT_OPERATOR
    try:
        query.NOT_OPERATOR = WHOOSH_NOT
        old = parsed(text, operator)
    finally:
        query.NOT_OPERATOR = old_pattern
    assert new == old


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(EXCLUDABLE)), min_size=1, max_size=4),
       st.sampled_from(["and", "or"]))
def test_minus_is_not(terms: list[tuple[bool, str]], operator: str) -> None:
    minus = " ".join(("-" if excluded else "") + term for excluded, term in terms)
    spelled = " ".join(("NOT " if excluded else "") + term for excluded, term in terms)
    assert parsed(minus, operator) == parsed(spelled, operator)


@pytest.fixture(scope="module")
def service(demo_index: Path) -> Iterator[SearchService]:
    with SearchService(demo_index) as opened:
        yield opened


def ids(service: SearchService, q: str) -> set[str]:
    return {hit.id for hit in service.search(q, per_page=100).hits}


@pytest.mark.parametrize(("kept", "excluded"), [
    ("port", "Rotterdam"), ("port", "union"), ("strike", '"main terminal"'), ("ship", "minister")])
def test_minus_removes_the_documents_that_match(service: SearchService, kept: str,
                                                excluded: str) -> None:
    both = ids(service, f"{kept} {excluded}")
    assert both and ids(service, kept) - both
    assert ids(service, f"{kept} -{excluded}") == ids(service, kept) - both


def test_a_minus_alone_keeps_everything_else(service: SearchService) -> None:
    assert service.search("-port").total == service.count() - service.search("port").total > 0


def test_minus_over_http(demo_server: LiveServer, service: SearchService) -> None:
    status, body, _ = demo_server.get("/search?" + urlencode({"q": "port -Rotterdam",
                                                              "per_page": 100}))
    assert status == 200, body
    assert {hit["id"] for hit in body["hits"]} == ids(service, "port -Rotterdam")
    assert body["total"] < service.search("port").total
