"""The compact table of small foreign towns (newsfacet.indexer.small_towns)."""

from __future__ import annotations

import marshal

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.small_towns import Row, TownTable

_WORD = st.text(alphabet="abcdeéz", min_size=1, max_size=6)
_ROW = st.tuples(
    st.lists(_WORD, min_size=1, max_size=3).map(" ".join),
    st.text(alphabet="ABCabc -\t\n", min_size=1, max_size=8),
    st.sampled_from(["IE", "GB", "CA"]), st.sampled_from(["", "02", "M"]),
    st.integers(0, 10**6), st.floats(-90, 90, allow_nan=False),
    st.floats(-180, 180, allow_nan=False), st.integers(1, 10**8))


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(_ROW, max_size=40), probes=st.lists(_WORD, max_size=10))
def test_rows_are_exactly_the_towns_of_a_key(rows: list[Row], probes: list[str]) -> None:
    # Through the cache's own encoding (marshal of the three byte strings), as loaded.
    built = TownTable.build(rows)
    table = TownTable(*marshal.loads(marshal.dumps((built.blob, built.ends, built.bits))))
    assert len(table) == len(rows)
    for key in {r[0] for r in rows} | set(probes):
        expected = sorted((r for r in rows if r[0] == key), key=lambda r: (-r[4], r[7]))
        found = table.rows(key)
        assert [(r[0], r[2], r[3], r[4], r[7]) for r in found] == \
            [(r[0], r[2], r[3], r[4], r[7]) for r in expected]
        assert all(abs(f[5] - e[5]) < 1e-9 and f[1] == e[1].replace("\t", " ").replace("\n", " ")
                   for f, e in zip(found, expected, strict=True))
    for key in {r[0] for r in rows}:  # the filter never hides a town
        assert table.may_start(key.split(" ", 1)[0])
