"""A street is a mention of the town the text puts it in (newsfacet.indexer.places.hosts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.places import extract_places
from newsfacet.schema.document import Place

#: Cities the gazetteer resolves alone, one place each.
_CITIES = ["Denver", "Seattle", "Phoenix", "Houston", "Chicago", "Boston", "Atlanta",
           "Dallas", "Omaha", "Tucson", "Memphis", "Nashville", "Pittsburgh"]
#: Street names no gazetteer holds: "Xq" and lower-case letters, then a street word.
_STREETS = st.builds(
    "{} {}".format,
    st.from_regex(r"Xq[a-z]{3,8}", fullmatch=True),
    st.sampled_from(["Street", "Avenue", "Road", "Drive", "Boulevard", "Lane", "St.",
                     "Parkway"]))
_TWO_CITIES = st.lists(st.sampled_from(_CITIES), min_size=2, max_size=2, unique=True)


def _mentions(text: str, places: list[Place]) -> dict[str, list[str]]:
    return {p.name: [text[m.start : m.end] for m in p.mentions] for p in places}


@settings(max_examples=40, deadline=None)
@given(cities=_TWO_CITIES, street=_STREETS,
       link=st.sampled_from([" in ", ", ", " near ", " east of "]))
def test_the_town_written_with_a_street_is_its_town(cities: list[str], street: str,
                                                     link: str) -> None:
    other, town = cities
    text = (f"Officials in {other} said {street}{link}{town} was closed. "
            f"Crews reopened {street} on Friday.")
    found = _mentions(text, extract_places(text))
    assert found[town] == [street, town, street]  # every mention of that street
    assert found[other] == [other]


@settings(max_examples=40, deadline=None)
@given(cities=_TWO_CITIES, street=_STREETS)
def test_the_dateline_town_holds_a_street_the_text_places_nowhere(cities: list[str],
                                                                  street: str) -> None:
    home, other = cities
    text = (f"{home.upper()} -- Officials from {other} arrived on Monday. The crash "
            f"closed {street} for an hour.")
    found = _mentions(text, extract_places(text, dateline=home.upper()))
    assert found[home] == [home.upper(), street]
    assert found[other] == [other]


@settings(max_examples=40, deadline=None)
@given(cities=_TWO_CITIES, street=_STREETS)
def test_otherwise_the_closest_town_before_holds_it(cities: list[str], street: str) -> None:
    first, second = cities
    text = (f"{street} was closed. Police in {first} and later in {second} said "
            f"{street} reopened.")
    found = _mentions(text, extract_places(text))
    # One street, one town: the first mention has no town before it, so it takes the
    # first town; the second's closest town before it is the second city.
    assert found[first] == [street, first]
    assert found[second] == [second, street]


@settings(max_examples=40, deadline=None)
@given(cities=st.lists(st.sampled_from(_CITIES), min_size=1, max_size=3, unique=True),
       streets=st.lists(_STREETS, min_size=1, max_size=3))
def test_streets_never_add_a_place_to_the_facet(cities: list[str],
                                                streets: list[str]) -> None:
    plain = "Police in " + " and ".join(cities) + " met on Friday."
    text = plain + "".join(f" Crews closed {s} at noon." for s in streets)
    assert [p.label for p in extract_places(text)] == [
        p.label for p in extract_places(plain)]
    assert extract_places(" ".join(f"Crews closed {s} at noon." for s in streets)) == []


_TOWNS_ABROAD = [("Porto", "Portugal"), ("Bergen", "Norway"), ("Toulouse", "France"),
                 ("Mombasa", "Kenya"), ("Kampala", "Uganda"), ("Hamburg", "Germany")]


@settings(max_examples=40, deadline=None)
@given(pair=st.lists(st.sampled_from(_TOWNS_ABROAD), min_size=2, max_size=2, unique=True),
       river=st.from_regex(r"Xq[a-z]{3,8}", fullmatch=True),
       dash=st.booleans())
def test_a_river_lies_in_the_country_its_sentence_names(
        pair: list[tuple[str, str]], river: str, dash: bool) -> None:
    """The demo's "Floodwater from the Douro River ... in northern Portugal, according
    to ... the institute in Bergen, Norway" is Portugal's river: a river takes a town in
    the country its sentence names, not the closer town of another country nor the
    dateline's town."""
    (town, country), (far_town, far_country) = pair
    opening = f"{far_town.upper()}, {far_country} – " if dash else ""
    text = (f"{opening}Floodwater from the {river} River covered farmland in northern "
            f"{country}, according to maps from the institute in {far_town}, "
            f"{far_country}. Officials in {town} counted the cost.")
    found = _mentions(text, extract_places(text))
    assert f"{river} River" in found[town]
    assert f"{river} River" not in found[far_town]
