"""The web search page: server-rendered HTML over :class:`SearchService`.

A Flask blueprint (``web``) with four pages: ``/`` (search box, ranked hits with
highlighted snippets, multi-select facets with "show more" and a filter box, active
filters as chips, a date histogram to drag a range on, paging, CSV export),
``/view/<id>`` (one document and what was extracted from it), ``/story/<id>`` (a
story's documents and what each changed) and ``/who-said`` (quote search). Parameters go through
the same parser as ``/search``, so the page and the JSON API accept and reject the same
things; a bad parameter renders the page with the message and the error's 4xx status.

Only snippet strings are marked safe in the templates: the backend escapes them and
adds ``<mark>`` itself. Everything else (titles, bodies, facet values) is autoescaped,
and a stored URL becomes a link only through the ``safe_href`` filter (http and https;
``safe_links``). Pages carry no inline script or style: ``headers`` sends a strict
Content-Security-Policy with every page.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from flask import Blueprint, current_app, render_template, request
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from newsfacet.schema.errors import NewsfacetError

from .doc_text import render as render_markdown
from .models import MAX_PAGE, MAX_RESULT_WINDOW, SORTS, SearchRequest, SearchResults
from .params import quote_request_from_params, request_from_params
from .safe_links import safe_href
from .service import SearchService
from .web_parts import (
    PAGING,
    TERM_FACETS,
    FacetCard,
    Histogram,
    chips,
    clear_url,
    export_url,
    facet_card,
    histogram,
    page_url,
    place_label,
)

log = logging.getLogger(__name__)

blueprint = Blueprint(
    "web", __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/web-static",
)

SORT_LABELS = {"relevance": "Relevance", "date:desc": "Newest first", "date:asc": "Oldest first"}
#: Buckets counted for the histogram (ten years of months), whatever ``facet_size`` says;
#: the facet cards get as many values, their first ``facet_size`` shown, the rest behind
#: "show more".
HISTOGRAM_BUCKETS = 120
_PARAGRAPH = re.compile(r"\n\s*\n")


def _service() -> SearchService:
    return current_app.extensions["newsfacet"]  # type: ignore[no-any-return]


def _render_search(search: SearchRequest | None, results: SearchResults | None,
                   error: NewsfacetError | None = None) -> tuple[str, int]:
    q = request.args.get("q", "")
    cards: list[FacetCard] = []
    chart: Histogram | None = None
    pages: dict[str, str | None] = {"prev": None, "next": None}
    if search is not None and results is not None:
        for name in TERM_FACETS:
            cards.append(facet_card(name, results.facets.get(name, []),
                                    search.filters().get(name, ()), search.facet_size))
        chart = histogram(results.facets.get("date", []), search.interval)
        last_reachable = min(results.total, MAX_RESULT_WINDOW)
        if search.page > 1:
            pages["prev"] = page_url(page=search.page - 1 if search.page > 2 else None,
                                     cursor=None)
        if search.page * search.per_page < last_reachable and search.page < MAX_PAGE:
            pages["next"] = page_url(page=search.page + 1, cursor=None)
    status = error.status if error else 200
    html = render_template(
        "search.html", q=q, search=search, results=results, cards=cards, chart=chart,
        pages=pages, error=error, page_url=page_url,
        chips=chips(request.args, results.date_range if results else None),
        clear_url=clear_url(request.args),
        csv_url=export_url("csv"), jsonl_url=export_url("jsonl"),
        sorts=[(s, SORT_LABELS.get(s, s)) for s in SORTS],
        sort=search.sort if search else request.args.get("sort", "relevance"),
        hidden=[(k, v) for k, v in request.args.items(multi=True)
                if k not in ("q", *PAGING) and v != ""],
        options_hidden=[(k, v) for k, v in request.args.items(multi=True)
                        if k not in ("sort", "collapse", *PAGING) and v != ""],
        dates_hidden=[(k, v) for k, v in request.args.items(multi=True)
                      if k not in ("date_from", "date_to", *PAGING) and v != ""],
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


@blueprint.get("/story/<path:story_id>")
def story_page(story_id: str) -> tuple[str, int]:
    """One story: its documents in publication order, the origin first, each with the
    paragraphs and quotes it added to or dropped from the origin, side by side."""
    story = _service().story(story_id)
    return render_template("story.html", story=story), 200


@blueprint.get("/who-said")
def quotes_page() -> tuple[str, int]:
    """Quote search: what a speaker said about a subject, each linked to its document."""
    try:
        quote_request = quote_request_from_params(request.args.getlist)
        counted = replace(quote_request, facets=("speaker", "outlet"),
                          facet_size=max(quote_request.facet_size, HISTOGRAM_BUCKETS))
        results = _service().run_quotes(counted)
    except NewsfacetError as error:
        return render_template("quotes.html", error=error, results=None, cards=[],
                               q=request.args.get("q", ""), search=None,
                               csv_url=None), error.status
    cards = [facet_card(name, results.facets.get(name, []),
                        getattr(quote_request, name), quote_request.facet_size)
             for name in ("speaker", "outlet")]
    pages: dict[str, str | None] = {"prev": None, "next": None}
    if quote_request.page > 1:
        pages["prev"] = page_url(page=quote_request.page - 1)
    if quote_request.page * quote_request.per_page < min(results.total, MAX_RESULT_WINDOW) \
            and quote_request.page < MAX_PAGE:
        pages["next"] = page_url(page=quote_request.page + 1)
    return render_template(
        "quotes.html", error=None, results=results, cards=cards, search=quote_request,
        q=request.args.get("q", ""), pages=pages,
        chips=chips(request.args), clear_url=clear_url(request.args),
        csv_url=export_url("csv", "quotes"),
        hidden=[(k, v) for k, v in request.args.items(multi=True)
                if k not in ("q", *PAGING) and v != ""]), 200


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


@blueprint.app_template_filter("place")
def _place(label: str, country: str | None = None) -> str:
    """A place label that names its country once (see ``web_parts.place_label``)."""
    return place_label(label, country)


@blueprint.app_template_filter("thousands")
def _thousands(value: int) -> str:
    return f"{value:,}"
