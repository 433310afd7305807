"""The story sketch's faster hashing gives exactly the hashes the code it replaces gave.

Shingle hashes are mixed in place and made distinct by a sort and a mask instead of
``np.unique``. The old code is kept here as the oracle.
"""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from newsfacet.indexer import stories
from newsfacet.indexer.stories import _sorted_distinct, shingle_hashes


def _old_shingle_hashes(tokens: list[str], size: int) -> np.ndarray:
    """``shingle_hashes`` as it was written before the in-place version."""
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    found = [stories._word_hash(w) for w in tokens]
    values = np.fromiter(found, dtype=np.int64, count=len(found)).view(np.uint64)
    count = max(len(tokens) - size + 1, 1)
    mixed = values[:count].copy()
    for k in range(1, min(size, len(tokens))):
        mixed = mixed * stories._MIX + values[k:k + count]
    mixed ^= mixed >> np.uint64(30)
    mixed *= np.uint64(0xBF58476D1CE4E5B9)
    mixed ^= mixed >> np.uint64(27)
    mixed *= np.uint64(0x94D049BB133111EB)
    mixed ^= mixed >> np.uint64(31)
    return np.unique((mixed >> np.uint64(32)).astype(np.uint32))


@settings(max_examples=300, deadline=None)
@given(hnp.arrays(np.uint32, st.integers(0, 60),
                  elements=st.integers(0, 2**32 - 1) | st.sampled_from([0, 1, 7, 2**32 - 1])))
@example(np.empty(0, dtype=np.uint32))
@example(np.array([5], dtype=np.uint32))
@example(np.array([3, 3, 3], dtype=np.uint32))
def test_sorted_distinct_is_np_unique(values: np.ndarray) -> None:
    expected = np.unique(values)
    got = _sorted_distinct(values.copy())
    assert got.dtype == expected.dtype
    assert got.tolist() == expected.tolist()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "bridge", "vote", "city", "a", "é", "x"])
                | st.text(min_size=1, max_size=6), max_size=40),
       st.integers(1, 7))
@example(["the", "the", "the", "the", "the", "the", "the"], 5)
def test_shingle_hashes_are_as_before(tokens: list[str], size: int) -> None:
    got = shingle_hashes(tokens, size)
    expected = _old_shingle_hashes(tokens, size)
    assert got.dtype == expected.dtype == np.uint32
    assert got.tolist() == expected.tolist()
