"""The array segment writer writes what Whoosh's own writer writes, for any documents.

Whoosh's ``SegmentWriter`` is the oracle: the same documents (and the same earlier
segments, deletions and merges) must give segment files that are byte for byte the
same, and a writer that splits its documents over several segments must give an
index whose every posting, length and stored field equals the single-segment one.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from segment_files import segment_files
from whoosh import index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from newsfacet.schema.fields import VALUE_SEPARATOR, build_quote_schema, build_schema
from newsfacet.schema.segment_writer import ArraySegmentWriter

# words news text is made of, stop words, accents, inner apostrophes and dots among them
WORDS = st.sampled_from(
    ["oil", "prices", "price", "the", "and", "a", "Erbil", "Brennan", "said", "U.S.",
     "O'Brien", "état", "Nam's", "2024", "x", "Rise", "rising", "of", "in", "peace"])
TEXT = st.one_of(
    st.lists(WORDS, max_size=40).map(" ".join),
    st.text(max_size=60),
)
VALUES = st.lists(st.sampled_from(["Erbil, Iraq", "Iraq", "John Brennan", "Syria", "x"]),
                  max_size=3, unique=True).map(VALUE_SEPARATOR.join)
# a few instants, repeated, naive and in two zones (the same instant in two zones is
# two different dates to Whoosh, which indexes the wall time)
DATES = st.one_of(
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2030, 1, 1)),
    st.builds(lambda hour, zone: dt.datetime(2024, 5, 1, hour, tzinfo=zone),
              st.sampled_from([10, 11, 12]),
              st.sampled_from([None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=1))])),
)


@st.composite
def documents(draw: Any, size: int = 12) -> list[dict[str, Any]]:
    count = draw(st.integers(min_value=0, max_value=size))
    docs = []
    for number in range(count):
        doc: dict[str, Any] = {"id": f"d{number}", "title": draw(TEXT), "body": draw(TEXT),
                               "outlet": draw(st.sampled_from(["Kurdistan 24", "CJTF"])),
                               "content_hash": f"h{number}", "source": "s.jsonl",
                               "story": draw(st.sampled_from(["s1", "s2"])),
                               "extraction": "{}", "card": b"c"}
        if draw(st.booleans()):
            doc["published"] = draw(DATES)
        for facet in ("speaker", "location"):
            values = draw(VALUES)
            if values:
                doc[facet] = values
                doc[f"{facet}_values"] = values.encode()
        docs.append(doc)
    return docs



def _write(folder: Path, writer_class: type, batches: list[list[dict[str, Any]]],
           deletes: list[str], codec: Any, **options: Any) -> Any:
    """Commit ``batches`` one writer each (the earlier ones with Whoosh's writer), the
    last with ``writer_class``, deleting ``deletes`` in that last one."""
    ix = index.create_in(str(folder), build_schema())
    for number, batch in enumerate(batches):
        last = number == len(batches) - 1
        kind = writer_class if last else SegmentWriter
        writer = kind(ix, codec=codec, compound=False, **(options if last else {}))
        if last:
            for doc_id in deletes:
                writer.delete_by_term("id", doc_id)
        for doc in batch:
            writer.add_document(**doc)
        # merge=True: Whoosh's policy merges small earlier segments into this one
        writer.commit()
    return ix


def _everything(ix: Any) -> dict[str, Any]:
    """What a reader sees: postings (global numbers), lengths and stored fields."""
    with ix.reader() as reader:
        postings = {}
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            rows = []
            while matcher.is_active():
                rows.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            postings[(fieldname, text)] = rows
        docs = list(reader.all_doc_ids())
        return {
            "postings": postings,
            "stored": [reader.stored_fields(d) for d in docs],
            # 0 and None both say "no length": Whoosh answers None inside a segment
            # that has the field's length column and 0 in one that lacks it
            "lengths": [(reader.doc_field_length(d, "title") or 0,
                         reader.doc_field_length(d, "body") or 0) for d in docs],
            "totals": (reader.doc_count(), reader.field_length("body"),
                       reader.field_length("title")),
        }


# blocks of 3 postings: a few documents reach the several-block paths
SMALL_BLOCKS = W3Codec(blocklimit=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches=st.lists(documents(), min_size=1, max_size=3),
       deleted=st.lists(st.integers(0, 12), max_size=4),
       small_blocks=st.booleans())
def test_segments_are_byte_for_byte_whooshs(batches: list[list[dict[str, Any]]],
                                            deleted: list[int], small_blocks: bool) -> None:
    """Same documents, earlier segments, deletions and merges: the same segment files."""
    codec = SMALL_BLOCKS if small_blocks else W3Codec()
    deletes = [f"d{n}" for n in deleted]
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp, "ours"), Path(tmp, "theirs")
        ours.mkdir()
        theirs.mkdir()
        _write(theirs, SegmentWriter, batches, deletes, codec)
        _write(ours, ArraySegmentWriter, batches, deletes, codec)
        assert segment_files(ours) == segment_files(theirs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches=st.lists(documents(size=20), min_size=1, max_size=2),
       limit=st.sampled_from([0.0, 0.002, 0.01]))
def test_segments_split_at_the_memory_limit_hold_the_same_index(
        batches: list[list[dict[str, Any]]], limit: float) -> None:
    """A writer that writes a segment each time its postings pass the limit gives the
    index a single segment would: same postings in the same document order."""
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp, "ours"), Path(tmp, "theirs")
        ours.mkdir()
        theirs.mkdir()
        expected = _everything(_write(theirs, SegmentWriter, batches, [], SMALL_BLOCKS))
        split = _write(ours, ArraySegmentWriter, batches, [], SMALL_BLOCKS, limitmb=limit)
        assert _everything(split) == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=documents(), second=documents(size=20))
def test_a_cancelled_writer_leaves_the_index_and_no_files(
        first: list[dict[str, Any]], second: list[dict[str, Any]]) -> None:
    """Segments written before a cancel (memory limit reached) are deleted with it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ix = _write(folder, SegmentWriter, [first], [], W3Codec())
        before = _everything(ix)
        files = set(os.listdir(folder))
        writer = ArraySegmentWriter(ix, compound=False, limitmb=0)
        for doc in second:
            writer.add_document(**{**doc, "id": "new-" + doc["id"]})
        writer.cancel()
        assert set(os.listdir(folder)) - {"MAIN_WRITELOCK"} == files - {"MAIN_WRITELOCK"}
        assert _everything(index.open_dir(str(folder))) == before


@st.composite
def quotes(draw: Any) -> list[dict[str, Any]]:
    """Quote records as a bulk run writes them: a document's quotes in a row, sharing
    its id, version, title, outlet and date, speakers repeating or not."""
    records = []
    for doc in range(draw(st.integers(min_value=0, max_value=4))):
        shared: dict[str, Any] = {"doc_id": f"d{doc}", "doc_version": f"d{doc}\x1fh",
                                  "title": draw(TEXT),
                                  "outlet": draw(st.sampled_from(["", "CJTF", "Kurdistan 24"]))}
        if draw(st.booleans()):
            shared["published"] = draw(DATES)
        for number in range(draw(st.integers(min_value=0, max_value=5))):
            records.append({**shared, "quote_id": f"d{doc}#{number}", "text": draw(TEXT),
                            "speaker": draw(st.sampled_from(["John Brennan", "Ann Lee", ""])),
                            "speaker_title": "", "cue": "said", "start": number,
                            "end": number + 1})
    return records


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=quotes(), small_blocks=st.booleans())
def test_quote_segments_are_byte_for_byte_whooshs(records: list[dict[str, Any]],
                                                  small_blocks: bool) -> None:
    """Quotes repeat their document's values one after another (what the writer reuses
    when a value repeats): the same segment files as Whoosh's writer."""
    codec = SMALL_BLOCKS if small_blocks else W3Codec()
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for kind in (SegmentWriter, ArraySegmentWriter):
            folder = Path(tmp, kind.__name__)
            folder.mkdir()
            writer = kind(index.create_in(str(folder), build_quote_schema()), codec=codec,
                          compound=False)
            for record in records:
                writer.add_document(**record)
            writer.commit()
            folders.append(folder)
        assert segment_files(folders[0]) == segment_files(folders[1])


def test_the_quote_schema_is_written_as_whoosh_writes_it() -> None:
    """The quote index's fields (stored positions, sortable ids) go through the same path."""
    quotes = [{"quote_id": f"q{n}", "doc_id": f"d{n % 3}", "doc_version": "v",
               "text": "We will not stop until oil prices fall, said Brennan " * (n + 1),
               "speaker": "John W. Brennan", "speaker_title": "Maj. Gen.", "cue": "said",
               "start": n, "end": n + 10, "title": "t", "outlet": "CJTF",
               "published": dt.datetime(2020, 1, 5)} for n in range(7)]
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for kind in (SegmentWriter, ArraySegmentWriter):
            folder = Path(tmp, kind.__name__)
            folder.mkdir()
            writer = kind(index.create_in(str(folder), build_quote_schema()),
                          codec=SMALL_BLOCKS, compound=False)
            for quote in quotes:
                writer.add_document(**quote)
            writer.commit()
            folders.append(folder)
        assert segment_files(folders[0]) == segment_files(folders[1])
        assert segment_files(folders[0])  # something was written
