"""The document model: what goes into the index and what extraction found in it.

Plain dataclasses, no Whoosh and no Flask, so the indexer, the API and any tool that
embeds newsfacet share one vocabulary. Offsets are character offsets into the cleaned
``body`` that the index stores and ``GET /documents/<id>`` returns.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import PurePath
from typing import Any

from .errors import InvalidDocument, InvalidJSON
from .isodate import parse_iso_date
from .strict_json import check_text, check_value

#: Keys of a JSON Lines record that map onto :class:`Article` attributes;
#: every other key is kept as metadata.
ARTICLE_KEYS = ("id", "title", "body", "outlet", "published", "author", "url")
#: Longest body indexed, in characters. News articles and releases run to tens of
#: thousands; a body of megabytes is a dump or a mistake, and extraction on it would hold
#: the one writer for minutes.
MAX_BODY_CHARS = 2_000_000
#: Longest id, in characters: ids travel in URLs.
MAX_ID_CHARS = 512
#: Range of a numeric id: 64-bit, what JSON parsers other than Python's read exactly
#: (send a larger number as a string).
MIN_INT_ID, MAX_INT_ID = -(2**63), 2**63 - 1
#: The JSON Schema of a record, as the OpenAPI description states it: exactly what
#: :meth:`Article.from_record` accepts, except what JSON Schema cannot say (valid
#: Unicode, finite numbers and nesting depth, see ``strict_json``).
ARTICLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "body"],
    "properties": {
        "id": {"anyOf": [
            {"type": "string", "minLength": 1, "maxLength": MAX_ID_CHARS, "pattern": r"\S"},
            {"type": "integer", "minimum": MIN_INT_ID, "maximum": MAX_INT_ID}],
            "description": "Unique id, stored as text without surrounding spaces (a number "
                           "in decimal); re-posting an id replaces the document when "
                           "anything changed."},
        "body": {"type": "string", "maxLength": MAX_BODY_CHARS,
                 "description": "Text (or text with markup) of the article."},
        "title": {"type": ["string", "null"]},
        "outlet": {"type": ["string", "null"]},
        "published": {"anyOf": [{"type": "string", "format": "date"},
                                {"type": "string", "format": "date-time"},
                                {"const": ""}, {"type": "null"}],
                      "description": "ISO 8601 date (YYYY-MM-DD) or date-time; RFC 3339's "
                                     "and also without offset or seconds, with a space for "
                                     "T, or an offset of +hh or +hhmm. Null or empty: "
                                     "undated."},
        "author": {"type": ["string", "null"]},
        "url": {"type": ["string", "null"], "description": "Where the article was "
                "published; the web page links it only if it is http or https."},
    },
    "additionalProperties": True,
    "description": "An article as in a JSON Lines file; other keys are kept as metadata "
                   "(standard JSON, arrays and objects nested at most 32 levels deep).",
}


@dataclass
class Article:
    """One input article as read from a source, before extraction."""

    id: str
    body: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    author: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    #: Where it came from (file path), so ``--sync`` can tell what is gone.
    source: str = ""
    #: Line number in a JSON Lines source, for messages that name the record.
    line: int | None = None
    #: "json" for JSON Lines records; "text" and "html" for article files, whose title,
    #: outlet and date come from the text itself.
    format: str = "json"

    @classmethod
    def from_record(cls, record: Any, source: str = "", line: int | None = None) -> Article:
        """Validate a decoded record; raise :class:`InvalidDocument` if it is unusable.

        The one check every way in goes through (HTTP, ``SearchService.add``, JSON
        Lines): besides the article fields, the whole record must be standard JSON
        (no NaN, no lone surrogate, nested at most ``MAX_DEPTH`` deep), so nothing
        that cannot be stored, hashed and returned as JSON gets near the writer.
        """
        if not isinstance(record, dict):
            raise InvalidDocument(f"expected a JSON object, got {_json_type(record)}")
        doc_id = _document_id(record.get("id"))
        where = f"document {doc_id!r}"
        for key, value in record.items():
            if not isinstance(key, str):
                raise InvalidDocument(f"{where}: key {key!r} is not a string")
            try:
                check_text(key, key)
                check_value(value, key, level=1)
            except InvalidJSON as exc:
                raise InvalidJSON(f"{where}: {exc}") from None
        body = record.get("body")
        if not isinstance(body, str):
            raise InvalidDocument(f"{where}: 'body' must be a string")
        check_body_size(body, doc_id)
        text_fields: dict[str, str | None] = {}
        for key in ("title", "outlet", "author", "url"):
            value = record.get(key)
            if value is not None and not isinstance(value, str):
                raise InvalidDocument(f"{where}: {key!r} must be a string or null")
            text_fields[key] = value.strip() or None if isinstance(value, str) else None
        published = parse_published(record.get("published"), doc_id)
        metadata = {k: v for k, v in record.items() if k not in ARTICLE_KEYS}
        return cls(
            id=doc_id,
            body=body,
            published=published,
            metadata=metadata,
            source=source,
            line=line,
            title=text_fields["title"],
            outlet=text_fields["outlet"],
            author=text_fields["author"],
            url=text_fields["url"],
        )

    def check(self) -> None:
        """Raise :class:`InvalidDocument` unless this article (built in Python rather than
        read from a record) holds what :meth:`from_record` would accept."""
        doc_id = _document_id(self.id if isinstance(self.id, str) else None)
        where = f"document {doc_id!r}"
        if not isinstance(self.body, str):
            raise InvalidDocument(f"{where}: 'body' must be a string")
        check_body_size(self.body, doc_id)
        if self.published is not None and not isinstance(self.published, dt.date):
            raise InvalidDocument(f"{where}: 'published' must be a date or None")
        if not isinstance(self.metadata, dict):
            raise InvalidDocument(f"{where}: 'metadata' must be a dict")
        fields = {"body": self.body, "title": self.title, "outlet": self.outlet,
                  "author": self.author, "url": self.url, "metadata": self.metadata}
        for key, value in fields.items():
            if value is not None and key != "metadata" and not isinstance(value, str):
                raise InvalidDocument(f"{where}: {key!r} must be a string or None")
            try:
                check_value(value, key)
            except InvalidJSON as exc:
                raise InvalidJSON(f"{where}: {exc}") from None


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
             float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _document_id(value: Any) -> str:
    """The id as stored: a string (an integral number is written in decimal), stripped.

    A JSON Schema ``integer`` includes ``1.0``, so an integral float is an integer id too.
    """
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if not MIN_INT_ID <= value <= MAX_INT_ID:
            raise InvalidDocument(f"'id' is a number outside 64 bits ({MIN_INT_ID} to "
                                  f"{MAX_INT_ID}); send a larger one as a string")
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise InvalidDocument("missing or empty 'id'")
    check_text(value, "id")
    if len(value) > MAX_ID_CHARS:
        raise InvalidDocument(f"'id' is {len(value):,} characters; at most "
                              f"{MAX_ID_CHARS} are accepted")
    return value.strip()


def check_body_size(body: str, doc_id: str) -> None:
    """InvalidDocument if ``body`` is longer than :data:`MAX_BODY_CHARS`."""
    if len(body) > MAX_BODY_CHARS:
        raise InvalidDocument(f"document {doc_id!r}: body is {len(body):,} characters; "
                              f"at most {MAX_BODY_CHARS:,} are indexed")


def parse_published(value: Any, doc_id: str = "?") -> dt.date | None:
    """The date of an ISO 8601 date or date-time (see :mod:`schema.isodate`); None for
    null or ""; anything else is an InvalidDocument naming the value."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidDocument(f"document {doc_id!r}: 'published' must be an ISO date string")
    day = parse_iso_date(value)
    if day is None:
        raise InvalidDocument(
            f"document {doc_id!r}: 'published' is not an ISO 8601 date (YYYY-MM-DD) or "
            f"date-time (YYYY-MM-DDThh:mm:ss, optional fraction and offset): {value!r}")
    return day


#: Field metadata of what the model keeps but never serialises (``to_json``, OpenAPI).
INTERNAL: dict[str, bool] = {"internal": True}


def source_label(source: str, line: int | None = None) -> str:
    """A source as shown to users: its file name, and the line of a JSON Lines record
    (``wire.jsonl:12``); an article posted through the API has none.

    Why not the path: responses must not tell a client how the server's disks are laid
    out, and the name alone is stable however the corpus directory is moved.
    """
    if not source:
        return ""
    name = PurePath(source).name
    return f"{name}:{line}" if line else name


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` in the document body."""

    start: int
    end: int


@dataclass
class Quote:
    """A stretch of quoted or reported speech and how it was attributed."""

    text: str
    start: int
    end: int
    #: The attribution verb or phrase that tied it to the speaker ("said", "he added").
    cue: str = ""


@dataclass
class Speaker:
    """A person (or organisation) quoted in a document, under one canonical name."""

    name: str
    title: str | None = None
    role: str | None = None
    kind: str = "person"
    #: Every surface form that was resolved to this speaker ("Brennan", "he").
    aliases: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Place:
    """A place resolved against the gazetteer."""

    name: str
    country: str
    country_code: str
    kind: str  # "city", "admin", "country", "continent", "region"
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    #: Where the text names it: its own name, and the streets, roads, parks and rivers the
    #: text puts in it (a town's mentions may read "Main Street"; they are never places of
    #: their own, so the facet stays at town granularity).
    mentions: list[Span] = field(default_factory=list)
    #: True when the place is the article's dateline ("ERBIL (Kurdistan 24) –").
    dateline: bool = False
    #: Other names of the place (GeoNames' own spelling when the label differs from it).
    aliases: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The facet value: "Erbil, Iraq" for a city, "Iraq" for a country, "Europe" for a
        continent; the country is never repeated ("Singapore", not "Singapore, Singapore")."""
        if self.kind == "country":
            return self.country
        if not self.country or self.name == self.country:
            return self.name
        return f"{self.name}, {self.country}"


@dataclass
class EventDate:
    """A date the text reports an event on, resolved to a calendar day."""

    date: dt.date
    text: str
    start: int
    end: int


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` for the model's values: dataclasses become dicts, lists,
    tuples and dicts are copied, immutable leaves are shared, anything else deep-copied.

    Why: ``asdict`` deep-copies every leaf and looks each class's fields up again, which
    made serialising an extraction a fifth of the single writer's time in bulk runs.
    """
    kind = type(value)
    if kind in _LEAVES:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if kind is list:
        return [plain(v) for v in value]
    if kind is dict:
        return {plain(k): plain(v) for k, v in value.items()}
    if kind is tuple:
        return tuple(plain(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
        return plain(value)
    return copy.deepcopy(value)


#: Types ``plain`` passes through: immutable, so a copy would be the same value.
_LEAVES = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime})
#: Field names of each dataclass ``plain`` has met, in definition order.
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@dataclass
class Extraction:
    """Everything the indexer derived from one article: the record that gets indexed."""

    id: str
    title: str
    body: str
    outlet: str | None
    published: dt.date | None
    author: str | None = None
    url: str | None = None
    event_dates: list[EventDate] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    locations: list[Place] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    #: Where it came from, as a label that names no directory (see :func:`source_label`).
    source: str = ""
    #: Where each facet value came from ("metadata", "byline", "dateline", "header").
    provenance: dict[str, str] = field(default_factory=dict)
    #: The source file's absolute path, for ``--sync`` and rebuilds: kept in the index's
    #: own ``source`` field, never in what is shown (``INTERNAL``: not serialised).
    path: str = field(default="", repr=False, metadata=INTERNAL)

    def to_json(self, with_body: bool = False) -> dict[str, Any]:
        """The JSON shape ``newsfacet extract`` prints and ``/documents/<id>`` returns."""
        data = plain(self)
        for name in _INTERNAL_FIELDS:
            data.pop(name)
        if not with_body:
            data.pop("body")
        data["published"] = self.published.isoformat() if self.published else None
        for event in data["event_dates"]:
            event["date"] = event["date"].isoformat()
        for place, model in zip(data["locations"], self.locations, strict=True):
            place["label"] = model.label
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], body: str = "") -> Extraction:
        """Rebuild from :meth:`to_json` output (the copy the index stores)."""
        published = data.get("published")
        return cls(
            id=data["id"],
            title=data.get("title") or "",
            body=data.get("body", body),
            outlet=data.get("outlet"),
            published=dt.date.fromisoformat(published) if published else None,
            author=data.get("author"),
            url=data.get("url"),
            event_dates=[
                EventDate(dt.date.fromisoformat(e["date"]), e["text"], e["start"], e["end"])
                for e in data.get("event_dates", [])
            ],
            speakers=[
                Speaker(
                    name=s["name"], title=s.get("title"), role=s.get("role"),
                    kind=s.get("kind", "person"), aliases=list(s.get("aliases", [])),
                    quotes=[Quote(**q) for q in s.get("quotes", [])],
                )
                for s in data.get("speakers", [])
            ],
            locations=[
                Place(
                    **{k: v for k, v in p.items() if k not in ("mentions", "label")},
                    mentions=[Span(**m) for m in p.get("mentions", [])],
                )
                for p in data.get("locations", [])
            ],
            metadata=dict(data.get("metadata", {})),
            # indexes written before labels held the absolute path here
            source=source_label(data.get("source", "")),
            provenance=dict(data.get("provenance", {})),
        )


#: Fields of :class:`Extraction` that ``to_json`` leaves out (``INTERNAL``).
_INTERNAL_FIELDS = tuple(f.name for f in fields(Extraction) if f.metadata.get("internal"))
