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


def _water_host(text: str, start: int, end: int, towns: Sequence[Mention],
                regions: Sequence[Mention]) -> Mention | None:
    """A river's or lake's town, from its own sentence: if the sentence names a country
    or state (the first after the river, else the last before), the nearest town of the
    text in it; else the nearest town of the sentence. "Floodwater from the Douro River
    ... in northern Portugal, according to ... the institute in Bergen, Norway" is a
    Portuguese river, not Bergen's; None when the sentence says nothing."""
    left, right = _sentence(text, start, end)
    inside = [r for r in regions if left <= r.start < right and r.choice is not None]
    if inside:
        after = [r for r in inside if r.start >= end]
        region = (after[0] if after else inside[-1]).choice
        assert region is not None
        candidates = [t for t in towns if t.start >= 0 and t.choice is not None
                      and t.choice.country_code == region.country_code
                      and (region.kind == "country" or t.choice.admin1 == region.admin1)]
    else:
        candidates = [t for t in towns if left <= t.start < right]
    if not candidates:
        return None
    return min(candidates, key=lambda t: abs(t.start - start))


def _town_in(region: Mention, start: int, towns: Sequence[Mention]) -> Mention | None:
    """The town of ``towns`` inside ``region`` (a country or state) written nearest to
    ``start``, if any."""
    c = region.choice
    assert c is not None
    inside = [t for t in towns if t.choice is not None
              and t.choice.country_code == c.country_code
              and (c.kind == "country" or t.choice.admin1 == c.admin1)]
    return min(inside, key=lambda t: abs(t.start - start)) if inside else None


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
    placed = [m.start for m in towns if m.start >= 0]
    out: list[Mention | None] = []
    for (start, end), host, region in zip(spans, explicit, within, strict=True):
        if host is None and region is not None:
            # written with its state: a town of the text in that state, or none (the
            # dateline's Washington is no host of "Newbury Park, Calif.")
            out.append(_town_in(region, start, towns))
            continue
        if host is None and text[start:end].endswith(_WATER_WORDS):
            host = named.get(text[start:end]) or _water_host(text, start, end, towns,
                                                             regions)
        if host is None:
            host = named.get(text[start:end], dateline)
        if host is None and placed:
            k = bisect.bisect_left(placed, start)
            host = by_start[placed[k - 1] if k else placed[0]]
        out.append(host)
    return out
