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

from .document import Extraction
from .fields import (
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


def analyse_text(text: str, positions_format: Any) -> AnalysedText:
    """``text``'s postings as ``positions_format`` (a :class:`~.fields.NewsPositions`)
    encodes them."""
    encode = positions_format.encode
    words: list[str] = []
    counts: list[int] = []
    chunks: list[bytes] = []
    ends: list[int] = []
    end = 0
    for word, found in word_positions(text).items():
        words.append(word)
        counts.append(len(found))
        value = encode(found)
        chunks.append(value)
        end += len(value)
        ends.append(end)
    return AnalysedText(text, words, counts, b"".join(chunks), ends, sum(counts))


def stored_record(schema: Any, fields: dict[str, Any]) -> bytes:
    """The bytes Whoosh's W3 writer stores for a document given as ``fields`` (as passed
    to ``add_document``): its stored values in field-name order, pickled and compressed."""
    stored: dict[str, Any] = {}
    for name in sorted(name for name in fields if not name.startswith("_")):
        value = fields[name]
        if value is None or not schema[name].stored:
            continue
        value = fields.get(f"_stored_{name}", value)
        stored[name] = value.text if type(value) is AnalysedText else value
    return zlib.compress(dumps(stored, 2), _STORED_LEVEL) if stored else b""


@lru_cache(maxsize=1)
def _schemas() -> tuple[Any, Any]:
    return build_schema(), build_quote_schema()


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
    schema, quote_schema = _schemas()
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
    quotes = quote_records(extraction, content_hash)
    text_format = quote_schema["text"].format
    for record in quotes:
        record["text"] = analyse_text(record["text"], text_format)
        record["_stored_record"] = stored_record(quote_schema, record)
    return PreparedDocument(doc_id, extraction.outlet, content_hash, fields,
                            head.encode("utf-8"), stored, quotes)
