"""Names shaped like a town's: a small US town the text gives no state or neighbour for
still counts when its name can hardly be anything else ("Whitestown", "Grand Ledge",
"New Concord", "Brownsboro").

The other small-town rules need the text to support the town (its state named, a town
within 50 km): a small town's name is as often a word or a surname ("Scott", "Star",
"Congress"). A name built like a town's ("-ville", "-town", "-boro", "-burg", "New
...", "... Lakes") is not, and a local paper writes its own town bare, with nothing else
of its state beside it. The town meant is the one near the text's other US places, or
the most populous.
"""

from __future__ import annotations

import math
import re

from ..gazetteer import Candidate, Entry

#: Endings of one-word town names that are seldom anything else ("Whitestown",
#: "Pineville", "Brownsboro", "Scottdale"); "-ton", "-field", "-ford", "-wood" are left
#: out: they end as many surnames ("Moulton", "Garfield", "Bradford", "Underwood").
_ENDINGS = re.compile(r"[a-z]{3,}(?:ville|town|boro|borough|burg|burgh|dale|haven)$")
#: First and last words of town names of several words ("New Concord", "North
#: Richmond", "Twin Lakes", "Avondale Estates", "Grand Ledge", "Lock Haven").
_FIRST_WORDS = frozenset({"new", "north", "south", "east", "west", "fort", "mount", "port",
                          "lake", "saint"})
_LAST_WORDS = frozenset({"lake", "lakes", "estates", "heights", "springs", "falls", "hills",
                         "beach", "ridge", "grove", "creek", "ledge", "haven", "junction"})


def town_shaped(key: str) -> bool:
    """True when a normalised name is built the way town names are."""
    words = key.split()
    if len(words) == 1:
        return _ENDINGS.fullmatch(key) is not None
    return words[0] in _FIRST_WORDS or words[-1] in _LAST_WORDS or (
        _ENDINGS.fullmatch(words[-1]) is not None)


#: How near one of the text's other places a town must lie to be chosen for it: a
#: farther one says nothing ("Pineville" beside a Lakeview and a Harrison read elsewhere).
NEAR_KM = 100.0


def likeliest_town(entries: list[Entry], points: list[tuple[float, float]]) -> Candidate | None:
    """The town of ``entries`` nearest one of ``points`` (the text's US places) if
    within :data:`NEAR_KM`, else the most populous."""
    towns = [e.candidate for e in entries
             if e.candidate.latitude is not None and e.candidate.longitude is not None]
    if not towns:
        return None
    if not points:
        return max(towns, key=lambda c: c.population)

    def distance(c: Candidate) -> float:
        scale = math.cos(math.radians(c.latitude or 0.0))
        return min(((c.latitude or 0.0) - lat) ** 2 + (((c.longitude or 0.0) - lon) * scale) ** 2
                   for lat, lon in points)

    near = min(towns, key=distance)
    if distance(near) * 12364.0 <= NEAR_KM * NEAR_KM:  # km² (111.2 km a degree)
        return near
    return max(towns, key=lambda c: c.population)
