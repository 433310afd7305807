"""Linking "X, Y" pairs: a town and the state or country that says which one it is; and
"the Syrian city of X": a people's adjective before a kind of place says the same."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from ..gazetteer import Candidate, Entry, Gazetteer

if TYPE_CHECKING:
    from .candidates import Mention
    from .tokens import Token

#: " of " and capitalised words after a district's name: "the Southern District of
#: Texas" is a part of Texas (a US court's district), not Hong Kong's Southern District.
_OF_A_PLACE = re.compile(r" of (?:the )?([A-Z][\w.]*(?: [A-Z][\w.]*){0,2})")
#: Last words of a region's name that a longer name ("... of Texas") may go on from.
_PART_WORDS = frozenset({"district", "region", "province", "division", "sector"})


def part_of_what_follows(gaz: Gazetteer, text: str, last: Token, entries: list[Entry]) -> bool:
    """True when a region's name of several words, ending with ``last``, goes on with
    "of" and another name of a country without a region of that name ("the Southern
    District of Texas", "Central District of California"): a part of that place, which
    the text names itself; "the Maritime Region of Togo" stays Togo's region."""
    if last.text.lower() not in _PART_WORDS:
        return False
    after = _OF_A_PLACE.match(text, last.end)
    if after is None:
        return False
    words = after.group(1).split(" ")
    codes = {e.candidate.country_code
             for k in range(1, len(words) + 1) for name in {" ".join(words[:k])}
             for form in {name, name.rstrip(".,")} for e in gaz.entries(form)}
    return not any(e.candidate.country_code in codes for e in entries)


def _holds(gaz: Gazetteer, region: Candidate, m: Mention) -> bool:
    """True when a place of ``m``'s name lies in ``region``: "Columbus, Georgia" is the
    US state, which has a Columbus, not the country, which has none."""
    for e in (*m.entries, *gaz.small_us_entries(m.key)):
        c = e.candidate
        if c.country_code == region.country_code and (
                region.kind == "country" or (region.level == 1 and c.admin1 == region.admin1)):
            return True
    return False


def qualify(gaz: Gazetteer, text: str, mentions: list[Mention]) -> None:
    """Link "X, Y" pairs where Y is a state or country: X must lie inside Y."""
    for a, b in itertools.pairwise(mentions):
        if text[a.end : b.start] != ", ":
            continue
        regions = [e for e in b.entries if e.candidate.kind in ("admin", "country")]
        if not regions:
            continue
        region = regions[0] if len(regions) == 1 else next(
            (r for r in regions if _holds(gaz, r.candidate, a)), regions[0])
        if a.key == b.key and len(text[a.start : a.end].rstrip(".")) <= 3:
            continue  # "PR, PR and PR": initials listed, not San Juan, Puerto Rico
        if not b.demonym:
            a.qualifier = region.candidate
            b.entries = [region] + [e for e in b.entries if e is not region]
            b.region = True


#: "the English city of Salisbury", "the Syrian town of Douma": the adjective names the
#: country the place lies in.
_KIND_OF = re.compile(r"\bthe ([A-Z][a-z]+) (?:city|town|village|port|capital|county"
                      r"|province|region) of $")
#: Peoples' adjectives of a country's nations that are no demonym of the country.
_NATIONS = {"English": "GB"}


def qualify_by_people(gaz: Gazetteer, text: str, mentions: list[Mention]) -> None:
    """Link "the <people's adjective> city of X" to that people's country: X lies in it
    ("the English city of Salisbury" is not Salisbury, South Australia)."""
    for m in mentions:
        if m.qualifier is not None or m.start < 0:
            continue
        found = _KIND_OF.search(text, max(0, m.start - 40), m.start)
        if found is None:
            continue
        word = found.group(1)
        country = gaz.demonym(word)
        if country is None and word in _NATIONS:
            country = gaz.countries.get(_NATIONS[word])
        if country is not None and _holds(gaz, country, m):
            m.qualifier = country
