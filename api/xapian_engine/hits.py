"""Xapian documents into the plain data the API returns: hits, quote hits, members.

Snippets are built here from the stored body with newsfacet's own highlighter, not
Xapian's snippet generator: that one looks every term up over the network (245 ms
against 31 ms for ten snippets on three shards).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

import xapian

from ..engine.highlight import snippets
from ..models import MAX_STORY_MEMBERS, Hit, QuoteHit, QuoteSource, StoryMember
from . import layout
from .selection import IndexFacts, ranked


def stored(doc: Any) -> dict[str, Any]:
    """A document's stored fields (``layout.document_terms``' data)."""
    data: dict[str, Any] = json.loads(doc.get_data().decode("utf-8"))
    return data


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def document_hit(db: Any, facts: IndexFacts, doc: Any, score: float | None,
                 terms: set[str]) -> Hit:
    fields = stored(doc)
    extraction = json.loads(fields["extraction"])
    story = fields.get("story")
    return Hit(
        id=fields["id"], title=fields.get("title") or "",
        outlet=fields.get("outlet") or None, published=_day(fields.get("published")),
        speakers=list(dict.fromkeys(facts.shown(s["name"]) for s in extraction["speakers"]
                                    if s.get("kind") == "person")),
        locations=list(dict.fromkeys(p["label"] for p in extraction["locations"])),
        score=score,
        snippets=snippets(fields.get("body") or "", terms, layout.ANALYZER) if terms else [],
        url=extraction.get("url"), story=story,
        story_size=int(db.get_termfreq(layout.term(layout.STORY, story))) if story else 1)


def story_docs(db: Any, story: str, limit: int | None = None) -> list[dict[str, Any]]:
    """A story's documents' stored fields, earliest first (undated last, ties by id)."""
    q = xapian.Query(layout.term(layout.STORY, story))
    size = limit if limit is not None else db.get_doccount()
    return [stored(doc) for doc, _ in ranked(db, q, False, "date:asc", 0, size).matches]


def story_members(db: Any, hit: Hit) -> list[StoryMember]:
    if hit.story is None or hit.story_size < 2:
        return []
    members = []
    for fields in story_docs(db, hit.story, MAX_STORY_MEMBERS + 1):
        if fields["id"] == hit.id:
            continue
        members.append(StoryMember(
            id=fields["id"], title=fields.get("title") or "",
            outlet=fields.get("outlet") or None, published=_day(fields.get("published")),
            url=json.loads(fields["extraction"]).get("url")))
    return members[:MAX_STORY_MEMBERS]


def quote_hit(facts: IndexFacts, doc: Any, score: float | None, terms: set[str]) -> QuoteHit:
    fields = stored(doc)
    text = fields["text"]
    marked = snippets(text, terms, layout.ANALYZER, top=1, whole=True) if terms else []
    return QuoteHit(
        id=fields["quote_id"], text=text,
        highlighted=marked[0] if marked else html.escape(text),
        speaker=facts.shown(fields["speaker"]), speaker_title=fields.get("speaker_title"),
        cue=fields.get("cue") or "", start=fields["start"], end=fields["end"],
        document=QuoteSource(id=fields["doc_id"], title=fields.get("title") or "",
                             outlet=fields.get("outlet") or None,
                             published=_day(fields.get("published"))),
        score=score)
