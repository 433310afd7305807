"""The index schema: fields, analyzers and facets, defined once for writer and reader.

Whoosh appears here and in the two modules that drive it (the index store and the
search backend), so a different engine or fork is swapped in those three places.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whoosh import columns, fields, formats
from whoosh.analysis import Filter, RegexTokenizer, Token
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from .document import Extraction

#: Bumped when fields or analyzers change: an index of another version must be rebuilt.
#: 2: the story field; 3: stories match their anchor, templates ignored; 4: possessives;
#: 5: quotes record the document version they came from; 6: the hit card column;
#: 7: story shingles hashed from word hashes (story store format 3).
SCHEMA_VERSION = 7

#: Facet values are joined with this separator in multi-valued fields and columns.
VALUE_SEPARATOR = "\n"

#: Title matches count double in BM25F: a headline says what the story is about.
TITLE_BOOST = 2.0


#: Accented letters → plain ones (Whoosh's table, typed for str.translate).
_ACCENTS: dict[int, str] = accent_map  # type: ignore[assignment]
#: Words shorter than this are stop words too (Whoosh's StopFilter default).
MIN_WORD = 2
#: Endings dropped before stemming: the tokenizer keeps "Nam's" whole, and without this
#: it matched neither "Nam" nor the query "Viet Nam" (TIME nDCG@10 +0.010).
_POSSESSIVE = ("'s", "’s")


@lru_cache(maxsize=500_000)
def normal_word(word: str) -> tuple[str, bool]:
    """A word as indexed: lower-cased, accents folded, possessive dropped ("Nam's" is
    "nam"), then stemmed unless a stop word."""
    text = word.lower().translate(_ACCENTS)
    if text.endswith(_POSSESSIVE) and len(text) > 2:
        text = text[:-2]
    if len(text) >= MIN_WORD and text not in STOP_WORDS:
        return stem(text), False
    return text, True


class NewsWordFilter(Filter):  # type: ignore[misc]
    """Whoosh's lower-case, accent-folding, stop and stem filters as one cached lookup,
    plus dropping possessives.

    Why: those four filters cost a generator step each for every word of every
    document, indexing and snippets alike, and news reuses a small vocabulary. The
    tokens are theirs but for possessives (``StopFilter(renumber=False)``: a dropped stop word
    keeps its position, so the phrase "energy crisis" does not match "energy and a
    crisis"); tests compare the two.
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        normal = normal_word
        for t in tokens:
            t.text, stopped = normal(t.text)
            if stopped:
                if t.removestops:
                    continue
                t.stopped = True
            else:
                t.stopped = False
            yield t


#: What a word is: letters and digits, with inner apostrophes and dots ("O'Brien", "U.S.").
WORD_PATTERN = r"\w+(?:['’.]\w+)*"
_WORDS = re.compile(WORD_PATTERN)


def find_words(text: str) -> list[str]:
    """The words :func:`text_analyzer`'s tokenizer finds in ``text``, as written, in order
    (their index is the position)."""
    return _WORDS.findall(text)


def text_analyzer() -> Any:
    """Words, lower-cased, accents folded, stop words dropped, Porter-stemmed."""
    analyzer = RegexTokenizer(WORD_PATTERN) | NewsWordFilter()
    # marks the analyzer whose tokens NewsPositions can compute without running it
    analyzer.news_words = True  # type: ignore[attr-defined]
    return analyzer


def word_positions(text: str) -> dict[str, list[int]]:
    """Each word :func:`text_analyzer` indexes in ``text``, with its positions, in order of
    first occurrence: the analyzer's tokens, computed without a Token per word."""
    positions: dict[str, list[int]] = {}
    normal = normal_word
    for pos, word in enumerate(find_words(text)):
        term, stopped = normal(word)
        if stopped:
            continue
        found = positions.get(term)
        if found is None:
            positions[term] = [pos]
        else:
            found.append(pos)
    return positions


class NewsPositions(formats.Positions):  # type: ignore[misc]
    """Whoosh's positions format, with the text analyzer's words found by one ``findall``.

    Why: Whoosh runs the analyzer as a chain of generators over one Token per word, a
    fifth of the single writer's time in bulk runs. Postings are byte for byte Whoosh's
    (the format is unchanged; tests compare both). Any other analyzer or option takes
    Whoosh's own path.
    """

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[Any]:
        """(word, frequency, weight, encoded positions) per distinct word; the word is a
        str, as Whoosh's own method yields it (its annotation says bytes)."""
        if (type(value) is not str or not getattr(analyzer, "news_words", False)
                or kwargs.keys() - {"mode"}):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        encode = self.encode
        for term, found in word_positions(value).items():
            yield term, len(found), float(len(found)) * boost, encode(found)


def text_field(analyzer: Any, **options: Any) -> fields.TEXT:
    """A TEXT field whose postings :class:`NewsPositions` writes."""
    field = fields.TEXT(analyzer=analyzer, **options)
    assert field.format is not None  # TEXT always has one
    field.format = NewsPositions(field_boost=field.format.field_boost)
    return field


def value_analyzer() -> Any:
    """One token per facet value, verbatim: "Erbil, Iraq" is one term."""
    return RegexTokenizer(r"[^\n]+")


@dataclass(frozen=True)
class FacetField:
    """A facet: the indexed field that filters on it and the column that counts it."""

    name: str
    field: str
    column: str
    multi_valued: bool
    description: str


#: The facets, by the name the API uses: the four extracted ones and the story.
FACETS: dict[str, FacetField] = {
    "outlet": FacetField("outlet", "outlet", "outlet", False, "publishing outlet"),
    "speaker": FacetField("speaker", "speaker", "speaker_values", True,
                          "canonical names of the people quoted"),
    "location": FacetField("location", "location", "location_values", True,
                           "places mentioned or in the dateline, and their countries"),
    "date": FacetField("date", "published", "published", False,
                       "publication date, counted per month"),
    "story": FacetField("story", "story", "story", False,
                        "story: documents that tell one story in (nearly) the same words"),
}


def build_schema() -> fields.Schema:
    """The Whoosh schema every newsfacet index is written with."""
    text = text_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        title=text_field(text, stored=True, field_boost=TITLE_BOOST),
        body=text_field(text, stored=True),
        outlet=fields.ID(stored=True, sortable=True),
        published=fields.DATETIME(stored=True, sortable=True),
        speaker=fields.KEYWORD(analyzer=value_analyzer(), scorable=False),
        location=fields.KEYWORD(analyzer=value_analyzer(), scorable=False),
        event_date=fields.KEYWORD(analyzer=value_analyzer(), scorable=False),
        speaker_values=fields.COLUMN(columns.VarBytesColumn()),
        location_values=fields.COLUMN(columns.VarBytesColumn()),
        content_hash=fields.ID(stored=True, sortable=True),
        source=fields.ID(stored=True, sortable=True),
        story=fields.ID(stored=True, sortable=True),
        extraction=fields.STORED(),
        card=fields.COLUMN(columns.VarBytesColumn()),
    )


def build_quote_schema() -> fields.Schema:
    """One record per attributed quote, so "what did X say about Y" is a search of its own.

    Quotes live in their own index beside the documents: their short texts would skew
    the documents' BM25 statistics if they shared one.
    """
    return fields.Schema(
        quote_id=fields.ID(stored=True, unique=True),
        doc_id=fields.ID(stored=True),
        doc_version=fields.ID(sortable=True),
        text=text_field(text_analyzer(), stored=True),
        speaker=fields.ID(stored=True, sortable=True),
        speaker_title=fields.STORED(),
        cue=fields.STORED(),
        start=fields.STORED(),
        end=fields.STORED(),
        title=fields.STORED(),
        outlet=fields.ID(stored=True, sortable=True),
        published=fields.DATETIME(stored=True, sortable=True),
    )


def document_version(doc_id: str, content_hash: str) -> str:
    """Which version of a document a quote was taken from.

    Why: quotes commit in their own index, so after a crash between the two commits
    they can be ahead of (or behind) the documents; readers keep only the quotes whose
    version is a live document's.
    """
    return f"{doc_id}\x1f{content_hash}"


def quote_records(extraction: Extraction, content_hash: str) -> list[dict[str, Any]]:
    """The quote records to index for one document (of ``content_hash``): people's
    quotes only."""
    published = (
        dt.datetime.combine(extraction.published, dt.time()) if extraction.published else None
    )
    records: list[dict[str, Any]] = []
    people = [s for s in extraction.speakers if s.kind == "person"]
    for speaker in people:
        for quote in speaker.quotes:
            record: dict[str, Any] = {
                "quote_id": f"{extraction.id}#{quote.start}",
                "doc_id": extraction.id,
                "doc_version": document_version(extraction.id, content_hash),
                "text": quote.text,
                "speaker": speaker.name,
                "speaker_title": speaker.title,
                "cue": quote.cue,
                "start": quote.start,
                "end": quote.end,
                "title": extraction.title or "",
                "outlet": extraction.outlet or "",
            }
            if published is not None:
                record["published"] = published
            records.append(record)
    return records


def _join(values: list[str]) -> str:
    return VALUE_SEPARATOR.join(dict.fromkeys(v.replace(VALUE_SEPARATOR, " ") for v in values))


def location_values(extraction: Extraction) -> list[str]:
    """Place labels plus each place's country, so ``location=Syria`` finds Hasakah too."""
    values: list[str] = []
    for place in extraction.locations:
        values.append(place.label)
        values.append(place.country)
    return list(dict.fromkeys(v for v in values if v))


def speaker_values(extraction: Extraction) -> list[str]:
    """Canonical names of the people quoted (organisations are not speakers here)."""
    return list(dict.fromkeys(s.name for s in extraction.speakers if s.kind == "person"))


def hit_card(data: dict[str, Any], story: str | None) -> dict[str, Any]:
    """What a search hit shows of a document, from its extraction as
    :meth:`Extraction.to_json` gives it (the copy the index stores): one definition for
    the ``card`` column and for reading a hit from the stored extraction.

    Why a column: Whoosh keeps a document's stored fields in one compressed record, so
    showing a hit without its snippets decompressed the whole body and parsed the whole
    extraction, a third of a top-10 search; a column reads one short value.
    """
    return {"id": data["id"], "title": data.get("title") or "",
            "outlet": data.get("outlet") or "", "published": data.get("published"),
            "speakers": list(dict.fromkeys(s["name"] for s in data["speakers"]
                                           if s.get("kind") == "person")),
            "locations": list(dict.fromkeys(p["label"] for p in data["locations"])),
            "url": data.get("url"), "story": story}


def to_fields(extraction: Extraction, content_hash: str, story: str) -> dict[str, Any]:
    """The field values to index for one document; ``story`` is its story id."""
    speakers = _join(speaker_values(extraction))
    places = _join(location_values(extraction))
    data = extraction.to_json()
    published = (
        dt.datetime.combine(extraction.published, dt.time()) if extraction.published else None
    )
    doc: dict[str, Any] = {
        "id": extraction.id,
        "title": extraction.title or "",
        "body": extraction.body,
        "outlet": extraction.outlet or "",
        "speaker": speakers,
        "location": places,
        "event_date": _join([e.date.isoformat() for e in extraction.event_dates]),
        "speaker_values": speakers.encode("utf-8"),
        "location_values": places.encode("utf-8"),
        "content_hash": content_hash,
        "source": extraction.path,
        "story": story,
        "extraction": json.dumps(data, ensure_ascii=False),
        "card": json.dumps(hit_card(data, story), ensure_ascii=False,
                           separators=(",", ":")).encode("utf-8"),
    }
    if published is not None:
        doc["published"] = published
    return doc


def split_values(raw: bytes | str | None) -> list[str]:
    """Undo :func:`to_fields`' joining of a multi-valued column."""
    if not raw:
        return []
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    return [v for v in text.split(VALUE_SEPARATOR) if v]
