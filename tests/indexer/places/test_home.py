"""The state a local article is about (newsfacet.indexer.places.home)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.gazetteer import get_gazetteer
from newsfacet.indexer.places import extract_places
from newsfacet.indexer.places.candidates import Mention
from newsfacet.indexer.places.home import home_state

_NAMES = ["Springfield", "Columbus", "Richmond", "Salem", "Franklin", "Madison", "Clinton",
          "Marion", "Jackson", "Auburn", "Lexington", "Lebanon", "Georgetown", "Milford",
          "Fairfield", "Dover", "Oxford", "Athens", "Dublin", "Paris", "Hanover", "Albany"]


def _mention(name: str) -> Mention:
    gaz = get_gazetteer()
    key = name.lower()
    return Mention(0, len(name), key, gaz.entries(key))


def _states_of(name: str) -> set[str]:
    """The US states holding a town or county of that name, small towns included."""
    gaz = get_gazetteer()
    key = name.lower()
    return {e.candidate.admin1 for e in (*gaz.entries(key), *gaz.small_us_entries(key))
            if e.candidate.country_code == "US" and e.candidate.kind in ("city", "admin")
            and e.candidate.level != 1}


def _cases() -> list[tuple[str, str, str]]:
    """(state code S, name A that S holds, name B that S does not) where another state
    holds both A and B: on town names alone S and that state tie."""
    gaz = get_gazetteer()
    out = []
    for a in _NAMES:
        for b in _NAMES:
            sa, sb = _states_of(a), _states_of(b)
            if a == b or not sa & sb:
                continue
            out += [(code, a, b) for code in sorted(sa - sb) if code in gaz.states]
    return out


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_cases()), st.permutations([0, 1, 2]))
def test_a_state_named_outright_outweighs_a_tie_of_town_names(
        case: tuple[str, str, str], order: list[int]) -> None:
    """"Kentucky" beside "Richmond" and "Berea": the state the text names outright leads
    a state that merely holds towns of both names, in whatever order they come."""
    code, a, b = case
    names = [get_gazetteer().states[code].name, a, b]
    mentions = [_mention(names[i]) for i in order]
    assert home_state(get_gazetteer(), mentions) == code


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_NAMES), max_size=1))
def test_one_town_name_alone_names_no_state(names: list[str]) -> None:
    """A single name ("Springfield") says nothing about which state: no home."""
    assert home_state(get_gazetteer(), [_mention(n) for n in names]) is None


def _countries_named_like_us_towns() -> list[str]:
    """Countries whose names are also US towns' ("Lebanon", "Peru", "Mexico")."""
    gaz = get_gazetteer()
    out = []
    for country in sorted(gaz.countries.values(), key=lambda c: c.name):
        key = country.name.lower()
        entries = gaz.entries(key)
        if entries and entries[0].candidate.kind == "country" and _states_of(country.name):
            out.append(country.name)
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_countries_named_like_us_towns()), min_size=1, max_size=4))
def test_country_names_cast_no_vote(names: list[str]) -> None:
    """A story naming Germany, France and Singapore is not about the state that holds
    towns of those names: "Rotterdam" beside them stays the Dutch port."""
    assert home_state(get_gazetteer(), [_mention(n) for n in names]) is None
    text = f"Ships queued outside Rotterdam. Buyers in {' and '.join(names)} waited."
    rotterdam = [p for p in extract_places(text) if p.name == "Rotterdam"]
    assert [p.country_code for p in rotterdam] == ["NL"]


#: Big foreign ports and cities, several with small US namesakes in one state (Rotterdam
#: and Bergen in New York, Toulouse in Illinois, Hamburg in New York and Iowa).
FOREIGN_CITIES = ["Rotterdam", "Bergen", "Toulouse", "Amsterdam", "Hamburg", "Lisbon", "Oslo",
                  "Stockholm", "Copenhagen", "Antwerp", "Mombasa", "Lagos"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FOREIGN_CITIES), min_size=3, max_size=3, unique=True))
def test_a_foreign_story_has_no_home_state(cities: list[str]) -> None:
    """A story whose every name means a foreign city first is not local US news, however
    its namesakes' states agree: the demo's satellite story put Rotterdam in New York
    because "Bergen" also has a namesake there."""
    a, b, c = cities
    text = (f"The satellite photographed the port of {a} on Monday. Engineers in {b} checked "
            f"the data, and a team in {c} built the radar.")
    assert [p.label for p in extract_places(text) if p.country_code == "US"] == []
