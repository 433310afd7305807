"""Stored fields into the plain data the API returns: hits, quote hits, stories.

Snippets are marked here (the analyzer is the schema's, as the query's words are), and
speaker names shown as the facet merges them.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from typing import Any

from newsfacet.schema.document import Extraction

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
    """One document as a hit: its facets as shown (merged names) and its snippets."""
    stored = searcher.stored_fields(docnum)
    extraction = json.loads(stored["extraction"])
    published = stored.get("published")
    return Hit(
        id=stored["id"],
        title=stored.get("title", ""),
        outlet=stored.get("outlet") or None,
        published=published.date() if published else None,
        speakers=list(dict.fromkeys(
            table.shown("speaker", s["name"]) for s in extraction["speakers"]
            if s.get("kind") == "person"
        )),
        locations=list(dict.fromkeys(p["label"] for p in extraction["locations"])),
        score=score,
        snippets=snippets(stored.get("body", ""), terms, ANALYZER) if terms else [],
        url=extraction.get("url"),
        story=stored.get("story"),
        story_size=table.value_count("story", stored["story"]) if stored.get("story") else 1,
    )


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
