"""Streets, roads and parks count as mentions of their town (newsfacet.indexer.places.features)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.places import extract_places
from newsfacet.indexer.places.features import feature_spans
from newsfacet.indexer.places.tokens import tokenize


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in feature_spans(text, tokenize(text))]


def test_streets_and_numbered_roads_are_found() -> None:
    text = ("Crews closed Highway 61 near the 400 block of North Birch Avenue, and "
            "Elm St. stayed open. Warden's Maple Drive home was empty; Oxford Road 5 too.")
    assert _spans(text) == ["Highway 61", "North Birch Avenue", "Elm St.", "Maple Drive"]


def test_institutions_named_after_streets_are_not_streets() -> None:
    assert _spans("The Wall Street Journal and Main Street shops; St. Louis agreed.") == []


@settings(max_examples=30, deadline=None)
@given(street=st.sampled_from(["Birch Avenue", "Quarry Road", "Old Mill Lane",
                               "State Route 35", "Riverside Park", "Tern St."]))
def test_a_street_is_a_mention_of_the_town_before_it(street: str) -> None:
    text = f"Police in Duluth reported that the crash happened on {street} on Friday."
    places = extract_places(text)
    assert [p.name for p in places] == ["Duluth"]
    assert [text[m.start : m.end] for m in places[0].mentions] == ["Duluth", street]


def test_streets_in_a_text_naming_no_town_add_nothing() -> None:
    assert extract_places("The crash happened on Quarry Road late on Friday.") == []


def test_lakes_rivers_and_creeks_but_not_towns_named_after_them() -> None:
    text = ("Boats left Lake Hollis at dawn and Birch Creek rose; the Tern River flooded "
            "Smith Lake Road. Lake Charles stayed dry.")
    assert _spans(text) == ["Lake Hollis", "Birch Creek", "Tern River", "Smith Lake Road",
                            "Lake Charles"]
    text = "Officials in Duluth said Lake Hollis froze. Lake Charles stayed dry."
    places = {p.name: [text[m.start : m.end] for m in p.mentions] for p in extract_places(text)}
    assert places["Duluth"] == ["Duluth", "Lake Hollis"]
    assert places["Lake Charles"] == ["Lake Charles"]  # a town the gazetteer knows


_NAMES = st.from_regex(r"Xq[a-z]{3,8}", fullmatch=True)
_STREET_WORDS = st.sampled_from(["Street", "St.", "Avenue", "Ave.", "Road", "Rd.", "Drive",
                                 "Boulevard", "Lane", "Parkway"])
_DIRECTIONS = st.sampled_from(["", "E. ", "W. ", "North ", "South "])


@settings(max_examples=60, deadline=None)
@given(number=st.integers(1, 99999), direction=_DIRECTIONS, name=_NAMES,
       word=_STREET_WORDS, after=st.sampled_from(["Lanier", "Police", "The", "Smith"]))
def test_an_address_ends_its_street_before_a_capitalised_word(
        number: int, direction: str, name: str, word: str, after: str) -> None:
    street = f"{direction}{name} {word}"
    text = f"The council meets at City Hall, {number} {street} {after} said it was full."
    assert _spans(text) == [street]
    text = f"The fire started in the {number} block of {street} {after} said."
    assert _spans(text) == [street]


@settings(max_examples=40, deadline=None)
@given(name=_NAMES, word=_STREET_WORDS,
       when=st.sampled_from(["Monday", "Thursday", "March", "December", "Sunday"]))
def test_a_day_or_month_after_a_street_does_not_make_it_a_longer_name(
        name: str, word: str, when: str) -> None:
    text = f"Officials reopened narrow {name} {word} {when} afternoon to residents."
    assert _spans(text) == [f"{name} {word}"]


@settings(max_examples=40, deadline=None)
@given(number=st.integers(1, 9999), name=_NAMES,
       word=st.sampled_from(["Street", "St.", "Avenue", "Road", "Drive"]),
       suffix=st.sampled_from(["North", "South", "Northwest", "Southeast"]))
def test_a_compass_suffix_is_part_of_the_street(number: int, name: str, word: str,
                                                suffix: str) -> None:
    text = f"Fire damaged a house at {number} {name} {word} {suffix} tonight."
    assert _spans(text) == [f"{name} {word} {suffix}"]
    # Before another capitalised word the suffix opens a name ("Street North Carolina").
    assert _spans(f"He drove down {name} {word} {suffix} Carolina roads.") == []


def test_main_street_is_a_street_only_in_an_address() -> None:
    assert _spans("Shops on Main Street worry about rates.") == []
    assert _spans("Crews tore down both 341 and 345 Main St. The lot is empty.") == ["Main St."]


@settings(max_examples=40, deadline=None)
@given(number=st.integers(1, 999), form=st.sampled_from(["Interstate {}", "I-{}",
                                                         "Interstate {} West"]))
def test_interstates_are_no_mention_of_a_town(number: int, form: str) -> None:
    road = form.format(number)
    text = f"Police in Duluth said the crash closed {road} near Highway 61 on Friday."
    assert _spans(text) == ["Highway 61"]
    places = extract_places(text)
    assert [[text[m.start : m.end] for m in p.mentions] for p in places] == [
        ["Duluth", "Highway 61"]]


@settings(max_examples=30, deadline=None)
@given(name=_NAMES, word=st.sampled_from(["Bypass", "Trafficway"]))
def test_bypasses_and_trafficways_are_roads(name: str, word: str) -> None:
    text = f"A car was stopped near the {name} {word} for a traffic stop."
    assert _spans(text) == [f"{name} {word}"]


@settings(max_examples=40, deadline=None)
@given(number=st.integers(1, 99999), name=_NAMES,
       inner=st.sampled_from(["Lake", "Park", "Creek", "River"]), word=_STREET_WORDS)
def test_an_address_keeps_a_street_named_after_a_lake_or_park_whole(
        number: int, name: str, inner: str, word: str) -> None:
    text = f"The fire at {number} {name} {inner} {word}, was reported at noon."
    assert _spans(text) == [f"{name} {inner} {word}"]


@settings(max_examples=40, deadline=None)
@given(town=st.sampled_from(["Texas", "Omaha", "Boston", "Ohio", "Denver"]),
       word=st.sampled_from(["Drive", "Park", "Lane", "Road", "Street", "Avenue", "Lake"]),
       rest=st.sampled_from(["carefully, he said.", "officials met.", "closures began."]))
def test_a_word_ending_a_sentence_is_no_part_of_a_street_opening_the_next(
        town: str, word: str, rest: str) -> None:
    text = f"He lives in {town}. {word} {rest}"
    assert _spans(text) == []
    assert [p.name for p in extract_places(text)] == [town]


@settings(max_examples=30, deadline=None)
@given(name=_NAMES, lead=st.sampled_from(["the ", "across the ", "into the "]))
def test_a_river_written_before_its_name_is_a_feature(name: str, lead: str) -> None:
    cap = name.capitalize()
    assert _spans(f"Officials said {lead}River {cap} rose on Friday.") == [f"River {cap}"]


def test_river_before_a_common_word_is_no_river() -> None:
    assert _spans("The River Valley school and River Road stayed shut.") == ["River Road"]


@settings(max_examples=30, deadline=None)
@given(name=_NAMES, word=st.sampled_from(["Island", "Islands"]))
def test_an_island_is_a_feature_of_its_town(name: str, word: str) -> None:
    cap = name.capitalize()
    text = f"Officials in Oxford said cars on {cap} {word} were attacked."
    places = {p.name: [text[m.start : m.end] for m in p.mentions] for p in extract_places(text)}
    assert places["Oxford"] == ["Oxford", f"{cap} {word}"]


def test_an_island_the_gazetteer_knows_stays_itself() -> None:
    assert _spans("Officials in Providence said Rhode Island agreed.") == ["Rhode Island"]
    text = "Officials in Providence said Rhode Island agreed."
    assert "Rhode Island" in [p.name for p in extract_places(text)]


@settings(max_examples=40, deadline=None)
@given(names=st.lists(_NAMES, min_size=2, max_size=4, unique=True),
       plural=st.sampled_from(["streets", "roads", "avenues"]),
       joiner=st.sampled_from([", ", " and "]))
def test_each_name_of_a_list_before_a_plural_street_word_is_a_street(
        names: list[str], plural: str, joiner: str) -> None:
    caps = [n.capitalize() for n in names]
    listed = joiner.join(caps[:-1]) + " and " + caps[-1]
    assert _spans(f"The crash happened at {listed} {plural} on Friday.") == caps


def test_a_list_of_people_before_a_plain_noun_is_no_street() -> None:
    assert _spans("Smith and Jones said the streets were empty.") == []


@settings(max_examples=30, deadline=None)
@given(name=_NAMES, form=st.sampled_from(["the {} River", "the River {}"]))
def test_a_named_river_written_bare_after_the_is_a_feature(name: str, form: str) -> None:
    cap = name.capitalize()
    text = f"Boats crossed {form.format(cap)} at dawn. The {cap} forms the border; the {cap} rose."
    assert _spans(text)[-2:] == [cap, cap]


def test_a_common_word_named_river_is_not_read_bare() -> None:
    assert _spans("Boats left the Red River. The Red Sox won and the Red tide came.") == [
        "Red River"]
