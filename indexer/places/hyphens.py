"""Places inside a hyphenated word: "Egyptian-US", "D-Charleston", "Atlanta-area", and
two towns joined by a hyphen ("Logan-Rogersville")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..gazetteer import normalize
from .districts import district_mention, party_before
from .mention import Mention
from .words import COMMON_WORDS, NOT_PLACES, PLACE_PREFIXES

if TYPE_CHECKING:
    from .candidates import MentionFinder


def hyphen_parts(finder: MentionFinder, i: int) -> list[Mention]:
    """Places inside a hyphenated word: "Egyptian-US", "D-Charleston", "Atlanta-area"."""
    tok = finder.tokens[i]
    pair = _town_pair(finder, i)
    if pair:
        return pair
    out: list[Mention] = []
    pos = tok.start
    for part in tok.text.split("-"):
        start, end = pos, pos + len(part)
        pos = end + 1
        if len(part) < 2 or not part[0].isupper() or finder.excluded(start, end):
            continue
        if finder.gaz.demonym(part) is not None:
            continue  # "Egyptian-US": the adjective is no mention
        abbr = finder.gaz.abbreviations.get(part)
        if abbr is None and finder.text[end : end + 1] == "." and pos > tok.end:
            abbr = finder.gaz.abbreviations.get(part + ".")  # "D-Pa.": the stop was cut
            end += abbr is not None
        if abbr is not None:  # "D-S.C."
            out.append(Mention(start, end, normalize(part), [abbr]))
            continue
        key = normalize(part)
        entries = finder.gaz.entries_for_key(key)
        if pos > tok.end and party_before(finder.text, tok.start, start):
            district = district_mention(finder.gaz, key, entries, start, end)
            if district is not None:
                out.append(district)
                continue
        alias_ok = part in ("US", "UK", "USA", "UAE")
        if not entries or key in NOT_PLACES or (key in COMMON_WORDS and not alias_ok):
            continue
        top = entries[0]
        if part.isupper() and not alias_ok:
            continue
        if top.candidate.kind in ("country", "admin") or (top.main and len(part) > 3):
            out.append(Mention(start, end, key, entries))
    return out

def _town_pair(finder: MentionFinder, i: int) -> list[Mention]:
    """Two towns joined by a hyphen ("Logan-Rogersville", "Watertown-Mayer", a school
    district's or a team's name): both are places, small towns included, when each
    part is a town's name and no first name stands before ("Sheila Jackson-Lee")."""
    toks, tok = finder.tokens, finder.tokens[i]
    parts = tok.text.split("-")
    if len(parts) != 2 or (i > 0 and finder.text[toks[i - 1].end : tok.start] == " "
                           and toks[i - 1].upper_initial
                           and toks[i - 1].text.lower() not in PLACE_PREFIXES
                           and toks[i - 1].text.lower() not in COMMON_WORDS):
        return []
    out: list[Mention] = []
    start = tok.start
    for part in parts:
        end = start + len(part)
        key = normalize(part)
        if (len(part) < 4 or not part[0].isupper() or part.isupper()
                or key in COMMON_WORDS or key in NOT_PLACES
                or finder.gaz.demonym(part) is not None or finder.excluded(start, end)):
            return []
        entries = [e for e in finder.gaz.entries_for_key(key) if e.main]
        if entries:
            out.append(Mention(start, end, key, entries))
        else:
            small = finder.gaz.small_us_entries(key)
            if not small:
                return []
            out.append(Mention(start, end, key, small, small=True, located=True))
        start = end + 1
    return out
