"""Facet counts, filters and date order from the arrays equal a plain count over stored values."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from newsfacet.api import SearchService
from newsfacet.api.engine.facet_table import NO_DATE, FacetTable
from newsfacet.schema.fields import split_values


def plain_values(table: FacetTable, searcher: Any, name: str, column: str,
                 multi: bool) -> dict[int, list[str]]:
    reader = searcher.reader()
    values = reader.column_reader(column)
    out = {}
    for docnum in reader.all_doc_ids():
        raw = values[docnum]
        stored = split_values(raw) if multi else ([raw] if raw else [])
        out[docnum] = list(dict.fromkeys(table.shown(name, v) for v in stored))
    return out


def test_counts_filters_and_date_order_match_plain_python(
    allsides_sample: tuple[list[dict], Path],
) -> None:
    with SearchService(allsides_sample[1]) as service:
        view: Any = service.backend.searchers.current()  # type: ignore[attr-defined]
        table: FacetTable = view.table
        rng = random.Random(3)
        live = np.flatnonzero(table.live).tolist()
        for name, column, multi in (("outlet", "outlet", False),
                                    ("speaker", "speaker_values", True),
                                    ("location", "location_values", True)):
            per_doc = plain_values(table, view.searcher, name, column, multi)
            for share in (0.01, 0.1, 0.5, 1.0):  # both counting paths
                docs = rng.sample(live, max(1, int(share * len(live))))
                mask = table.mask_of(docs)
                counts = Counter(v for d in docs for v in per_doc[d])
                expected = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
                assert [(v.value, v.count) for v in table.count(name, mask, 10)] == expected
            value = Counter(v for vs in per_doc.values() for v in vs).most_common(3)[-1][0]
            assert set(np.flatnonzero(table.matching(name, [value])).tolist()) == \
                {d for d, vs in per_doc.items() if value in vs}

        docs = rng.sample(live, 300)
        mask = table.mask_of(docs)
        day = table.published
        dated = [d for d in docs if day[d] != NO_DATE]
        undated = sorted(d for d in docs if day[d] == NO_DATE)
        ids = view.searcher.reader().column_reader("id")
        undated.sort(key=lambda d: ids[d])
        newest = sorted(dated, key=lambda d: (-day[d], ids[d])) + undated
        oldest = sorted(dated, key=lambda d: (day[d], ids[d])) + undated
        assert table.sort_by_date(mask, True, 300) == newest
        assert table.sort_by_date(mask, False, 50) == oldest[:50]
        start, end = dt.date(2018, 1, 1), dt.date(2019, 6, 30)
        inside = {d for d in dated if start.toordinal() <= day[d] <= end.toordinal()}
        assert set(np.flatnonzero(table.in_date_range(mask, start, end)).tolist()) == inside
