"""Every query parameter of the API, declared once: name, kind (parser and limits),
default, help, and the operations that take it.

Nothing else writes a parameter out. The query-string parsers and ``validate()``
(:mod:`params`), the OpenAPI description (:mod:`openapi`), the ``newsfacet`` command's
options (:mod:`cli`) and the parameter lists of ``SearchService``'s docstrings
(:mod:`param_signatures`) are all built from :data:`PARAMS`, read when they are built
(so a test can add a parameter and see it everywhere). The Python signatures are
written out for type checkers and compared with these declarations by
``tests/api/test_param_signatures.py``.

Operations are named by their Flask endpoint, which is also their OpenAPI operationId.
"""

from __future__ import annotations

from newsfacet.schema.fields import FACETS

from .models import (
    BOOSTS,
    COLLAPSE_FIELDS,
    DATE_FIELDS,
    INTERVALS,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_RESULT_WINDOW,
    OPERATORS,
    SORT_ALIASES,
    SORTS,
)
from .param_kinds import (
    Boolean,
    Choice,
    CursorToken,
    DateBound,
    Day,
    Days,
    FacetList,
    FacetName,
    Integer,
    Param,
    Terms,
    Text,
    Variant,
)

#: ``GET /search``: documents.
SEARCH = "search"
#: ``GET /quotes``: attributed quotes.
QUOTES = "quotes"
#: ``GET /documents/<id>/similar``: more like this.
SIMILAR = "similar"
#: ``GET /facets/<name>``: one facet's values, for autocomplete.
FACET_VALUES = "facet_values"
OPERATIONS = (SEARCH, QUOTES, SIMILAR, FACET_VALUES)

#: Longest ``q``, in characters (a query is a program; see ``query_limits``).
MAX_QUERY_CHARS = 2000
#: Most values one facet count returns.
MAX_FACET_SIZE = 1000
#: Longest recency half-life, in days (a century: practically no boost).
MAX_HALF_LIFE = 36_525
#: Longest facet value ``prefix``, in characters.
MAX_PREFIX_CHARS = 200
#: How many values a facet value search returns unless told (``size``), and at most.
SUGGEST_SIZE = 10
MAX_SUGGEST_SIZE = 1000
#: Answer formats: ``json`` is one page; ``csv`` and ``jsonl`` stream every hit.
FORMATS = ("json", "csv", "jsonl")
#: Most hits an export (``format=csv`` or ``jsonl``) writes: Elasticsearch's
#: ``max_result_window``. An export reads pages of the ranked result set one after
#: another, so it costs about ``EXPORT_LIMIT / EXPORT_PAGE`` searches.
EXPORT_LIMIT = 10_000
#: Hits an export reads per search.
EXPORT_PAGE = 1000
#: Facets a quote search can count.
QUOTE_FACET_NAMES = ("speaker", "outlet")

_TEXT_SEARCHES = frozenset({SEARCH, QUOTES})
_RESULT_PAGES = frozenset({SEARCH, QUOTES, SIMILAR})
_DATE_HELP = ("YYYY-MM-DD, YYYY-MM or YYYY (a month or year covers all of it), or words "
              "such as 'last week', '3 days ago'")
_SNIPPETS = "Return highlighted snippets (true/false, 1/0, yes/no, on/off)."

#: In declaration order, which is the order of each operation's parameters in the
#: description, the command-line help and the Python signatures.
PARAMS: tuple[Param, ...] = (
    Param("q", Text(max_length=MAX_QUERY_CHARS),
          "Query: words, \"phrases\", AND/OR/NOT (-word excludes), field:value, prefix*.",
          _TEXT_SEARCHES,
          http_note="A query that does not parse (an unbalanced quote or parenthesis) "
                    "is a 400."),
    Param("outlet", Terms(), "Only these outlets (values OR-ed).", _TEXT_SEARCHES),
    Param("speaker", Terms(), "Only documents quoting these speakers (values OR-ed).",
          _TEXT_SEARCHES),
    Param("date_from", DateBound(end=False),
          f"Start of the date range: {_DATE_HELP}, or 'since January 2022'.",
          _TEXT_SEARCHES,
          http_note="The pattern states the ISO forms; English words are read too when "
                    "they name a day, month, weekday or span. A range whose start is after "
                    "its end matches nothing."),
    Param("date_to", DateBound(end=True),
          f"End of the date range (inclusive): {_DATE_HELP}.", _TEXT_SEARCHES,
          http_note="The pattern states the ISO forms; words are read as for date_from."),
    Param("as_of", Day(), "The day relative dates count from (YYYY-MM-DD); today by "
          "default.", _TEXT_SEARCHES, context=True),
    Param("sort", Choice(SORTS, aliases=SORT_ALIASES),
          "Order of hits; also accepted: "
          + ", ".join(f"{alias} ({sort})" for alias, sort in SORT_ALIASES.items()) + ".",
          _TEXT_SEARCHES, default="relevance"),
    Param("page", Integer(1, MAX_PAGE, why=f"pages reach the first {MAX_RESULT_WINDOW:,} "
                          "results; use cursor to go deeper"),
          f"Page number, from 1 to {MAX_PAGE}: pages reach the first {MAX_RESULT_WINDOW:,} "
          "results (use cursor to go deeper).", _RESULT_PAGES, default=1,
          http_note="A page past the last one answers 200 with no hits, and total still "
                    "counts them all."),
    Param("per_page", Integer(1, MAX_PER_PAGE), "Hits per page.", _RESULT_PAGES,
          default=10),
    Param("highlight", Boolean(), _SNIPPETS, _RESULT_PAGES, default=True,
          variants={SIMILAR: Variant(default=False)}),
    Param("facet_size", Integer(1, MAX_FACET_SIZE),
          "Values returned per facet, largest counts first. The date histogram is not "
          "cut: it returns every bucket of its range in calendar order, as "
          "Elasticsearch's date_histogram does.", _RESULT_PAGES, default=10),
    Param("operator", Choice(OPERATORS, fold=True),
          "How the words of q combine: and (all must match) or or (any may; documents "
          "matching more rank higher).", _TEXT_SEARCHES, default="and"),
    Param("facets", FacetList(tuple(FACETS)),
          "Facets to count ({choices}); repeat the parameter or separate names with commas.",
          _RESULT_PAGES, variants={QUOTES: Variant(kind=FacetList(QUOTE_FACET_NAMES))}),
    Param("location", Terms(), "Only documents mentioning these places (values OR-ed).",
          frozenset({SEARCH})),
    Param("interval", Choice(INTERVALS),
          "Bucket size of the date facet (weeks are labelled by their Monday).",
          frozenset({SEARCH, SIMILAR}), default="month"),
    Param("date_field", Choice(DATE_FIELDS),
          "What date_from/date_to filter on: the publication date or the dates of "
          "reported events.", frozenset({SEARCH}), default="published"),
    Param("cursor", CursorToken(), "Continue after the previous page: its next_cursor, "
          "unchanged (instead of page).", frozenset({SEARCH})),
    Param("story", Terms(), "Only these stories (a hit's story id; values OR-ed).",
          frozenset({SEARCH})),
    Param("collapse", Choice(COLLAPSE_FIELDS),
          "One hit per story, its best-ranked document, with the story's other documents "
          "in story_members; total then counts stories.", frozenset({SEARCH})),
    Param("boost", Choice(BOOSTS),
          "recency: multiply each score by 0.5 per half_life of the document's age, so "
          "newer documents rank higher (undated ones are not boosted). Off by default.",
          frozenset({SEARCH})),
    Param("half_life", Days(most=MAX_HALF_LIFE),
          "Half-life of the recency boost: days, or 30d, 2w, 6m, 1y; more than "
          f"{MAX_HALF_LIFE:,} days counts as {MAX_HALF_LIFE:,}.", frozenset({SEARCH}),
          default="30d"),
    Param("name", FacetName(tuple(FACETS)), "The facet whose values to list.",
          frozenset({FACET_VALUES}), in_path=True),
    Param("prefix", Text(max_length=MAX_PREFIX_CHARS),
          "Only values that start with this or have a word that does (case and accents "
          "ignored).", frozenset({FACET_VALUES}), default=""),
    Param("size", Integer(1, MAX_SUGGEST_SIZE), "How many values to return.",
          frozenset({FACET_VALUES}), default=SUGGEST_SIZE, python_default=None),
    Param("format", Choice(FORMATS),
          "How to answer: json, one page of results (the default; a table on the command "
          "line), or csv or jsonl: every hit of the query and filters, in order, up to "
          f"{EXPORT_LIMIT:,} (page and per_page are ignored), one row or JSON object per hit.",
          _TEXT_SEARCHES, output=True,
          http_note="csv and jsonl stream text/csv and application/x-ndjson; the "
                    "X-Total-Count header gives the number of hits, X-Export-Limit the "
                    "most that are written. CSV cells that start with =, +, - or @ get a "
                    "leading ' so spreadsheets do not run them as formulas."),
)


def params_of(op: str, output: bool = False) -> tuple[Param, ...]:
    """The parameters ``op`` takes, as it takes them, in declaration order; with
    ``output``, those that say how to answer (``format``) too."""
    if op not in OPERATIONS:
        raise KeyError(f"no operation {op!r}; operations are: {', '.join(OPERATIONS)}")
    return tuple(param.for_op(op) for param in PARAMS
                 if op in param.ops and (output or not param.output))
