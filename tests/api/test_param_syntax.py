"""The patterns the OpenAPI description gives text parameters agree with the parsers:
every value drawn from a pattern is accepted, and (where the pattern is the whole
language) every value the parser accepts matches it. A pattern looser than its parser
is what schemathesis reported as "schema-valid request rejected"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacet.api import param_syntax
from newsfacet.api.params import parse_as_of, parse_half_life, request_from_params, split_list
from newsfacet.schema.errors import InvalidParameter
from newsfacet.schema.fields import FACETS

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
AS_OF = "2024-05-01"


def search(**params: str) -> Any:
    return request_from_params(lambda name: [params[name]] if name in params else [])


def accepted(parse: Callable[[], Any]) -> bool:
    try:
        parse()
    except InvalidParameter:
        return False
    return True


@SETTINGS
@given(st.from_regex(param_syntax.DATE_FROM), st.from_regex(param_syntax.AS_OF))
def test_every_date_from_the_pattern_is_accepted(text: str, as_of: str) -> None:
    search(date_from=text, as_of=as_of)


@SETTINGS
@given(st.from_regex(param_syntax.DATE_TO))
def test_every_date_to_from_the_pattern_is_accepted(text: str) -> None:
    search(date_to=text, as_of=AS_OF)


@SETTINGS
@given(st.text(alphabet=st.characters(categories=["Nd", "Pd", "Zs", "Cc", "Po"])
               | st.sampled_from("0123456789-T:Z+ "), max_size=30))
def test_a_date_without_words_is_accepted_only_in_the_patterns_syntax(text: str) -> None:
    """Words are the one thing past the ISO patterns (dateparser reads them)."""
    for name, pattern in (("date_from", param_syntax.DATE_FROM),
                          ("date_to", param_syntax.DATE_TO)):
        assert accepted(lambda n=name: search(**{n: text, "as_of": AS_OF})) == bool(
            re.search(pattern, text)), (name, text)


@SETTINGS
@given(st.from_regex(param_syntax.AS_OF) | st.text(max_size=14)
       | st.dates().map(dt.date.isoformat))
def test_as_of_is_exactly_its_pattern(text: str) -> None:
    assert accepted(lambda: search(as_of=text)) == bool(re.search(param_syntax.AS_OF, text))
    if text.strip():
        assert accepted(lambda: parse_as_of(text)) == bool(
            re.search(param_syntax.AS_OF, text))


@SETTINGS
@given(st.from_regex(param_syntax.HALF_LIFE) | st.text(alphabet="0123456789.dwmyDWMYx -",
                                                       max_size=10))
def test_half_life_is_exactly_its_pattern(text: str) -> None:
    assert accepted(lambda: search(half_life=text)) == bool(
        re.search(param_syntax.HALF_LIFE, text))
    if text.strip(param_syntax.SPACES):
        assert accepted(lambda: parse_half_life(text)) == bool(
            re.search(param_syntax.HALF_LIFE, text))


names = st.sampled_from([*FACETS, "colour", ""])


@SETTINGS
@given(st.from_regex(param_syntax.name_list(tuple(FACETS)))
       | st.lists(st.tuples(names, st.sampled_from([",", ", ", " ,", ",,", " "])))
       .map(lambda parts: "".join(a + b for a, b in parts)))
def test_facet_lists_are_exactly_their_pattern(text: str) -> None:
    pattern = param_syntax.name_list(tuple(FACETS))
    assert accepted(lambda: search(facets=text)) == bool(re.search(pattern, text))
    if re.search(pattern, text):
        assert set(split_list([text])) <= set(FACETS)


@pytest.mark.parametrize("name", ["page", "per_page", "facet_size", "highlight", "sort",
                                  "operator", "interval", "date_field", "collapse", "boost"])
def test_an_empty_typed_parameter_is_a_400_not_its_default(name: str) -> None:
    """page= is not an integer: the description says so, and so does the server."""
    with pytest.raises(InvalidParameter, match=name):
        search(**{name: ""})


@pytest.mark.parametrize("name", ["q", "date_from", "date_to", "as_of", "half_life",
                                  "cursor", "facets"])
def test_an_empty_text_parameter_means_unset(name: str) -> None:
    assert search(**{name: ""}) == search()
