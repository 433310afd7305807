"""A document made ready for the writer where it was extracted: fields, postings, stored bytes.

Why: a bulk build runs one writer process beside worker processes that extract, and
that writer was the bottleneck (two cores, ~1.6 used). Everything about a document that
does not depend on the index being written is computed here, in the worker: its field
values, the words of its texts with their positions encoded, its quotes' records, and
the compressed stored-field records. The writer then only numbers terms, appends
arrays and joins the story. What is written is byte for byte what Whoosh writes from
:func:`~.fields.to_fields` and :func:`~.fields.quote_records` (generated tests compare).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import STORED_COLUMN
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC

from .document import Extraction
from .fields import (
    NewsPositions,
    build_quote_schema,
    build_schema,
    hit_card,
    quote_records,
    to_fields,
    word_positions,
)

#: Whoosh's stored-field record: a pickle (protocol 2) of the stored values, compressed.
_STORED_LEVEL: int = STORED_COLUMN._child._level
assert STORED_COLUMN._child._module == "zlib"
#: Field types whose terms and column value are a function of the value alone.
PURE_FIELDS = (NUMERIC, DATETIME, ID, KEYWORD)


@dataclass
class AnalysedText:
    """A text field's value with its postings already computed: what
    :class:`~.fields.NewsPositions` would index from ``text``, distinct words in order of
    first occurrence."""

    text: str
    #: The indexed words, each once.
    words: list[str]
    #: How often each word occurs.
    counts: list[int]
    #: The words' encoded positions, concatenated.
    values: bytes
    #: Where each word's encoded positions end in ``values``.
    ends: list[int]
    #: How many words the text has, stop words excluded (its field length).
    length: int


#: A single position's encoded value, by position (most words occur once in a text):
#: ``NewsPositions.encode([p])`` is a pure function of ``p``. One cache for the worker's
#: :func:`analyse_text` and the writer's ``add_words``.
SINGLE_POSITIONS: dict[int, bytes] = {}
SINGLE_CACHED = 1 << 16


def analyse_text(text: str, positions_format: Any) -> AnalysedText:
    """``text``'s postings as ``positions_format`` (a :class:`~.fields.NewsPositions`)
    encodes them."""
    if type(positions_format) is not NewsPositions:
        raise TypeError(f"texts are analysed for NewsPositions, not {positions_format!r}")
    encode = positions_format.encode
    single = SINGLE_POSITIONS
    words: list[str] = []
    counts: list[int] = []
    chunks: list[bytes] = []
    ends: list[int] = []
    end = 0
    for word, found in word_positions(text).items():
        words.append(word)
        counts.append(len(found))
        if len(found) == 1:
            value = single.get(found[0])
            if value is None:
                value = encode(found)
                if found[0] < SINGLE_CACHED:
                    single[found[0]] = value
        else:
            value = encode(found)
        chunks.append(value)
        end += len(value)
        ends.append(end)
    return AnalysedText(text, words, counts, b"".join(chunks), ends, sum(counts))


@dataclass
class IndexedValue:
    """A number, date, id or keyword field's value with what Whoosh's writer computes
    of it alone: its postings (``field.index(value)``) and its column value."""

    value: Any
    #: (term bytes, frequency, weight, encoded value) per term, as ``field.index`` gives.
    postings: list[tuple[bytes, int, float, bytes]]
    #: ``field.to_column_value(value)`` if the field has a column, else None.
    column: Any


def index_value(field: Any, value: Any) -> IndexedValue:
    """``value`` of ``field`` (a Whoosh ``NUMERIC``, ``DATETIME``, ``ID`` or ``KEYWORD``
    field) with its postings and column value computed."""
    column = field.to_column_value(value) if field.column_type else None
    return IndexedValue(value, list(field.index(value)), column)


def _value_fields(schema: Any) -> frozenset[str]:
    """The fields whose postings and column are a function of the value alone."""
    return frozenset(name for name, field in schema.items()
                     if type(field) in PURE_FIELDS and field.indexed)


def _precompute(schema: Any, fields: dict[str, Any], names: frozenset[str]) -> None:
    for name, value in fields.items():
        if name in names and value is not None and not isinstance(value, (list, tuple)):
            fields[name] = index_value(schema[name], value)


def stored_record(schema: Any, fields: dict[str, Any]) -> bytes:
    """The bytes Whoosh's W3 writer stores for a document given as ``fields`` (as passed
    to ``add_document``): its stored values in field-name order, pickled and compressed."""
    stored: dict[str, Any] = {}
    for name in sorted(name for name in fields if not name.startswith("_")):
        value = fields[name]
        if value is None or not schema[name].stored:
            continue
        value = fields.get(f"_stored_{name}", value)
        stored[name] = plain_value(value)
    return zlib.compress(dumps(stored, 2), _STORED_LEVEL) if stored else b""


def plain_value(value: Any) -> Any:
    """A field's value as given to :func:`~.fields.to_fields`: the text of an
    :class:`AnalysedText`, the value of an :class:`IndexedValue`."""
    kind = type(value)
    if kind is AnalysedText:
        return value.text
    if kind is IndexedValue:
        return value.value
    return value


@lru_cache(maxsize=1)
def _schemas() -> tuple[Any, Any, frozenset[str], frozenset[str]]:
    schema, quote_schema = build_schema(), build_quote_schema()
    return schema, quote_schema, _value_fields(schema), _value_fields(quote_schema)


@dataclass
class PreparedDocument:
    """One document ready to write but for its story, which the writer joins."""

    id: str
    outlet: str | None
    content_hash: str
    #: :func:`~.fields.to_fields` but ``story`` and ``card``; texts as :class:`AnalysedText`.
    fields: dict[str, Any]
    #: The ``card`` column's JSON up to the story's value.
    card_head: bytes
    #: The stored record if the document's story is its own id (most are).
    stored_if_own_story: bytes
    #: :func:`~.fields.quote_records`, texts analysed, each with its ``_stored_record``.
    quotes: list[dict[str, Any]]

    def fields_with_story(self, story: str) -> dict[str, Any]:
        """The fields :func:`~.fields.to_fields` gives with ``story`` as the story id;
        with the stored record when it is known to be Whoosh's for them."""
        fields = dict(self.fields)
        fields["story"] = story
        fields["card"] = self.card_head + json.dumps(story, ensure_ascii=False).encode() + b"}"
        if story is self.id:  # as to_fields builds it: the id's own string object
            fields["_stored_record"] = self.stored_if_own_story
        return fields


def prepare(extraction: Extraction, content_hash: str) -> PreparedDocument:
    """Everything of one document the writer needs that does not depend on the index."""
    schema, quote_schema, value_fields, quote_value_fields = _schemas()
    doc_id = extraction.id
    # the story id a new document gets is its own id, the very object (what pickle sees)
    fields = to_fields(extraction, content_hash, doc_id)
    own_story = dict(fields)
    for name in ("title", "body"):
        fields[name] = analyse_text(fields[name], schema[name].format)
    own_story.update(title=fields["title"], body=fields["body"])
    stored = stored_record(schema, own_story)
    card = hit_card(json.loads(fields["extraction"]), None)
    del card["story"]
    head = json.dumps(card, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"story":'
    del fields["story"], fields["card"]
    _precompute(schema, fields, value_fields)
    quotes = quote_records(extraction, content_hash)
    text_format = quote_schema["text"].format
    shared: dict[tuple[str, type, Any], IndexedValue] = {}
    for record in quotes:
        record["_stored_record"] = stored_record(quote_schema, record)
        record["text"] = analyse_text(record["text"], text_format)
        for name, value in record.items():
            if name in quote_value_fields and value is not None:
                # a document's quotes share its id, version, outlet and date: computed once
                key = (name, type(value), value if type(value) is str else repr(value))
                indexed = shared.get(key)
                if indexed is None:
                    indexed = shared[key] = index_value(quote_schema[name], value)
                record[name] = indexed
    return PreparedDocument(doc_id, extraction.outlet, content_hash, fields,
                            head.encode("utf-8"), stored, quotes)
