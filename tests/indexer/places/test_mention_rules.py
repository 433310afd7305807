"""Place mentions that need more than a gazetteer lookup: datelines without their
punctuation, names inside organisations, words that are towns only when qualified
(newsfacet.indexer.places.candidates)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.places import extract_places

#: Big cities whose names read as nothing else, written in capitals as a dateline.
DATELINE_CITIES = ["WASHINGTON", "LONDON", "NAIROBI", "SAN ANTONIO", "BEIRUT", "MOSCOW",
                   "CAIRO", "NEW DELHI", "BRUSSELS", "TORONTO"]


def _mentions(text: str) -> list[str]:
    return [text[s.start : s.end] for p in extract_places(text) for s in p.mentions]


@settings(max_examples=60, deadline=None)
@given(city=st.sampled_from(DATELINE_CITIES),
       byline=st.sampled_from(["By JILL COLVIN and GILLIAN WONG, Associated Press ",
                               "By Sam Reed, Reuters Staff ", "Staff and wire reports "]),
       credit=st.sampled_from(["(AP)", "(Reuters)", "(AFP)", "(UPI)"]),
       dash=st.sampled_from([" —", " --", " -", "—"]))
def test_a_dateline_with_a_wire_credit_is_a_place_after_a_byline(
        city: str, byline: str, credit: str, dash: str) -> None:
    text = f"{byline}{city} {credit}{dash} Officials met on Monday to discuss the plan."
    assert _mentions(text) == [city]


@settings(max_examples=60, deadline=None)
@given(city=st.sampled_from(DATELINE_CITIES),
       rest=st.sampled_from(["The Latest on the talks:", "Turner Sports analyst Tom Reed said",
                             "Police Chief Ann Lowe said", "Officials met on Monday."]))
def test_a_dateline_opening_the_text_without_punctuation_is_a_place(city: str,
                                                                    rest: str) -> None:
    text = f"{city} {rest} Nothing else happened."
    assert _mentions(text)[:1] == [city]


@settings(max_examples=40, deadline=None)
@given(city=st.sampled_from([("NAIROBI", "Kenya"), ("BEIRUT", "Lebanon"),
                             ("TORONTO", "Ontario"), ("CINCINNATI", "Ohio")]),
       lead=st.sampled_from(["By ", "Filed by our correspondent in ", "Report: "]))
def test_a_name_in_capitals_qualified_by_its_country_is_a_place(city: tuple[str, str],
                                                                lead: str) -> None:
    name, region = city
    text = f"The court ruled. {lead}{name}, {region}, Apr 5 – The judge said so."
    assert name in _mentions(text)


@settings(max_examples=40, deadline=None)
@given(word=st.sampled_from(["ISIS", "NATO", "CEO", "FBI"]),
       lead=st.sampled_from(["", "By Sam Reed, Reuters Staff "]))
def test_an_acronym_opening_the_text_is_still_no_place(word: str, lead: str) -> None:
    assert _mentions(f"{lead}{word} The group said on Monday it would go on.") == []
