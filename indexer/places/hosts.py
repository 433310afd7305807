"""The town a street, road or park lies in, as the text places it.

A street is no value of the location facet: it is a mention of its town, so a reader
filtering on "Springfield, United States" finds the article with "Main Street" marked,
and the facet never gains a place from a street (the host is always a town the text
names itself). The town is, in order: the one the text writes with it ("Main Street in
Springfield", "618 E. Main Street, Annville", "Middletown's New Road"; a street written
so once is in that town at each of its mentions); else the dateline's town; else the
closest town named before it (the first one when none is), which is the text's only
town when it names one. A river or lake not written with its town first takes a town
of the country or state its own sentence names, or of its sentence, before the
dateline's: it crosses towns, and the dateline is only where the story was filed.
Dropping the street in that last case, when the text names several towns and places it
in none, was measured and rejected: the closest town is right in most local stories
(docs/quality.md, "streets"), and a street with no town is a mention the reader misses.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..gazetteer import Candidate
from .mention import Mention

#: What stands between a street and the town the text puts it in: "Main Street in
#: Springfield", "618 E. Main St., Annville", "Highway 10 east of Perham".
_TOWN_AFTER = re.compile(
    r"(?:,\s+|\s+(?:in|near|outside|in downtown|(?:east|west|north|south) of)\s+)")
#: A town owning the street: "Middletown's New Road".
_OWNER_GAP = frozenset({"'s ", "’s "})


#: Last words of features that cross towns (a river, a lake): no street address ties
#: them to the dateline's town.
_WATER_WORDS = ("River", "Creek", "Lake")
#: Ends of sentences, as far as a river's town is concerned; a dash ends a dateline
#: ("BERGEN, Norway – Radar images ... the Douro River").
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z\"“])|\n|\s(?:[–—]|--)\s")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``text[start:end]``."""
    left = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 600), start):
        left = m.end()
    right = _SENTENCE_END.search(text, end)
    return left, right.start() if right is not None else len(text)


class _Placed:
    """The text's towns and regions in text order, and its towns grouped by country and
    by state, so that a sentence's places and the town of a region nearest a span are
    found by bisection: a text of thousands of streets or rivers would otherwise read
    every town and region per street."""

    def __init__(self, towns: Sequence[Mention], regions: Sequence[Mention]) -> None:
        self.towns = sorted(towns, key=lambda t: t.start)  # stable: text order kept
        self.town_starts = [t.start for t in self.towns]
        self.regions = sorted((r for r in regions if r.choice is not None),
                              key=lambda r: r.start)
        self.region_starts = [r.start for r in self.regions]
        self._groups: dict[tuple[str, str | None], tuple[list[int], list[Mention]]] = {}
        for town in self.towns:
            if town.choice is None:
                continue
            for key in ((town.choice.country_code, None),
                        (town.choice.country_code, town.choice.admin1)):
                starts, members = self._groups.setdefault(key, ([], []))
                starts.append(town.start)
                members.append(town)

    def nearest(self, region: Candidate | None, start: int, *,
                in_body: bool = False) -> Mention | None:
        """The town inside ``region`` (a country or state) written nearest to ``start``,
        the earlier one on a tie; ``in_body`` leaves out a dateline outside the body."""
        assert region is not None
        key = (region.country_code, None if region.kind == "country" else region.admin1)
        starts, members = self._groups.get(key, ([], []))
        lo = bisect.bisect_left(starts, 0) if in_body else 0
        if lo == len(starts):
            return None
        k = bisect.bisect_left(starts, start, lo)
        before = k - 1
        while before > lo and starts[before - 1] == starts[before]:
            before -= 1  # the first of towns sharing a start, as min() over text order
        if k == len(starts):
            return members[before]
        if before < lo or starts[k] - start < start - starts[before]:
            return members[k]
        return members[before]


def _water_host(text: str, start: int, end: int, placed: _Placed) -> Mention | None:
    """A river's or lake's town, from its own sentence: if the sentence names a country
    or state (the first after the river, else the last before), the nearest town of the
    text in it; else the nearest town of the sentence. "Floodwater from the Douro River
    ... in northern Portugal, according to ... the institute in Bergen, Norway" is a
    Portuguese river, not Bergen's; None when the sentence says nothing."""
    left, right = _sentence(text, start, end)
    starts = placed.region_starts
    inside = placed.regions[bisect.bisect_left(starts, left):bisect.bisect_left(starts, right)]
    if inside:
        k = bisect.bisect_left(starts, end)
        region = placed.regions[k] if k < len(starts) and starts[k] < right else inside[-1]
        return placed.nearest(region.choice, start, in_body=True)
    starts = placed.town_starts
    candidates = placed.towns[bisect.bisect_left(starts, left):bisect.bisect_left(starts, right)]
    if not candidates:
        return None
    return min(candidates, key=lambda t: abs(t.start - start))


def street_hosts(text: str, spans: Sequence[tuple[int, int]],
                 towns: Sequence[Mention],
                 regions: Sequence[Mention] = ()) -> list[Mention | None]:
    """The town of each span in ``spans`` (None when ``towns`` is empty, or when the text
    writes the span with a state or country none of its towns lies in).

    ``towns`` are the text's mentions resolved to a city with coordinates, in text
    order (the dateline's included, with a start of -1 when it is not in the body);
    ``regions`` its mentions resolved to a country or a state, which place rivers and
    lakes (:func:`_water_host`) before the dateline does.
    """
    by_start = {m.start: m for m in towns if m.start >= 0}
    by_end = {m.end: m for m in towns if m.start >= 0}
    region_at = {m.start: m for m in regions}
    named: dict[str, Mention] = {}
    explicit: list[Mention | None] = []
    within: list[Mention | None] = []
    for start, end in spans:
        host = region = None
        gap = _TOWN_AFTER.match(text, end)
        if gap is not None:
            host = by_start.get(gap.end())
            if host is None and gap.group().startswith(","):
                region = region_at.get(gap.end())  # "Newbury Park, Calif."
        within.append(region)
        if host is None and text[start - 3 : start] in _OWNER_GAP:
            host = by_end.get(start - 3)
        explicit.append(host)
        if host is not None:
            named.setdefault(text[start:end], host)
    dateline = next((m for m in towns if m.dateline), None)
    places = _Placed(towns, regions)
    placed = [m.start for m in towns if m.start >= 0]
    out: list[Mention | None] = []
    for (start, end), host, region in zip(spans, explicit, within, strict=True):
        if host is None and region is not None:
            # written with its state: a town of the text in that state, or none (the
            # dateline's Washington is no host of "Newbury Park, Calif.")
            out.append(places.nearest(region.choice, start))
            continue
        if host is None and text[start:end].endswith(_WATER_WORDS):
            host = named.get(text[start:end]) or _water_host(text, start, end, places)
        if host is None:
            host = named.get(text[start:end], dateline)
        if host is None and placed:
            k = bisect.bisect_left(placed, start)
            host = by_start[placed[k - 1] if k else placed[0]]
        out.append(host)
    return out
