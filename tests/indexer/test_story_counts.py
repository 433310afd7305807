"""The story counters: datasketch's numbers without datasketch, and a file that grows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.stories import KNOWN_BANDS, StoryIndex, lsh_ranges, minhash_values
from newsfacet.indexer.story_counts import COUNTER_BITS, ShingleCounts

hash_sets = st.lists(st.integers(0, 2**32 - 1), max_size=300, unique=True)


@settings(max_examples=60, deadline=None)
@given(hash_sets)
def test_minhash_values_are_datasketchs(hashes: list[int]) -> None:
    from datasketch import MinHash

    expected = MinHash(num_perm=128, seed=1, hashfunc=lambda v: v, scheme="affine32")
    expected.update_batch(hashes)
    ours = minhash_values(np.array(sorted(hashes), dtype=np.uint32))
    assert ours.dtype == expected.hashvalues.dtype
    assert ours.tolist() == expected.hashvalues.tolist()


def test_known_bands_are_datasketchs_choice() -> None:
    from datasketch import MinHashLSH

    for (threshold, num_perm), _ in KNOWN_BANDS.items():
        assert lsh_ranges(threshold, num_perm) == MinHashLSH(threshold=threshold,
                                                             num_perm=num_perm).hashranges


changes = st.lists(st.tuples(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=50),
                             st.integers(0, 2**32 - 1), st.sampled_from([1, 1, 1, -1]),
                             st.booleans()), max_size=25)


@settings(max_examples=40, deadline=None)
@given(changes, st.lists(st.integers(0, 2**32 - 1), max_size=60))
def test_paged_file_counts_like_a_dense_array(tmp_path_factory, steps, probe) -> None:
    """Any run of changes, commits and rollbacks reads the same as the in-memory dense
    counters, also after the file is reopened."""
    path = Path(tmp_path_factory.mktemp("counts")) / "stories.sqlite.counts"
    paged, dense = ShingleCounts(path), ShingleCounts(None)
    for hashes, outlet, delta, commit in steps:
        values = np.array(hashes, dtype=np.uint32)
        for counts in (paged, dense):
            counts.change(values, outlet, delta)
            counts.commit() if commit else counts.rollback()
    paged.commit()
    every = np.array([h for hashes, *_ in steps for h in hashes] + probe, dtype=np.uint32)
    for outlet in {0, *(o for _, o, _, _ in steps)}:
        for limit in (1, 2, 3):
            assert paged.rare(every, outlet, limit).tolist() == \
                dense.rare(every, outlet, limit).tolist()
    reopened = ShingleCounts(path)
    for outlet in {0, *(o for _, o, _, _ in steps)}:
        assert reopened.rare(every, outlet, 2).tolist() == dense.rare(every, outlet, 2).tolist()


def test_a_one_document_story_index_is_small(tmp_path: Path) -> None:
    index = StoryIndex(tmp_path / "stories.sqlite")
    index.add("a", " ".join(f"word{n}" for n in range(2000)), "Outlet")
    index.commit()
    index.close()
    assert (tmp_path / "stories.sqlite.counts").stat().st_size < 2 * 1024 * 1024


def test_an_older_dense_counter_file_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "stories.sqlite.counts"
    dense = np.zeros(1 << COUNTER_BITS, dtype=np.uint16)
    hashes = np.array([5, 77, 2**31], dtype=np.uint32)
    dense[(hashes ^ np.uint32(9)) & np.uint32((1 << COUNTER_BITS) - 1)] = 3
    dense.tofile(path)
    counts = ShingleCounts(path)
    assert counts.rare(hashes, 9, 3).tolist() == []
    assert counts.rare(hashes, 9, 4).tolist() == hashes.tolist()
