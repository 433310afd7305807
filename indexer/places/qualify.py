"""Linking "X, Y" pairs: a town and the state or country that says which one it is; and
"the Syrian city of X": a people's adjective before a kind of place says the same."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from ..gazetteer import Candidate, Gazetteer

if TYPE_CHECKING:
    from .candidates import Mention


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
