"""What the web pages draw, computed from a request's parameters and its results: facet
rows with their toggling links, the date histogram and its axes, the active-filter chips,
export links, and place labels that do not repeat their country.

Kept apart from the routes (:mod:`web`) so each stays one job; everything here reads
Flask's ``request`` for the current query string and builds links to the search page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from flask import request, url_for
from werkzeug.datastructures import MultiDict

from .models import FacetValue

#: Facets shown in the sidebar, in this order; ``date`` is drawn as a histogram.
TERM_FACETS = ("outlet", "speaker", "location")
#: Filters that show as chips, with their labels (``story`` too: a story page links here).
CHIP_FILTERS = {"outlet": "Outlet", "speaker": "Speaker", "location": "Place",
                "story": "Story"}
#: Parameters that pick a page; any change of query or filters starts again at page 1.
PAGING = ("page", "cursor")
#: Parameters "clear all" keeps: the query and how results are shown, not what filters them.
KEPT_BY_CLEAR = ("q", "sort", "collapse", "per_page", "interval", "operator")
#: Labels under the histogram, at most.
AXIS_TICKS = 3
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec")


def search_url(args: MultiDict[str, str], endpoint: str = "web.index") -> str:
    """A page with these parameters (empty values dropped)."""
    pairs = [(key, value) for key, value in args.items(multi=True) if value != ""]
    return url_for(endpoint) + ("?" + urlencode(pairs) if pairs else "")


def page_url(**changes: Any) -> str:
    """The current search with some parameters replaced (None removes one)."""
    args = MultiDict(request.args)
    for key, value in changes.items():
        args.pop(key, None)
        if value is not None:
            args[key] = str(value)
    return search_url(args, request.endpoint or "web.index")


def toggle_url(facet: str, value: str) -> str:
    """The current search with ``value`` added to or removed from the ``facet`` filter."""
    args = MultiDict(request.args)
    for key in PAGING:
        args.pop(key, None)
    values = args.poplist(facet)
    values = [v for v in values if v != value] if value in values else [*values, value]
    args.setlist(facet, values)
    return search_url(args, request.endpoint or "web.index")


def export_url(fmt: str, endpoint: str = "search") -> str:
    """The current search as an export of every hit (``/search?...&format=csv``)."""
    args = MultiDict(request.args)
    for key in (*PAGING, "per_page", "format"):
        args.pop(key, None)
    args["format"] = fmt
    return search_url(args, endpoint)


@dataclass
class FacetRow:
    value: str
    count: int
    selected: bool
    url: str
    #: The value as shown: a place without its country repeated.
    label: str = ""


@dataclass
class FacetCard:
    """One facet's values: the first ``shown``, the rest behind "show more"."""

    name: str
    rows: list[FacetRow]
    more: list[FacetRow] = field(default_factory=list)


def facet_card(name: str, values: list[FacetValue], selected: tuple[str, ...],
               size: int) -> FacetCard:
    """The top ``size`` values (every selected one among them) and the rest as more."""
    counts = {v.value: v.count for v in values}
    shown = values[:size]
    known = {v.value for v in shown}
    extra = [FacetValue(s, counts.get(s, 0)) for s in selected if s not in known]

    def row(v: FacetValue) -> FacetRow:
        label = place_label(v.value) if name == "location" else v.value
        return FacetRow(v.value, v.count, v.value in selected, toggle_url(name, v.value),
                        label)

    more = [row(v) for v in values[size:] if v.value not in selected]
    return FacetCard(name, [row(v) for v in [*shown, *extra]], more)


@dataclass
class Bar:
    """One bucket of the date histogram; ``height`` is a whole percentage of the tallest
    (the page draws it with one of the classes ``h0``..``h100``: no inline styles under
    the Content-Security-Policy). ``start`` and ``end`` are the days it covers, which a
    drag across bars turns into ``date_from`` and ``date_to``."""

    label: str
    count: int
    height: int
    url: str
    start: str
    end: str
    #: The axis label under this bar, or "".
    tick: str = ""


@dataclass
class Histogram:
    bars: list[Bar]
    #: The tallest bar's count: the top of the y axis.
    top: int
    #: What one bar counts ("month", "week", ...).
    unit: str


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    end = (int(last[:4]), int(last[5:]))
    months: list[str] = []
    while (year, month) <= end and len(months) <= 1200:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def bucket_end(label: str, interval: str) -> str:
    """The last day a bucket covers: a week label is its Monday; months and years cover
    themselves (the parameter parser reads ``YYYY-MM`` as the whole month)."""
    if len(label) == 10 and interval == "week":
        return (dt.date.fromisoformat(label) + dt.timedelta(days=6)).isoformat()
    return label


def tick_label(label: str) -> str:
    """A bucket as the axis shows it: ``Sep 2023`` for a month."""
    month = _MONTH.match(label)
    if month:
        return f"{_MONTH_NAMES[int(month.group(2)) - 1]} {month.group(1)}"
    return label


def histogram(values: list[FacetValue], interval: str) -> Histogram:
    """Bars in calendar order (months with no documents between two that have some are
    0), at most :data:`AXIS_TICKS` evenly spaced labels, and the count at the top."""
    buckets = sorted(values, key=lambda v: v.value)
    counts = {v.value: v.count for v in buckets}
    labels = [v.value for v in buckets]
    if labels and all(_MONTH.match(label) for label in labels):
        labels = _months_between(labels[0], labels[-1])
    tallest = max(counts.values(), default=0)
    ticks = set()
    if labels:
        steps = min(AXIS_TICKS, len(labels))
        ticks = {round(i * (len(labels) - 1) / max(steps - 1, 1)) for i in range(steps)}
    bars = []
    for i, label in enumerate(labels):
        count = counts.get(label, 0)
        end = bucket_end(label, interval)
        url = page_url(date_from=label, date_to=end, page=None, cursor=None)
        bars.append(Bar(label, count, round(100 * count / (tallest or 1)), url, label, end,
                        tick_label(label) if i in ticks else ""))
    return Histogram(bars, tallest, interval)


@dataclass
class Chip:
    """One active filter: what it is, its value, and the search without it."""

    name: str
    label: str
    value: str
    remove_url: str
    #: Where the value can be read more about (a story's page), if anywhere.
    more_url: str | None = None


def chips(args: MultiDict[str, str], date_range: Any = None) -> list[Chip]:
    """The active filters of the current search, each removable on its own."""
    found = []
    for name, label in CHIP_FILTERS.items():
        for value in args.getlist(name):
            if not value:
                continue
            more = url_for("web.story_page", story_id=value) if name == "story" else None
            shown = place_label(value) if name == "location" else value
            found.append(Chip(name, label, shown, toggle_url(name, value), more))
    start, end = args.get("date_from", ""), args.get("date_to", "")
    if start or end:
        if date_range is not None:
            start = date_range.start.isoformat() if date_range.start else start
            end = date_range.end.isoformat() if date_range.end else end
        what = "Event date" if args.get("date_field") == "event" else "Date"
        found.append(Chip("date", what, f"{start or '…'} – {end or '…'}",
                          page_url(date_from=None, date_to=None, page=None, cursor=None)))
    return found


def clear_url(args: MultiDict[str, str]) -> str:
    """The current search with every filter removed (query and display kept)."""
    kept = MultiDict([(k, v) for k, v in args.items(multi=True) if k in KEPT_BY_CLEAR])
    return search_url(kept, request.endpoint or "web.index")


def _fold(text: str) -> str:
    text = text.strip().casefold()
    return text[4:] if text.startswith("the ") else text


def place_label(label: str, country: str | None = None) -> str:
    """A place as people read it: parts not repeated ("Singapore, Singapore" is
    "Singapore"), and the country added only when the label does not already hold it
    ("Germany" with country Germany is "Germany", not "Germany Germany").

    Display only: the indexer's labels may or may not repeat the country; either way
    the page shows each name once.
    """
    parts: list[str] = []
    for part in (p.strip() for p in label.split(",")):
        if part and not (parts and _fold(parts[-1]) == _fold(part)):
            parts.append(part)
    if country and _fold(country) not in {_fold(p) for p in parts}:
        parts.append(country)
    return ", ".join(parts)
