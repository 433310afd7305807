"""The town a street, road or park lies in, as the text places it.

A street is no value of the location facet: it is a mention of its town, so a reader
filtering on "Springfield, United States" finds the article with "Main Street" marked,
and the facet never gains a place from a street (the host is always a town the text
names itself). The town is, in order: the one the text writes with it ("Main Street in
Springfield", "618 E. Main Street, Annville", "Middletown's New Road"; a street written
so once is in that town at each of its mentions); else the dateline's town; else the
closest town named before it (the first one when none is), which is the text's only
town when it names one.
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


def street_hosts(text: str, spans: Sequence[tuple[int, int]],
                 towns: Sequence[Mention]) -> list[Mention | None]:
    """The town of each span in ``spans`` (None only when ``towns`` is empty).

    ``towns`` are the text's mentions resolved to a city with coordinates, in text
    order (the dateline's included, with a start of -1 when it is not in the body).
    """
    by_start = {m.start: m for m in towns if m.start >= 0}
    by_end = {m.end: m for m in towns if m.start >= 0}
    named: dict[str, Mention] = {}
    explicit: list[Mention | None] = []
    for start, end in spans:
        host = None
        gap = _TOWN_AFTER.match(text, end)
        if gap is not None:
            host = by_start.get(gap.end())
        if host is None and text[start - 3 : start] in _OWNER_GAP:
            host = by_end.get(start - 3)
        explicit.append(host)
        if host is not None:
            named.setdefault(text[start:end], host)
    dateline = next((m for m in towns if m.dateline), None)
    placed = [m.start for m in towns if m.start >= 0]
    out: list[Mention | None] = []
    for (start, end), host in zip(spans, explicit, strict=True):
        if host is None:
            host = named.get(text[start:end], dateline)
        if host is None and placed:
            k = bisect.bisect_left(placed, start)
            host = by_start[placed[k - 1] if k else placed[0]]
        out.append(host)
    return out
