"""Small US towns whose names are built like towns' (newsfacet.indexer.places.town_shapes)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.gazetteer import Candidate, Entry, get_gazetteer
from newsfacet.indexer.places import extract_places
from newsfacet.indexer.places.town_shapes import likeliest_town, town_shaped

#: Small US towns (under the main gazetteer's population) written with nothing else of
#: their state in the text.
SHAPED = ["Whitestown", "Grand Ledge", "New Concord", "Brownsboro", "Belchertown",
          "Lock Haven", "Avondale Estates"]
#: Small US towns named like words or people: never taken on their name alone.
UNSHAPED = ["Scott", "Tanner", "Star", "Congress", "English", "Moulton", "Underwood"]


def _mentions(text: str) -> list[str]:
    return [text[m.start : m.end] for p in extract_places(text) for m in p.mentions]


def test_the_examples_are_small_us_towns() -> None:
    gaz = get_gazetteer()
    for name in SHAPED:
        key = name.lower()
        assert not gaz.entries_for_key(key) and gaz.small_us_entries(key), name


@settings(max_examples=40, deadline=None)
@given(town=st.sampled_from(SHAPED),
       use=st.sampled_from(["{} thanks its donors.", "The {} council met on Monday.",
                            "Crews replaced the water lines in {}."]))
def test_a_town_shaped_name_is_a_place_without_its_state(town: str, use: str) -> None:
    assert town in _mentions(use.format(town))


@settings(max_examples=40, deadline=None)
@given(town=st.sampled_from(UNSHAPED), use=st.sampled_from(["{} thanks its donors.",
                                                           "The {} council met on Monday."]))
def test_a_small_town_named_like_a_word_or_a_person_needs_support(town: str, use: str) -> None:
    assert town not in _mentions(use.format(town))


@settings(max_examples=20, deadline=None)
@given(town=st.sampled_from(SHAPED))
def test_not_in_a_foreign_story(town: str) -> None:
    text = f"Officials in London, Paris and Berlin met. {town} was not named."
    assert town not in _mentions(text)


@given(st.from_regex(r"[a-z]{3,9}(?:ville|town|boro|burg|haven)", fullmatch=True))
def test_town_endings_are_town_shaped(name: str) -> None:
    assert town_shaped(name)


@given(st.from_regex(r"[a-z]{3,9}(?:ton|field|ford|wood|son|er)", fullmatch=True))
def test_surname_endings_are_not(name: str) -> None:
    assert not town_shaped(name)


def _town(state: str, lat: float, lon: float, population: int) -> Entry:
    return Entry(Candidate("Pineville", "United States", "US", "city", latitude=lat,
                           longitude=lon, population=population, admin1=state), 3.0, True)


@given(north=st.floats(-0.5, 0.5), east=st.floats(-0.5, 0.5))
def test_the_town_near_the_texts_places_else_the_most_populous(north: float,
                                                               east: float) -> None:
    big, small = _town("LA", 31.3, -92.4, 14_000), _town("KY", 36.8, -83.7, 1_700)
    near_small = [(36.8 + north, -83.7 + east)]  # within about 70 km of the small one
    assert likeliest_town([big, small], near_small) == small.candidate
    far_away = [(47.6 + north, -122.3 + east)]  # Seattle: neither town lies near
    assert likeliest_town([big, small], far_away) == big.candidate
    assert likeliest_town([big, small], []) == big.candidate
