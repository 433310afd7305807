"""How a newsfacet document is laid out in a Xapian database: terms, values, data.

Terms come from newsfacet's own analyzer (:func:`~newsfacet.schema.fields.text_analyzer`),
with its positions, not from Xapian's TermGenerator: a query then matches the same
documents on every backend. Facets are value slots counted by ``ValueCountMatchSpy``
(Python match spies do not cross the network); a multi-valued facet takes one slot per
position and its counts are summed. Sort keys are single slots, since a ``KeyMaker``
does not cross the network either.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from newsfacet.schema.fields import split_values, text_analyzer

#: Term prefixes (Xapian's convention: capitals, then the term).
ID = "Q"
TITLE = "S"
BODY = "B"
OUTLET = "XO"
SPEAKER = "XP"
LOCATION = "XL"
EVENT = "XE"
STORY = "XS"
#: Quote databases: the quote's text, and the document it came from.
QUOTE_TEXT = "T"
QUOTE_DOC = "XD"
#: Prefix of each text field a query may search, and of each facet's filter terms.
TEXT_PREFIX = {"title": TITLE, "body": BODY, "text": QUOTE_TEXT}
FACET_PREFIX = {"outlet": OUTLET, "speaker": SPEAKER, "location": LOCATION, "story": STORY}

#: Value slots.
SLOT_ID = 0
SLOT_STORY = 1
SLOT_OUTLET = 2
SLOT_PUBLISHED = 3  # YYYY-MM-DD
SLOT_DATE_DESC = 4  # newest first, undated last, ties by id
SLOT_DATE_ASC = 5  # oldest first, undated last, ties by id
SLOT_SPEAKER = 6  # quotes: the one speaker
SLOT_VERSION = 7  # quotes: the document version
#: Multi-valued facets: one slot per position, from these bases.
MULTI_BASE = {"speaker": 100, "location": 300}
#: Values of a multi-valued facet that are counted per document; more are filtered on
#: (terms) but not counted. allsides-news has at most 61 places in one article.
MAX_VALUES = 128
#: Single-valued facets and their slots.
SINGLE_SLOT = {"outlet": SLOT_OUTLET, "story": SLOT_STORY}
#: Xapian refuses terms longer than 245 bytes.
MAX_TERM_BYTES = 240
#: Title words count twice (Whoosh's field boost of the title, schema/fields.py).
TITLE_WDF = 2

ANALYZER = text_analyzer()


def term(prefix: str, text: str) -> str:
    """A term, cut to what Xapian takes (a value that long is never typed anyway)."""
    raw = (prefix + text).encode("utf-8")[:MAX_TERM_BYTES]
    return raw.decode("utf-8", errors="ignore")


def words(text: str) -> list[tuple[str, int]]:
    """(term, position) of each indexed word of ``text``: the schema's analyzer, its
    stop words dropped but their positions kept, as the Whoosh index has them."""
    return [(t.text, t.pos) for t in ANALYZER(text, positions=True)]


def date_keys(doc_id: str, day: str | None) -> tuple[str, str]:
    """Sort keys (newest first, oldest first): undated last either way, ties by id."""
    if not day:
        return "~\x00" + doc_id, "~\x00" + doc_id
    number = int(day.replace("-", ""))
    return f"{99_999_999 - number:08d}\x00{doc_id}", f"{number:08d}\x00{doc_id}"


def document_terms(fields: dict[str, Any]) -> dict[str, Any]:
    """What to put in a Xapian document for the Whoosh fields of ``to_fields``.

    Returned as plain data (terms with positions, values, the stored JSON), so this
    module needs no Xapian: :mod:`.database` builds the document.
    """
    published = fields.get("published")
    day = published.date().isoformat() if isinstance(published, dt.datetime) else None
    postings: list[tuple[str, int, int]] = []
    for word, pos in words(fields.get("title") or ""):
        postings.append((term(TITLE, word), pos + 1, TITLE_WDF))
    for word, pos in words(fields.get("body") or ""):
        postings.append((term(BODY, word), pos + 1, 1))
    speakers = split_values(fields.get("speaker"))
    places = split_values(fields.get("location"))
    boolean = [term(ID, fields["id"]), term(STORY, fields["story"])]
    if fields.get("outlet"):
        boolean.append(term(OUTLET, fields["outlet"]))
    boolean += [term(SPEAKER, v) for v in speakers]
    boolean += [term(LOCATION, v) for v in places]
    boolean += [term(EVENT, v) for v in split_values(fields.get("event_date"))]
    desc, asc = date_keys(fields["id"], day)
    values: dict[int, str] = {SLOT_ID: fields["id"], SLOT_STORY: fields["story"],
                              SLOT_DATE_DESC: desc, SLOT_DATE_ASC: asc}
    if fields.get("outlet"):
        values[SLOT_OUTLET] = fields["outlet"]
    if day:
        values[SLOT_PUBLISHED] = day
    for name, found in (("speaker", speakers), ("location", places)):
        for i, value in enumerate(found[:MAX_VALUES]):
            values[MULTI_BASE[name] + i] = value
    stored = {key: fields.get(key) for key in ("id", "title", "body", "outlet",
                                                 "content_hash", "source", "story",
                                                 "extraction")}
    stored["published"] = day
    return {"postings": postings, "boolean": boolean, "values": values,
            "data": json.dumps(stored, ensure_ascii=False), "id_term": term(ID, fields["id"])}


def quote_terms(record: dict[str, Any]) -> dict[str, Any]:
    """The Xapian document of one quote record (``quote_records``)."""
    published = record.get("published")
    day = published.date().isoformat() if isinstance(published, dt.datetime) else None
    postings = [(term(QUOTE_TEXT, w), pos + 1, 1) for w, pos in words(record["text"])]
    boolean = [term(ID, record["quote_id"]), term(QUOTE_DOC, record["doc_id"]),
               term(SPEAKER, record["speaker"])]
    if record.get("outlet"):
        boolean.append(term(OUTLET, record["outlet"]))
    desc, asc = date_keys(record["quote_id"], day)
    values = {SLOT_ID: record["quote_id"], SLOT_SPEAKER: record["speaker"],
              SLOT_DATE_DESC: desc, SLOT_DATE_ASC: asc, SLOT_VERSION: record["doc_version"]}
    if record.get("outlet"):
        values[SLOT_OUTLET] = record["outlet"]
    if day:
        values[SLOT_PUBLISHED] = day
    stored = {key: value for key, value in record.items() if key != "published"}
    stored["published"] = day
    return {"postings": postings, "boolean": boolean, "values": values,
            "data": json.dumps(stored, ensure_ascii=False),
            "id_term": term(ID, record["quote_id"])}
