"""Reading a column of an index that has several segments.

Why not Whoosh's own ``MultiReader.column_reader``: whoosh3 3.54.0 leaves out the
segments that lack the column (a segment whose documents were all undated has no
``published`` column) but keeps the other segments' document offsets, so values land
on the wrong documents or the lookup fails with ``IndexError``. Each segment's own
reader stands in the column's default value for a segment without it, so reading
segment by segment and laying the values end to end is right for every layout.
"""

from __future__ import annotations

from typing import Any


def read_column(reader: Any, fieldname: str, translate: bool = True) -> list[Any]:
    """Every document's value of column ``fieldname``, indexed by document number.

    ``translate=False`` gives the column's stored form (a date as an integer), the
    default the field's own (a ``datetime``). Read dates untranslated: a segment
    without the column stands in a sentinel that does not translate to a date.
    """
    values: list[Any] = []
    for segment, offset in reader.leaf_readers():
        if offset != len(values):
            raise ValueError(f"segment at document {offset} follows {len(values)} documents")
        if segment.doc_count_all():  # an index with no segment reads as one empty reader
            values.extend(segment.column_reader(fieldname, translate=translate))
    return values
