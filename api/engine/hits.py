"""Stored fields into the plain data the API returns: hits, quote hits, stories.

Snippets are marked here (the analyzer is the schema's, as the query's words are), and
speaker names shown as the facet merges them.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from bisect import bisect_right
from collections import Counter
from typing import Any

from newsfacet.schema.document import Extraction
from newsfacet.schema.fields import hit_card

from ..models import (
    MAX_STORY_MEMBERS,
    FacetValue,
    Hit,
    QuoteHit,
    QuoteSource,
    StoredDocument,
    Story,
    StoryDocument,
    StoryMember,
)
from ..story_diff import compare
from .facet_table import FacetTable
from .highlight import snippets
from .query import ANALYZER
from .view import View

#: The column holding what a hit shows (:func:`newsfacet.schema.fields.hit_card`).
CARD_COLUMN = "card"


def quote_hit(searcher: Any, table: FacetTable, docnum: int, score: float | None,
              terms: set[str]) -> QuoteHit:
    """One quote as a hit, its text highlighted as a whole (escaped when no term)."""
    stored = searcher.stored_fields(docnum)
    text = stored["text"]
    marked = snippets(text, terms, ANALYZER, top=1, whole=True) if terms else []
    published = stored.get("published")
    return QuoteHit(
        id=stored["quote_id"], text=text,
        highlighted=marked[0] if marked else html.escape(text),
        speaker=table.shown("speaker", stored["speaker"]),
        speaker_title=stored.get("speaker_title"),
        cue=stored.get("cue") or "", start=stored["start"], end=stored["end"],
        document=QuoteSource(id=stored["doc_id"], title=stored.get("title", ""),
                             outlet=stored.get("outlet") or None,
                             published=published.date() if published else None),
        score=score,
    )


def highlight_terms(q: Any, fields: tuple[str, ...]) -> set[str]:
    """The words (and phrase words) of ``q`` in ``fields``: what snippets mark."""
    if q is None:
        return set()
    terms = set()
    for fieldname, text in q.iter_all_terms(phrases=True):
        if fieldname in fields:
            terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return terms


def document_hit(searcher: Any, table: FacetTable, docnum: int, score: float | None,
                 terms: set[str]) -> Hit:
    """One document as a hit: its facets as shown (merged names) and its snippets.

    Without snippets it is read from the ``card`` column; the body and the whole
    extraction are read only when a snippet needs the body.
    """
    card = None if terms else read_card(searcher, table, docnum)
    body = ""
    if card is None:
        stored = searcher.stored_fields(docnum)
        body = stored.get("body", "")
        card = hit_card(json.loads(stored["extraction"]), stored.get("story"))
    story = card["story"]
    return Hit(
        id=card["id"],
        title=card["title"] or "",
        outlet=card["outlet"] or None,
        published=dt.date.fromisoformat(card["published"]) if card["published"] else None,
        speakers=list(dict.fromkeys(table.shown("speaker", name) for name in card["speakers"])),
        locations=list(dict.fromkeys(card["locations"])),
        score=score,
        snippets=snippets(body, terms, ANALYZER) if terms else [],
        url=card["url"],
        story=story,
        story_size=table.value_count("story", story) if story else 1,
    )


def read_card(searcher: Any, table: FacetTable, docnum: int) -> dict[str, Any] | None:
    """The ``card`` column's value of ``docnum`` (what a hit shows), or None where a
    segment has none."""
    columns = table.cache.get(CARD_COLUMN)
    if columns is None:
        starts, readers = [], []
        for segment, offset in searcher.reader().leaf_readers():
            if segment.doc_count_all():
                starts.append(offset)
                readers.append(segment.column_reader(CARD_COLUMN)
                               if segment.has_column(CARD_COLUMN) else None)
        columns = table.cache[CARD_COLUMN] = (starts, readers)
    starts, readers = columns
    at = bisect_right(starts, docnum) - 1
    reader = readers[at] if at >= 0 else None
    raw = reader[docnum - starts[at]] if reader is not None else b""
    return json.loads(raw) if raw else None


def story_members(view: View, hit: Hit) -> list[StoryMember]:
    """The other documents of ``hit``'s story, earliest first, at most a screenful."""
    if hit.story is None or hit.story_size < 2:
        return []
    members = []
    for docnum in view.table.members("story", hit.story):
        stored = view.searcher.stored_fields(docnum)
        if stored["id"] == hit.id:
            continue
        published = stored.get("published")
        members.append(StoryMember(
            id=stored["id"], title=stored.get("title", ""),
            outlet=stored.get("outlet") or None,
            published=published.date() if published else None,
            url=json.loads(stored["extraction"]).get("url")))
        if len(members) == MAX_STORY_MEMBERS:
            break
    return members


def story(story_id: str, stored: list[dict[str, Any]]) -> Story:
    """A story from its documents' stored fields in time order, each compared with the
    origin (the first)."""
    extractions = [Extraction.from_json(json.loads(s["extraction"]), body=s.get("body", ""))
                   for s in stored]
    origin = extractions[0]
    members = [
        StoryDocument(id=e.id, title=e.title or "", outlet=e.outlet or None,
                      published=e.published, url=e.url, origin=i == 0,
                      changes=None if i == 0 else compare(origin, e))
        for i, e in enumerate(extractions)]
    outlets = Counter(e.outlet for e in extractions if e.outlet)
    return Story(id=story_id, origin=origin.id, size=len(members),
                 outlets=[FacetValue(name, n) for name, n in
                          sorted(outlets.items(), key=lambda pair: (-pair[1], pair[0]))],
                 members=members)


def stored_document(stored: dict[str, Any], story: str | None, size: int) -> StoredDocument:
    """A document with everything extracted from it, and its story and that story's size."""
    extraction = Extraction.from_json(json.loads(stored["extraction"]),
                                      body=stored.get("body", ""))
    return StoredDocument(**vars(extraction), story=story, story_size=size)
