"""A county's name without its "County", once the text has written it whole: "DeKalb
County Commission" ... "unincorporated DeKalb", "Gwinnett County Police" ... "Gwinnett
Medical Center", "Clarke County Superior Court" ... "Athens-Clarke police".

The gazetteer indexes a US county under its full name only, since the bare name is as
often a town or a person's ("Jackson", "Clay"). Once the text names the county, its bare
name is that county unless the text shows a person there (a title, an initial, a first
name before it, a verb of saying) or has already read it as another place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lexicon import PERSON_TITLES
from .mention import Mention
from .spans import SpanIndex
from .words import COMMON_WORDS, INSTITUTION_WORDS, PLACE_PREFIXES, PLACE_SUFFIXES

#: A county's full name as the text writes it: "DeKalb County", "Avoyelles Parish",
#: "County Clare", "Co. Mayo".
_FULL = re.compile(r"^(?:(?P<base>.+?) (?:County|Parish)|(?:County|Co\.?) (?P<after>.+))$")
#: The capitalised word right before or after an occurrence.
_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][\w'’]*\.?) $")
_WORD_AFTER = re.compile(r" ([A-Z][\w'’]*\.?)")
_SAID = re.compile(r"\s(?:said|says|told|added|asked)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says)\s$")
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$")
#: Words after the bare name that make it the full name again (already a mention).
_COUNTY_AFTER = re.compile(r" (?:County|Parish|Co\.)")


def _person_beside(text: str, start: int, end: int) -> bool:
    """A person's cue around the name: a title, a first name or initial before it, an
    initial or a capitalised word after it that no institution's name has there ("Scott
    West" is a school, "Laurel Lake" a lake), a verb of saying."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is not None:
        word = before.group(1)
        low = word.lower().rstrip(".")
        if low in PERSON_TITLES or _INITIAL.match(word):
            return True
        if not (low in PLACE_PREFIXES or low in COMMON_WORDS):
            return True  # "Andrew Jackson"
    after = _WORD_AFTER.match(text, end)
    if after is not None:
        low = after.group(1).lower().rstrip(".")
        if _INITIAL.match(after.group(1)) or not (
                low in INSTITUTION_WORDS or low in PLACE_SUFFIXES):
            return True  # "Jackson Browne", "Clay R.", "Scott West" (a school)
    return (_SAID.match(text, end) is not None
            or _SAID_BEFORE.search(text, max(0, start - 8), start) is not None)


def bare_counties(text: str, mentions: list[Mention],
                  excluded: Callable[[int, int], bool]) -> list[Mention]:
    """``mentions`` plus each bare occurrence of a county the text names in full, as a
    mention of that county (same key, so it resolves the same way). A mention of the
    bare name found only among small towns gives way; any other mention keeps its span.
    """
    counties: dict[str, Mention] = {}
    for m in mentions:
        if not m.entries or m.entries[0].candidate.kind != "admin" or m.start < 0:
            continue
        full = _FULL.match(text[m.start : m.end])
        if full is not None:
            counties.setdefault(full.group("base") or full.group("after"), m)
    if not counties:
        return mentions
    added: list[Mention] = []
    for base, county in counties.items():
        for found in re.finditer(r"(?<![\w'’])" + re.escape(base) + r"(?![\w])", text):
            start, end = found.span()
            if (_COUNTY_AFTER.match(text, end) or excluded(start, end)
                    or _person_beside(text, start, end)):
                continue
            added.append(Mention(start, end, county.key, county.entries))
    if not added:
        return mentions
    # a small town of the same name gives way ("in Osceola" beside "Osceola County")
    bare = SpanIndex((a.start, a.end) for a in added)
    kept = [m for m in mentions if not (m.small and bare.overlaps(m.start, m.end))]
    taken = SpanIndex((m.start, m.end) for m in kept)
    added = [a for a in added if not taken.overlaps(a.start, a.end)]
    return sorted(kept + added, key=lambda m: m.start)
