"""The web search page: server-rendered HTML over :class:`SearchService`.

A Flask blueprint (``web``) with two pages: ``/`` (search box, ranked hits with
highlighted snippets, multi-select facets, a date histogram, paging) and
``/view/<id>`` (one document and what was extracted from it). Parameters go through
the same parser as ``/search``, so the page and the JSON API accept and reject the same
things; a bad parameter renders the page with the message and the error's 4xx status.

Only snippet strings are marked safe in the templates: the backend escapes them and
adds ``<mark>`` itself. Everything else (titles, bodies, facet values) is autoescaped,
and a stored URL becomes a link only through the ``safe_href`` filter (http and https;
``safe_links``). Pages carry no inline script or style: ``headers`` sends a strict
Content-Security-Policy with every page.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request, url_for
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from newsfacet.schema.errors import NewsfacetError

from .doc_text import render as render_markdown
from .models import MAX_PAGE, MAX_RESULT_WINDOW, SORTS, FacetValue, SearchRequest, SearchResults
from .params import request_from_params
from .safe_links import safe_href
from .service import SearchService

log = logging.getLogger(__name__)

blueprint = Blueprint(
    "web", __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/web-static",
)

#: Facets shown in the sidebar, in this order; ``date`` is drawn as a histogram.
TERM_FACETS = ("outlet", "speaker", "location")
SORT_LABELS = {"relevance": "Relevance", "date:desc": "Newest first", "date:asc": "Oldest first"}
#: Buckets counted for the histogram (ten years of months), whatever ``facet_size`` says.
HISTOGRAM_BUCKETS = 120
#: Parameters that pick a page; any change of query or filters starts again at page 1.
PAGING = ("page", "cursor")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PARAGRAPH = re.compile(r"\n\s*\n")


def _service() -> SearchService:
    return current_app.extensions["newsfacet"]  # type: ignore[no-any-return]


def search_url(args: MultiDict[str, str]) -> str:
    """The search page with these parameters (empty values dropped)."""
    pairs = [(key, value) for key, value in args.items(multi=True) if value != ""]
    return url_for("web.index") + ("?" + urlencode(pairs) if pairs else "")


def page_url(**changes: Any) -> str:
    """The current search with some parameters replaced (None removes one)."""
    args = MultiDict(request.args)
    for key, value in changes.items():
        args.pop(key, None)
        if value is not None:
            args[key] = str(value)
    return search_url(args)


def toggle_url(facet: str, value: str) -> str:
    """The current search with ``value`` added to or removed from the ``facet`` filter."""
    args = MultiDict(request.args)
    for key in PAGING:
        args.pop(key, None)
    values = args.poplist(facet)
    values = [v for v in values if v != value] if value in values else [*values, value]
    args.setlist(facet, values)
    return search_url(args)


@dataclass
class FacetRow:
    value: str
    count: int
    selected: bool
    url: str


@dataclass
class Bar:
    """One bucket of the date histogram; ``height`` is a whole percentage of the tallest
    (the page draws it with one of the classes ``h0``..``h100``: no inline styles under
    the Content-Security-Policy)."""

    label: str
    count: int
    height: int
    url: str


def facet_rows(name: str, values: list[FacetValue], selected: tuple[str, ...],
               size: int) -> list[FacetRow]:
    """The top ``size`` values, and every selected value even when it is not among them."""
    shown = values[:size]
    known = {v.value for v in shown}
    counts = {v.value: v.count for v in values}
    extra = [FacetValue(s, counts.get(s, 0)) for s in selected if s not in known]
    return [FacetRow(v.value, v.count, v.value in selected, toggle_url(name, v.value))
            for v in [*shown, *extra]]


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    end = (int(last[:4]), int(last[5:]))
    months: list[str] = []
    while (year, month) <= end and len(months) <= 1200:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _bucket_end(label: str) -> str:
    """The last day a bucket covers: a week label is its Monday; months and years cover
    themselves (the parameter parser reads ``YYYY-MM`` as the whole month)."""
    if len(label) == 10 and request.args.get("interval") == "week":
        return (dt.date.fromisoformat(label) + dt.timedelta(days=6)).isoformat()
    return label


def histogram(values: list[FacetValue]) -> list[Bar]:
    """Bars in calendar order; months with no documents between two that have some are 0."""
    buckets = sorted(values, key=lambda v: v.value)
    counts = {v.value: v.count for v in buckets}
    labels = [v.value for v in buckets]
    if labels and all(_MONTH.match(label) for label in labels):
        labels = _months_between(labels[0], labels[-1])
    tallest = max(counts.values(), default=0) or 1
    bars = []
    for label in labels:
        count = counts.get(label, 0)
        url = page_url(date_from=label, date_to=_bucket_end(label), page=None, cursor=None)
        bars.append(Bar(label, count, round(100 * count / tallest), url))
    return bars


def _render_search(search: SearchRequest | None, results: SearchResults | None,
                   error: NewsfacetError | None = None) -> tuple[str, int]:
    q = request.args.get("q", "")
    facets: dict[str, list[FacetRow]] = {}
    bars: list[Bar] = []
    pages: dict[str, str | None] = {"prev": None, "next": None}
    if search is not None and results is not None:
        for name in TERM_FACETS:
            facets[name] = facet_rows(name, results.facets.get(name, []),
                                      search.filters().get(name, ()), search.facet_size)
        bars = histogram(results.facets.get("date", []))
        last_reachable = min(results.total, MAX_RESULT_WINDOW)
        if search.page > 1:
            pages["prev"] = page_url(page=search.page - 1 if search.page > 2 else None,
                                     cursor=None)
        if search.page * search.per_page < last_reachable and search.page < MAX_PAGE:
            pages["next"] = page_url(page=search.page + 1, cursor=None)
    status = error.status if error else 200
    html = render_template(
        "search.html", q=q, search=search, results=results, facets=facets, bars=bars,
        pages=pages, error=error, page_url=page_url,
        sorts=[(s, SORT_LABELS.get(s, s)) for s in SORTS],
        sort=search.sort if search else request.args.get("sort", "relevance"),
        hidden=[(k, v) for k, v in request.args.items(multi=True)
                if k not in ("q", "sort", "collapse", *PAGING) and v != ""],
    )
    return html, status


@blueprint.get("/")
def index() -> tuple[str, int]:
    """The search page: query, hits, facets with counts, date histogram, paging."""
    try:
        search = request_from_params(request.args.getlist)
        counted = replace(search, facets=(*TERM_FACETS, "date"),
                          facet_size=max(search.facet_size, HISTOGRAM_BUCKETS))
        results = _service().run(counted)
    except NewsfacetError as error:
        return _render_search(None, None, error)
    return _render_search(search, results)


def paragraphs(text: str) -> list[str]:
    """Body text split at blank lines, so the page shows the article's paragraphs."""
    return [part.strip() for part in _PARAGRAPH.split(text) if part.strip()]


@blueprint.get("/view/<path:doc_id>")
def view(doc_id: str) -> tuple[str, int]:
    """One document: metadata, body, and the speakers, places and dates found in it."""
    service = _service()
    document = service.get(doc_id)
    story = (service.story(document.story)
             if document.story and document.story_size > 1 else None)
    return render_template("document.html", doc=document, paragraphs=paragraphs(document.body),
                           story=story), 200


@blueprint.errorhandler(NewsfacetError)
def _known(error: NewsfacetError) -> tuple[str, int]:
    return render_template("error.html", status=error.status, title=error.title,
                           detail=error.public_detail), error.status


@blueprint.errorhandler(HTTPException)
def _http(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    return render_template("error.html", status=code, title=error.name,
                           detail=error.description or error.name), code


@blueprint.errorhandler(Exception)
def _unexpected(error: Exception) -> tuple[str, int]:
    log.exception("unexpected error on %s %s", request.method, request.path)
    return render_template("error.html", status=500, title="Internal error",
                           detail="The server failed to answer; this is a bug."), 500


@blueprint.app_template_filter("safe_href")
def _safe_href(url: str | None) -> str | None:
    """A stored URL for an ``href`` (http and https only), None to show it as text."""
    return safe_href(url)


@blueprint.app_template_filter("markdown")
def _markdown(text: str | None, inline: bool = False) -> Markup:
    """Markdown (the OpenAPI description's descriptions) as HTML, raw HTML escaped."""
    return render_markdown(text, inline)


@blueprint.app_template_filter("thousands")
def _thousands(value: int) -> str:
    return f"{value:,}"
