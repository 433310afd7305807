"""Plain data in and out of the search service: what an embedding tool sees.

No Whoosh and no Flask types cross this boundary, so a caller (or a future backend)
depends on these classes only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from newsfacet.schema.document import Extraction

from .story_diff import StoryChanges

#: Accepted ``sort`` values: relevance, or publication date newest / oldest first.
SORTS = ("relevance", "date:desc", "date:asc")
SORT_ALIASES = {"date": "date:desc", "-date": "date:desc", "newest": "date:desc",
                "oldest": "date:asc", "score": "relevance"}
MAX_PER_PAGE = 100
#: Deep pages cost a full ranking; past this, narrow the query (as Elasticsearch does).
MAX_RESULT_WINDOW = 10_000
#: Highest ``page``: with any ``per_page`` up to MAX_PER_PAGE a page stays in the window,
#: so the limit is one number the OpenAPI description can state (a product of two
#: parameters it cannot). Deeper results are reached with ``cursor``.
MAX_PAGE = MAX_RESULT_WINDOW // MAX_PER_PAGE
#: Bucket sizes of the ``date`` facet (a date histogram); month is the default.
INTERVALS = ("day", "week", "month", "year")
#: What ``date_from``/``date_to`` filter on: the publication date or the reported events' dates.
DATE_FIELDS = ("published", "event")
#: How the words of ``q`` combine: all must match (default) or any may (ranked by BM25F,
#: as Elasticsearch's ``match`` query with ``operator: or``).
OPERATORS = ("and", "or")
#: Score boosts: ``recency`` multiplies a hit's score by 0.5 per ``half_life`` days of age.
BOOSTS = ("recency",)
#: What results can be collapsed on (one hit per value, like Elasticsearch's ``collapse``).
COLLAPSE_FIELDS = ("story",)
#: How many of a story's other documents a collapsed hit lists (``story_size`` says all).
MAX_STORY_MEMBERS = 20


@dataclass(frozen=True)
class Cursor:
    """Where a page ended, so the next page starts strictly after it (``search_after``).

    Relevance pages end at (score, id); date pages at (publication day, id), ``day``
    None for an undated hit. Ids break ties, as they do in the ranking itself.
    """

    sort: str
    id: str
    score: float | None = None
    day: dt.date | None = None


@dataclass(frozen=True)
class DateRange:
    """The absolute date range a search used, after natural-language dates were resolved."""

    start: dt.date | None
    end: dt.date | None
    field: str

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None, "field": self.field}


@dataclass(frozen=True)
class BaseRequest:
    """What every search takes. Values within a facet filter are OR-ed; facets are AND-ed."""

    q: str = ""
    outlet: tuple[str, ...] = ()
    speaker: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    facets: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    highlight: bool = True
    #: How many values to return per facet, largest counts first.
    facet_size: int = 10
    #: ``and``: every word of ``q`` must match; ``or``: any, more matches rank higher.
    operator: str = "and"

    def filters(self) -> dict[str, tuple[str, ...]]:
        """The term filters that are set, by facet name."""
        pairs = {"outlet": self.outlet, "speaker": self.speaker}
        return {name: values for name, values in pairs.items() if values}

    @property
    def ranked_by(self) -> str:
        """The order hits come in: without a query there is no relevance, so newest first."""
        every = not self.q.strip() or self.q.strip() in ("*", "*:*")  # match everything
        return "date:desc" if self.sort == "relevance" and every else self.sort


@dataclass(frozen=True)
class SearchRequest(BaseRequest):
    """A search over documents."""

    location: tuple[str, ...] = ()
    #: Bucket size of the ``date`` facet: day, week (labelled by its Monday), month, year.
    interval: str = "month"
    #: What the date range filters on: ``published`` or ``event`` (dates of reported events).
    date_field: str = "published"
    #: Continue after this position instead of counting pages (see :class:`Cursor`).
    cursor: Cursor | None = None
    #: Only these stories (ids as in ``Hit.story``).
    story: tuple[str, ...] = ()
    #: ``"story"``: one hit per story, its best-ranked document, listing the others.
    collapse: str | None = None
    #: ``"recency"``: newer documents rank higher (off by default).
    boost: str | None = None
    #: Days after which the recency boost halves a score.
    half_life: float = 30.0

    @property
    def date_range(self) -> DateRange | None:
        if self.date_from is None and self.date_to is None:
            return None
        return DateRange(self.date_from, self.date_to, self.date_field)

    def filters(self) -> dict[str, tuple[str, ...]]:
        more = {name: values for name, values in
                (("location", self.location), ("story", self.story)) if values}
        return {**super().filters(), **more}


@dataclass
class FacetValue:
    value: str
    count: int


@dataclass
class FacetSuggestions:
    """Values of one facet matching a prefix, with their document counts (autocomplete)."""

    facet: str
    prefix: str
    values: list[FacetValue]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class IndexStats:
    """What an index holds and how big it is: for dashboards and capacity planning."""

    documents: int
    #: Bytes on disk of the live generation, quote index included.
    size_bytes: int
    generation: str
    last_indexed_at: dt.datetime | None
    whoosh_version: str | None
    schema_version: int | None
    extractor_version: str | None
    #: Distinct values per facet over the whole index (``date``: distinct months).
    facets: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["last_indexed_at"] = (self.last_indexed_at.isoformat()
                                   if self.last_indexed_at else None)
        return data


@dataclass
class StoryMember:
    """Another document of a hit's story: enough to show "also covered by"."""

    id: str
    title: str
    outlet: str | None
    published: dt.date | None
    url: str | None = None


@dataclass
class Hit:
    """One matching document, as shown in a result list."""

    id: str
    title: str
    outlet: str | None
    published: dt.date | None
    speakers: list[str]
    locations: list[str]
    score: float | None
    snippets: list[str] = field(default_factory=list)
    url: str | None = None
    #: The story the document belongs to (its own id when nothing else tells it).
    story: str | None = None
    #: How many documents the story holds, this one included.
    story_size: int = 1
    #: With ``collapse=story``: the story's other documents, earliest first (at most
    #: ``MAX_STORY_MEMBERS``); empty otherwise.
    story_members: list[StoryMember] = field(default_factory=list)


@dataclass
class SearchResults:
    """A page of hits, the total, facet counts and the time the search took."""

    total: int
    took_ms: float
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    page: int
    per_page: int
    #: The absolute range ``date_from``/``date_to`` resolved to; None without one.
    date_range: DateRange | None = None
    #: Pass as ``cursor`` for the page after this one; None on the last page.
    next_cursor: str | None = None
    #: A corrected query that finds more, when this one finds fewer than 3 results.
    did_you_mean: str | None = None
    #: With ``collapse``: matching documents, while ``total`` counts stories (what pages
    #: count); None without collapse, where ``total`` counts documents.
    total_documents: int | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for hit in data["hits"]:
            hit["published"] = _iso(hit["published"])
            for member in hit["story_members"]:
                member["published"] = _iso(member["published"])
        data["date_range"] = self.date_range.to_json() if self.date_range else None
        return data


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass
class StoryDocument:
    """One document of a story, and what it changed relative to the story's origin."""

    id: str
    title: str
    outlet: str | None
    published: dt.date | None
    url: str | None
    #: Whether this is the origin: the earliest published member (ties: smallest id).
    origin: bool
    #: Paragraphs and quotes it added or dropped relative to the origin (None for it).
    changes: StoryChanges | None


@dataclass
class Story:
    """Documents telling one story: "which outlets ran which release"."""

    id: str
    #: The earliest published member; when it is deleted, the next earliest takes over.
    origin: str
    size: int
    #: Outlets that ran the story, with how many of its documents each.
    outlets: list[FacetValue]
    #: Every member, in publication order (undated ones last), the origin first.
    members: list[StoryDocument]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for member in data["members"]:
            member["published"] = _iso(member["published"])
        return data


@dataclass(frozen=True)
class QuoteRequest(BaseRequest):
    """A search over attributed quotes: "what did this speaker say about this subject"."""


@dataclass
class QuoteSource:
    """The document a quote came from."""

    id: str
    title: str
    outlet: str | None
    published: dt.date | None


@dataclass
class QuoteHit:
    """One quote: its text (highlighted), who said it, and where in which document."""

    id: str
    text: str
    highlighted: str
    speaker: str
    speaker_title: str | None
    cue: str
    start: int
    end: int
    document: QuoteSource
    score: float | None


@dataclass
class QuoteResults:
    total: int
    took_ms: float
    hits: list[QuoteHit]
    facets: dict[str, list[FacetValue]]
    page: int
    per_page: int

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for hit in data["hits"]:
            published = hit["document"]["published"]
            hit["document"]["published"] = published.isoformat() if published else None
        return data



@dataclass
class WriteProblem:
    """A record of a write that was not indexed, and why."""

    #: Position of the record in the request, from 1 (None: not tied to one record).
    item: int | None
    message: str


@dataclass
class WriteReport:
    """What a write did, Elasticsearch bulk style: the good records are indexed, the bad
    ones listed in ``problems`` (and ``errors`` says whether there are any)."""

    added: int
    updated: int
    unchanged: int
    deleted: int
    #: Documents in the index after the write.
    documents: int
    errors: bool
    problems: list[WriteProblem]
    #: Ids of the documents written, unchanged or deleted, in request order, as stored
    #: (an integer id as text, surrounding spaces removed): what ``/documents/<id>`` takes.
    ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class StoredDocument(Extraction):
    """A document as the index holds it: what was extracted from it, and the story it
    is part of with how many documents tell that story, as its search hits carry them."""

    story: str | None = None
    story_size: int = 1
