"""A document prepared in a worker process is written exactly as Whoosh writes it.

The oracle is Whoosh's own ``SegmentWriter`` given :func:`to_fields` and
:func:`quote_records` of the same extractions: the segment files (postings, term
table, lengths, columns, stored records) must be byte for byte the same, whether the
story the writer joins is the document's own id (the stored record made in the
worker) or another one (made by the writer).
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from segment_files import segment_files
from whoosh import index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from newsfacet.schema.document import EventDate, Extraction, Place, Quote, Speaker
from newsfacet.schema.fields import (
    build_quote_schema,
    build_schema,
    hit_card,
    quote_records,
    to_fields,
)
from newsfacet.schema.prepared import AnalysedText, IndexedValue, prepare
from newsfacet.schema.segment_writer import ArraySegmentWriter

WORDS = st.sampled_from(
    ["oil", "prices", "price", "the", "and", "a", "Erbil", "Brennan", "said", "U.S.",
     "O'Brien", "état", "Nam's", "2024", "x", "Rise", "rising", "of", "in", "peace", "ü"])
TEXT = st.one_of(st.lists(WORDS, max_size=40).map(" ".join), st.text(max_size=40))
NAMES = st.sampled_from(["John Brennan", "Ann Lee", "", "Zoë Ñúñez", "x"])
quotes = st.builds(Quote, text=TEXT, start=st.integers(0, 500), end=st.integers(0, 500),
                   cue=st.sampled_from(["said", "told", ""]))
speakers = st.builds(Speaker, name=NAMES, title=st.none() | NAMES,
                     kind=st.sampled_from(["person", "organisation"]),
                     quotes=st.lists(quotes, max_size=3))
places = st.builds(Place, name=st.sampled_from(["Erbil", "Syria", "Paris"]),
                   country=st.sampled_from(["Iraq", "Syria", "France", ""]),
                   kind=st.sampled_from(["city", "country"]))
events = st.builds(EventDate, date=st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)),
                   text=st.just("on Sunday"), start=st.just(0), end=st.just(9))


@st.composite
def extractions(draw: Any) -> list[Extraction]:
    """A batch of extractions with distinct ids, as one bulk run writes them."""
    batch = []
    for number in range(draw(st.integers(min_value=0, max_value=6))):
        batch.append(Extraction(
            id=draw(st.sampled_from([f"d{number}", f"dé-{number}", f"{number}"])),
            title=draw(TEXT), body=draw(TEXT),
            outlet=draw(st.none() | st.sampled_from(["", "CJTF", "Kurdistan 24", "x"])),
            published=draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1))),
            url=draw(st.none() | st.just("https://example.org/a")),
            event_dates=draw(st.lists(events, max_size=2)),
            speakers=draw(st.lists(speakers, max_size=3)),
            locations=draw(st.lists(places, max_size=2)),
            path=draw(st.sampled_from(["", "/data/a.jsonl"]))))
    return batch


SMALL_BLOCKS = W3Codec(blocklimit=3)



def _write(folder: Path, schema: Any, writer_class: type, records: list[dict[str, Any]],
           codec: Any) -> Counter[tuple[str, bytes]]:
    folder.mkdir()
    writer = writer_class(index.create_in(str(folder), schema), codec=codec, compound=False)
    for record in records:
        writer.add_document(**record)
    writer.commit()
    return segment_files(folder)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=extractions(), own_story=st.lists(st.booleans(), min_size=6, max_size=6),
       small_blocks=st.booleans())
def test_prepared_documents_and_quotes_are_written_as_whoosh_writes_them(
        batch: list[Extraction], own_story: list[bool], small_blocks: bool) -> None:
    codec = SMALL_BLOCKS if small_blocks else W3Codec()
    oracle_docs, oracle_quotes, docs, quote_rows = [], [], [], []
    for number, extraction in enumerate(batch):
        digest = f"h{number}"
        # the writer's story: the document's own id (the object it was given), or another
        story = extraction.id if own_story[number] else f"story-{number}"
        oracle_docs.append(to_fields(extraction, digest, story))
        oracle_quotes.extend(quote_records(extraction, digest))
        # what a worker sends crosses a pipe: the writer sees unpickled copies
        prepared = pickle.loads(pickle.dumps(prepare(extraction, digest)))
        docs.append(prepared.fields_with_story(prepared.id if own_story[number]
                                               else f"story-{number}"))
        quote_rows.extend(prepared.quotes)
    with tempfile.TemporaryDirectory() as tmp:
        for schema, oracle, ours, name in ((build_schema(), oracle_docs, docs, "docs"),
                                           (build_quote_schema(), oracle_quotes, quote_rows,
                                            "quotes")):
            expected = _write(Path(tmp, f"whoosh-{name}"), schema, SegmentWriter, oracle,
                              codec)
            assert _write(Path(tmp, f"ours-{name}"), schema, ArraySegmentWriter, ours,
                          codec) == expected


@settings(max_examples=60, deadline=None)
@given(batch=extractions(), story=st.sampled_from(["s", "ü-story", 'quote"d']))
def test_a_prepared_document_has_to_fields_values(batch: list[Extraction],
                                                 story: str) -> None:
    """Its fields, read back as plain values, are :func:`to_fields`'; the card column's
    JSON ends with the story the writer joined."""
    for extraction in batch:
        fields = prepare(extraction, "h").fields_with_story(story)
        expected = to_fields(extraction, "h", story)
        plain = {name: value.text if isinstance(value, AnalysedText)
                 else value.value if isinstance(value, IndexedValue) else value
                 for name, value in fields.items() if not name.startswith("_")}
        assert plain == expected
        assert json.loads(fields["card"]) == hit_card(
            json.loads(expected["extraction"]), story)
        # the stored record made in the worker is only used for the document's own id
        assert "_stored_record" not in fields
