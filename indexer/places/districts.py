"""A legislator's district after the party's letter: "Tom Bakk, DFL-Cook", "Carrie
Webster, D-Kanawha", "(R-Berkeley)"; a member of Congress's is the state ("R-Texas").
News writes it bare, a town or a county without "County", so the gazetteer's usual
tests (a main town of four letters or more, no county without its word) would miss it."""

from __future__ import annotations

from ..gazetteer import Entry, Gazetteer, is_us_state
from .mention import Mention
from .words import NOT_PLACES

#: Party letters before a legislator's district.
PARTIES = frozenset({"D", "R", "I", "DFL", "GOP", "Ind", "Dem", "Rep"})


def party_before(text: str, word_start: int, part_start: int) -> bool:
    """True when a party's letter and a hyphen open the word that starts at
    ``word_start``, after a comma or inside a bracket ("Bakk, DFL-Cook", "(R-Berkeley)")."""
    return (text[word_start : part_start - 1] in PARTIES
            and (text[word_start - 2 : word_start] == ", "
                 or text[word_start - 1 : word_start] == "("))


def district_mention(gaz: Gazetteer, key: str, entries: list[Entry], start: int,
                     end: int) -> Mention | None:
    """The district as a mention: a town, a county written without "County" ("D-Hardy")
    or a small town ("DFL-Chisholm"), left to the resolution to place by the state the
    text is about; None when the name is none of these."""
    if key in NOT_PLACES:
        return None
    states = [e for e in entries if is_us_state(e.candidate)]
    if states:
        # "Sen. Ted Cruz, R-Texas", "(R-Utah)": a member of Congress's state, not Texas
        # County or Utah County (which were read as the district before)
        return Mention(start, end, key, states[:1])
    towns = [e for e in entries if e.candidate.kind == "city"]
    small = gaz.small_us_entries(key)
    # a county only where its state has no town of the name: Minnesota's districts are
    # towns ("R-Marshall"), West Virginia's counties ("D-Kanawha")
    with_town = {(e.candidate.country_code, e.candidate.admin1) for e in towns + small}
    counties = [e for e in gaz.entries_for_key(f"{key} county")
                if e.candidate.kind == "admin"
                and (e.candidate.country_code, e.candidate.admin1) not in with_town]
    if towns or counties:
        return Mention(start, end, key, towns + counties + small, located=True)
    return Mention(start, end, key, small, small=True, located=True) if small else None
