"""US counties named in a list before one plural "counties": "Becker, Clay and Otter Tail
counties". Each name is a county, though only the last stands next to the word, and
many are also towns or surnames elsewhere ("Clay", "Grant", "Madison")."""

from __future__ import annotations

import re

from ..gazetteer import Gazetteer, is_us_state, normalize
from .candidates import Mention

_PLURALS = {" counties": "County", " parishes": "Parish"}
_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?"
#: The list right before the plural: names joined by commas, "and", "or" or a slash.
_LIST = re.compile(r"(?:" + _NAME + r"(?:,? and |,? or |, |/))*" + _NAME + r"$")
_ONE = re.compile(_NAME)
#: How far back a list can start.
_LOOK_BACK = 160


def _a_state(gaz: Gazetteer, name: str) -> bool:
    """A state's name alone before the plural is the state: "Indiana counties" are the
    counties of Indiana, not Indiana County."""
    return any(is_us_state(e.candidate) for e in gaz.entries(name))


def county_lists(gaz: Gazetteer, text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each name of such a list taken as its county (overlapping
    mentions of the same words give way)."""
    found: list[Mention] = []
    for plural, word in _PLURALS.items():
        pos = text.find(plural)
        while pos >= 0:
            window_start = max(0, pos - _LOOK_BACK)
            listed = _LIST.search(text, window_start, pos)
            if listed is not None and not _a_state(gaz, listed.group()):
                for name in _ONE.finditer(text, listed.start(), pos):
                    entries = gaz.entries(f"{name.group()} {word}")
                    if entries and entries[0].candidate.kind == "admin":
                        found.append(Mention(name.start(), name.end(),
                                             normalize(f"{name.group()} {word}"), entries))
            pos = text.find(plural, pos + 1)
    if not found:
        return mentions
    kept = [m for m in mentions
            if not any(f.start < m.end and m.start < f.end for f in found)]
    return sorted(kept + found, key=lambda m: m.start)
