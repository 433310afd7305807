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


_FOREIGN_CITIES = ["Bergen", "Rotterdam", "Dublin", "Paris", "Athens", "Berlin", "Toulouse",
                   "Hamburg", "Antwerp", "Lyon", "Moscow", "Vienna", "Florence", "Naples",
                   "Geneva", "Amsterdam", "Warsaw", "Belfast", "Cairo", "Delhi", "Lima"]


def _foreign_first_us_namesakes() -> list[str]:
    """Names whose likeliest sense is a city outside the US, with US towns of the name."""
    gaz = get_gazetteer()
    return [n for n in _FOREIGN_CITIES if gaz.entries(n.lower())
            and gaz.entries(n.lower())[0].candidate.country_code != "US" and _states_of(n)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_foreign_first_us_namesakes()), min_size=2, max_size=5,
                unique=True))
def test_no_home_without_a_us_reading(names: list[str]) -> None:
    """Names that all read first as foreign cities make no US home, however many US
    towns share them: the demo's "Rotterdam" beside "Bergen" was Rotterdam, New York."""
    assert home_state(get_gazetteer(), [_mention(n) for n in names]) is None
    text = (f"The institute in {names[0]} said images of {' and '.join(names[1:])} were "
            "sharper than expected. Rotterdam was the first target.")
    rotterdam = [p for p in extract_places(text) if p.name == "Rotterdam"]
    assert [p.country_code for p in rotterdam] == ["NL"]
