"""A street is a mention of the town the text puts it in (newsfacet.indexer.places.hosts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.gazetteer import Candidate
from newsfacet.indexer.places import extract_places
from newsfacet.indexer.places.hosts import _Placed
from newsfacet.indexer.places.mention import Mention
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


def _town(start: int, country: str, admin1: str) -> Mention:
    choice = Candidate(name=f"T{start}", country=country, country_code=country, kind="city",
                       latitude=0.0, longitude=0.0, admin1=admin1)
    return Mention(start=start, end=start + 3, key="t", entries=[], choice=choice)


_TOWNS = st.lists(st.tuples(st.integers(-1, 12), st.sampled_from(["US", "CA"]),
                            st.sampled_from(["OH", "TX", ""])), max_size=12)


@settings(max_examples=300, deadline=None)
@given(rows=_TOWNS, country=st.sampled_from(["US", "CA"]),
       admin1=st.sampled_from(["OH", "TX", ""]), level=st.sampled_from(["country", "admin"]),
       start=st.integers(0, 12), in_body=st.booleans())
def test_the_nearest_town_of_a_region_is_the_one_a_full_read_finds(
        rows: list[tuple[int, str, str]], country: str, admin1: str, level: str, start: int,
        in_body: bool) -> None:
    """The bisection over towns grouped by region (linear on a text of thousands of
    streets written with their state) answers as reading every town did: the town of the
    region written nearest, the earlier one on a tie."""
    towns = sorted((_town(*row) for row in rows), key=lambda t: t.start)
    region = Candidate(name="R", country=country, country_code=country, kind=level,
                       admin1=admin1, level=0 if level == "country" else 1)
    inside = [t for t in towns if t.choice is not None and (not in_body or t.start >= 0)
              and t.choice.country_code == country
              and (level == "country" or t.choice.admin1 == admin1)]
    expected = min(inside, key=lambda t: abs(t.start - start)) if inside else None
    assert _Placed(towns, []).nearest(region, start, in_body=in_body) is expected
