"""Exports: every hit of a search as CSV or JSON Lines, read page after page.

What Datasette users expect of ``.csv`` and ``.json`` on every query: the whole result
set of the query and filters (up to :data:`~.param_registry.EXPORT_LIMIT`), not one
page, in the order the search ranks it, written as it is read. The first page is read
before anything is sent, so a bad query is still a 400 problem, not a broken file.

CSV cells that a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) get a leading ``'``, as Datasette and OWASP's CSV
injection advice do; numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsfacet.schema import strict_json

from .models import Hit, QuoteHit, QuoteRequest, QuoteResults, SearchRequest, SearchResults
from .param_registry import EXPORT_LIMIT, EXPORT_PAGE
from .service import SearchService

#: Columns of a document export, in order.
DOCUMENT_COLUMNS = ("id", "title", "outlet", "published", "url", "speakers", "locations",
                    "story", "score")
#: Columns of a quote export: the quote, who said it, and its document.
QUOTE_COLUMNS = ("id", "text", "speaker", "speaker_title", "cue", "document", "title",
                 "outlet", "published", "score")
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: What separates the values of a list column (speakers, locations) in a CSV cell.
LIST_SEPARATOR = "; "
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


@dataclass
class Export:
    """An export ready to stream: how many hits there are, and the rows to write."""

    total: int
    rows: Iterator[dict[str, Any]]
    columns: Sequence[str]

    @property
    def written(self) -> int:
        """Rows the export writes: every hit, up to the limit."""
        return min(self.total, EXPORT_LIMIT)


def document_row(hit: Hit) -> dict[str, Any]:
    return {"id": hit.id, "title": hit.title, "outlet": hit.outlet,
            "published": hit.published.isoformat() if hit.published else None,
            "url": hit.url, "speakers": list(hit.speakers), "locations": list(hit.locations),
            "story": hit.story, "score": hit.score}


def quote_row(hit: QuoteHit) -> dict[str, Any]:
    doc = hit.document
    return {"id": hit.id, "text": hit.text, "speaker": hit.speaker,
            "speaker_title": hit.speaker_title, "cue": hit.cue, "document": doc.id,
            "title": doc.title, "outlet": doc.outlet,
            "published": doc.published.isoformat() if doc.published else None,
            "score": hit.score}


def export_documents(service: SearchService, request: SearchRequest) -> Export:
    """Every hit of ``request`` (page and per_page ignored), up to the limit.

    Pages follow ``next_cursor`` where the search allows one, so documents added while
    it runs neither repeat nor shift rows; collapsed and boosted searches page by number.
    """
    base = replace(request, page=1, per_page=EXPORT_PAGE, facets=(), highlight=False,
                   cursor=None)
    by_cursor = request.collapse is None and request.boost is None
    first = service.backend.search(base, service.budget())

    def following(results: SearchResults, page: int) -> SearchResults | None:
        if not by_cursor:
            return service.backend.search(replace(base, page=page), service.budget())
        cursor = _cursor(results.next_cursor)
        if cursor is None:
            return None
        return service.backend.search(replace(base, cursor=cursor), service.budget())

    return Export(first.total, _every_hit(first, following, document_row), DOCUMENT_COLUMNS)


def _cursor(token: str | None) -> Any:
    from .params import decode_cursor

    return decode_cursor(token) if token else None


def export_quotes(service: SearchService, request: QuoteRequest) -> Export:
    """Every quote matching ``request``, up to the limit, page after page."""
    base = replace(request, page=1, per_page=EXPORT_PAGE, facets=(), highlight=False)
    first = service.backend.search_quotes(base, service.budget())

    def following(_: QuoteResults, page: int) -> QuoteResults:
        return service.backend.search_quotes(replace(base, page=page), service.budget())

    return Export(first.total, _every_hit(first, following, quote_row), QUOTE_COLUMNS)


def _every_hit(first: Any, following: Callable[[Any, int], Any | None],
               row: Callable[[Any], dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The rows of ``first``'s hits, then of each following page (``following(results,
    page)``, None when there is none), until the total, the limit or an empty page."""
    page, results, written = 1, first, 0
    while True:
        for hit in results.hits[:EXPORT_LIMIT - written]:
            yield row(hit)
        written += len(results.hits)
        if written >= min(first.total, EXPORT_LIMIT) or not results.hits:
            return
        page += 1
        results = following(results, page)
        if results is None:
            return


def safe_cell(value: Any) -> Any:
    """A CSV cell: lists joined, text that a spreadsheet would run as a formula
    prefixed with ``'``, numbers left as numbers, None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    """The header, then one CSV line per row (RFC 4180: CRLF, quotes doubled)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: Sequence[Any]) -> str:
        writer.writerow(cells)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield line(columns)
    for row in rows:
        yield line([safe_cell(row[c]) for c in columns])


def jsonl_text(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per line (standard JSON: :mod:`strict_json`)."""
    for row in rows:
        yield strict_json.dumps(row, ensure_ascii=False) + "\n"


def encode(export: Export, fmt: str) -> Iterator[str]:
    """The export's text in ``fmt`` (``csv`` or ``jsonl``), piece by piece."""
    return csv_text(export.rows, export.columns) if fmt == "csv" else jsonl_text(export.rows)
