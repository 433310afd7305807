"""Story detection: which documents tell the same story in (nearly) the same words.

News archives hold one text many times: wire copy republished by several outlets, a press
release rewritten into an article. We find such copies with MinHash over word shingles
(the numbers of ``datasketch``'s default "affine32" scheme, computed without importing
it): LSH proposes candidates in sub-linear time, and a cheap exact check on the shingle
sets confirms them, so LSH's false positives never merge two stories.

The confirm check is *containment*, ``|A∩B| / min(|A|, |B|)``, not Jaccard: a release
embedded in a longer article shares most of the release's shingles but few of the article's,
so its Jaccard is low while its containment is high. Two articles that merely report the same
event in their own words share almost no 5-word shingles, so they stay apart.

Sign the *cleaned* body (``clean_text``): raw scraped pages share site chrome ("replay more
videos") that alone gives two unrelated CNN articles a containment near 0.4.
Thresholds come from ``evaluation/stories.py`` (pair precision/recall on ../shared/data).

What is kept per document lives in SQLite (stdlib), one file per index generation: the
LSH band keys, to find candidates, and the shingle hashes, to confirm them. So adding a
document to an index of any size reads a few rows, and nothing is held in memory. The
story id itself is written into the search index by the indexer; no Whoosh here.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .story_counts import ShingleCounts

if TYPE_CHECKING:
    from datasketch import MinHash

#: Words per shingle. evaluation/stories.py: F1 within 0.005 of 3 and 4 words, and the widest
#: containment gap (hard negatives at most 0.25, 95 % of true pairs above 0.57); shorter
#: shingles are shared by unrelated texts on one topic ("the white house said").
SHINGLE_SIZE = 5
#: MinHash permutations: 128 keeps the Jaccard estimate within about ±0.09 (one sigma ≈ 0.04).
NUM_PERM = 128
#: LSH Jaccard threshold. Low on purpose: a release inside a 3x longer article has Jaccard
#: about 0.3, and LSH only proposes; the exact containment check decides. evaluation/stories.py:
#: recall 0.965 at 0.2 (28 bands), 0.979 at 0.15 (51 bands), 0.983 at 0.1 (64 bands), all
#: at precision 1.000; 0.15 takes most of the gain for 80 % more band rows than 0.2.
LSH_THRESHOLD = 0.15
#: Containment a candidate must reach to join a story: mid-gap between the worst hard
#: negative (0.25) and the seeds pair (0.59) measured by evaluation/stories.py.
CONFIRM_THRESHOLD = 0.4
#: Texts with fewer shingles than this never join a story: a headline-only brief or a
#: one-line body would otherwise match any text that quotes the same sentence.
MIN_SHINGLES = 8
#: LSH (bands, rows) that datasketch's ``MinHashLSH`` picks (it minimises the weighted
#: false positive and negative rates by integrating with scipy, 0.7 s of imports) for the
#: settings in use, so opening a story index imports neither; other settings ask it.
#: tests/indexer/test_stories.py checks every entry against datasketch.
KNOWN_BANDS: dict[tuple[float, int], tuple[int, int]] = {
    (0.1, 128): (64, 2), (0.15, 128): (51, 2), (0.2, 128): (28, 2), (0.3, 128): (37, 3)}

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """Lower-cased words, punctuation dropped: copies differ in quotes, dashes and case."""
    # ’ and ' stand in the same places of the expression, so replacing first is the same
    return _WORD.findall(text.lower().replace("’", "'"))


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """The set of ``size``-word shingles of ``text`` (the whole text when it is shorter)."""
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """``|A∩B| / |A∪B|``: 1.0 for identical sets, 0.0 when either is empty."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def containment(a: set[str], b: set[str]) -> float:
    """``|A∩B| / min(|A|, |B|)``: high when the shorter text reappears inside the longer one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _identity(value: int) -> int:
    return value


@dataclass(frozen=True)
class Sketch:
    """What story detection needs of one text: its shingles hashed, and their MinHash.

    Computed where the text is extracted (in worker processes during bulk runs), so the
    single writer only looks candidates up. Hashes are 32-bit: two texts of 1,000
    shingles share a false one with odds of about 1 in 4,000, too few to move a score.
    """

    #: Sorted, distinct 32-bit hashes of the shingles.
    hashes: np.ndarray
    #: MinHash values (``NUM_PERM`` of them).
    minhash: np.ndarray

    def containment(self, other: Sketch) -> float:
        """:func:`containment` of the two shingle sets, computed on their hashes."""
        return _hash_containment(self.hashes, other.hashes)


def _hash_containment(a: np.ndarray, b: np.ndarray) -> float:
    """:func:`containment` of two sorted arrays of distinct shingle hashes."""
    if not a.size or not b.size:
        return 0.0
    return np.intersect1d(a, b, assume_unique=True).size / min(a.size, b.size)


def sketch(text: str, size: int = SHINGLE_SIZE, num_perm: int = NUM_PERM) -> Sketch:
    """The :class:`Sketch` of ``text`` over its ``size``-word shingles."""
    hashes = shingle_hashes(words(text), size)
    return Sketch(hashes, minhash_values(hashes, num_perm))


#: Words hashed so far (a worker signs thousands of texts from one vocabulary); cleared
#: when it reaches this many, which bounds it to about 10 MB (a serving worker signs the
#: documents posted to it); the frequent words are back in it within a few documents.
WORD_HASH_CACHE = 50_000
_word_hashes: dict[str, int] = {}
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _word_hash(word: str) -> int:
    # 63 bits: a Python int below 2**63 converts to numpy without its slow path
    found = _word_hashes[word] = int.from_bytes(
        hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little") >> 1
    return found


def shingle_hashes(tokens: list[str], size: int = SHINGLE_SIZE) -> np.ndarray:
    """Sorted, distinct 32-bit hashes of the ``size``-word shingles of ``tokens`` (of all
    of them as one shingle when there are fewer).

    Each word is hashed once (64-bit BLAKE2b); a shingle's hash combines its words' in
    order and goes through splitmix64's finaliser, in numpy over all shingles at once.
    Why: hashing every shingle's joined text was a fifth of a document's extraction.
    Distinct shingles collide as 32-bit random values would (about 1 in 4,000 for two
    texts of 1,000 shingles, see :class:`Sketch`).
    """
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    if len(_word_hashes) >= WORD_HASH_CACHE:
        _word_hashes.clear()
    found = list(map(_word_hashes.get, tokens))
    if None in found:
        found = [_word_hash(w) if h is None else h for w, h in zip(tokens, found, strict=True)]
    values = np.fromiter(found, dtype=np.int64, count=len(found)).view(np.uint64)
    count = max(len(tokens) - size + 1, 1)
    mixed = values[:count].copy()
    for k in range(1, min(size, len(tokens))):
        mixed *= _MIX  # in place; wraps modulo 2**64, as meant
        mixed += values[k:k + count]
    mixed ^= mixed >> np.uint64(30)
    mixed *= np.uint64(0xBF58476D1CE4E5B9)
    mixed ^= mixed >> np.uint64(27)
    mixed *= np.uint64(0x94D049BB133111EB)
    mixed ^= mixed >> np.uint64(31)
    return _sorted_distinct((mixed >> np.uint64(32)).astype(np.uint32))


def _sorted_distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` for a 1-d array, sorting ``values`` in place: the same array,
    without ``np.unique``'s general set-up, which cost as much as the sort itself."""
    values.sort()
    if values.size < 2:
        return values
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


@functools.cache
def _permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters for ``seed``: odd ``a``, any ``b``."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def minhash_values(hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash values datasketch's ``MinHash(num_perm, seed=1, scheme="affine32")``
    gives for already hashed shingles (MurmurHash3's finalizer, then ``a*h + b`` mod
    2**32, minimum per permutation), in numpy alone: the same numbers, without datasketch's
    0.7 s import of scipy and its per-document permutation set-up."""
    a, b = _permutations(num_perm)
    if not hashes.size:
        return np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    hv = hashes.astype(np.uint32).reshape(-1, 1)
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    hv = hv ^ (hv >> np.uint32(16))
    return (hv * a + b).min(axis=0)


def minhash(hashes: np.ndarray, num_perm: int = NUM_PERM) -> MinHash:
    """A datasketch MinHash of already hashed shingles (seed fixed, so signatures compare
    across runs); for callers that want its methods (``jaccard``)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1, scheme="affine32",
                   hashvalues=minhash_values(hashes, num_perm))


def signature(text: str, size: int = SHINGLE_SIZE, num_perm: int = NUM_PERM) -> MinHash:
    """The MinHash of ``text`` over its ``size``-word shingles."""
    return minhash(sketch(text, size, num_perm).hashes, num_perm)


def lsh_ranges(threshold: float, num_perm: int) -> list[tuple[int, int]]:
    """The (start, end) of each LSH band in a MinHash, as datasketch's ``MinHashLSH``
    chooses them (from :data:`KNOWN_BANDS` when listed, else by asking datasketch)."""
    known = KNOWN_BANDS.get((threshold, num_perm))
    if known is None:
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        known = (lsh.b, lsh.r)
    bands, rows = known
    return [(i * rows, (i + 1) * rows) for i in range(bands)]


#: Documents of one outlet that must hold a shingle before it stops counting as evidence
#: of copying: a 5-word run in that many of an outlet's documents is its template ("to
#: learn more about the Medicare fraud strike force"), its site chrome or a stock phrase.
#: Counted per outlet, so a wire story run once by each of fifty outlets keeps its text.
#: Chosen with evaluation/stories.py and evaluation/story_cost.py (largest stories).
COMMON_SHINGLE_DOCS = 5
#: Version of the tables below and of how shingles are hashed; another one means the
#: generation must be rebuilt. 3: shingle hashes built from word hashes.
STORE_FORMAT = 3

_TABLES = """
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS members (
    member INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    story TEXT NOT NULL,
    hashes BLOB NOT NULL,
    bands BLOB NOT NULL,
    anchor INTEGER NOT NULL,
    outlet INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS members_story ON members (story, anchor);
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL,
    member INTEGER NOT NULL,
    PRIMARY KEY (key, member)
) WITHOUT ROWID;
"""


def _outlet_key(outlet: str | None) -> int:
    """A 32-bit key of an outlet's name (case-folded), mixed into its shingle counters."""
    name = (outlet or "").strip().casefold().encode("utf-8")
    return int.from_bytes(hashlib.blake2b(name, digest_size=4).digest(), "little")


def default_settings() -> dict[str, str]:
    """The settings a story index records, as :class:`StoryIndex` writes them by default."""
    return {"format": str(STORE_FORMAT), "threshold": str(LSH_THRESHOLD),
            "num_perm": str(NUM_PERM), "shingle_size": str(SHINGLE_SIZE),
            "bands": str(len(lsh_ranges(LSH_THRESHOLD, NUM_PERM)))}


def written_with_defaults(path: Path) -> bool:
    """True when the story index at ``path`` exists and was written with
    :func:`default_settings` (read only: nothing is created or changed)."""
    if not path.is_file():
        return False
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            stored = dict(db.execute("SELECT name, value FROM settings").fetchall())
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return stored == default_settings()


class StoryIndex:
    """Assigns each added document to a story, incrementally (nothing is re-clustered).

    A story's id is the id of the first document added to it, and it does not move:
    story ids are written into the search index, and rewriting every member when an
    older copy turns up would make an add cost as much as the story is large. Which
    member is the story's *origin* (the earliest published) is decided when the story
    is read, so deleting the origin promotes the next without a write.

    A document joins a story by matching the story's *anchor* (its first document
    still present), not any member: matching any member let stories grow by chains of
    partial overlaps, 70 unrelated press releases in one at 83,000 documents. Shingles
    an outlet uses in many documents (templates, site chrome) are not counted as
    evidence (:data:`COMMON_SHINGLE_DOCS`).

    ``path`` is a SQLite file (``":memory:"`` for a throwaway index). Changes are
    written in a transaction that :meth:`commit` ends; :meth:`rollback` forgets them.
    """

    def __init__(self, path: str | Path = ":memory:", *, threshold: float = LSH_THRESHOLD,
                 confirm: float = CONFIRM_THRESHOLD, num_perm: int = NUM_PERM,
                 shingle_size: int = SHINGLE_SIZE,
                 common: int = COMMON_SHINGLE_DOCS) -> None:
        self.confirm = confirm
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.common = common
        self._ranges = lsh_ranges(threshold, num_perm)  # datasketch's optimal bands and rows
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._check_settings({"format": STORE_FORMAT, "threshold": threshold,
                              "num_perm": num_perm, "shingle_size": shingle_size,
                              "bands": len(self._ranges)})
        self._db.executescript(_TABLES)
        self._counts = ShingleCounts(None if str(path) == ":memory:"
                                     else Path(f"{path}.counts"))

    def _check_settings(self, wanted: dict[str, float | int]) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS settings "
                         "(name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        stored = dict(self._db.execute("SELECT name, value FROM settings").fetchall())
        want = {name: str(value) for name, value in wanted.items()}
        if not stored:
            self._db.executemany("INSERT INTO settings VALUES (?, ?)", want.items())
            self._db.commit()
        elif stored != want:
            raise ValueError(f"story index was built with {stored}, not {want}: rebuild it")

    def _band_keys(self, values: np.ndarray) -> list[int]:
        """One key per LSH band: documents sharing any key are candidates."""
        keys = []
        for band, (start, end) in enumerate(self._ranges):
            digest = hashlib.blake2b(band.to_bytes(2, "little") + values[start:end].tobytes(),
                                     digest_size=8).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return keys

    def add(self, doc_id: str, text: str, outlet: str | None = None) -> str:
        """Add (or re-add) a document by its text; return the story it joins or starts."""
        return self.add_sketch(doc_id, sketch(text, self.shingle_size, self.num_perm), outlet)

    def add_sketch(self, doc_id: str, sketched: Sketch, outlet: str | None = None,
                   story: str | None = None) -> str:
        """Add (or re-add) a document by its :class:`Sketch`; return its story id.

        LSH proposes the stories of similar documents; the one whose anchor holds the
        largest share of the rarer shingles (at least ``confirm``) is joined. A
        document re-added with new text is first taken out of its old story. Given a
        ``story``, the document joins that one without matching: a membership the
        documents already record is being restored.
        """
        self.remove(doc_id)
        db = self._db
        keys: list[int] = []
        hashes = sketched.hashes.astype(np.uint32)
        outlet_key = _outlet_key(outlet)
        if hashes.size >= MIN_SHINGLES:
            keys = self._band_keys(sketched.minhash)
            if story is None:
                story = self._best_story(hashes, outlet_key, keys)
        if story is not None:
            anchor = db.execute("SELECT 1 FROM members WHERE story = ? AND anchor = 1",
                                (story,)).fetchone() is None
        else:
            anchor, story = True, self._new_story_id(doc_id)
        cursor = db.execute(
            "INSERT INTO members (id, story, hashes, bands, anchor, outlet) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (doc_id, story, hashes.tobytes(), np.array(keys, dtype=np.int64).tobytes(),
             int(anchor), outlet_key))
        db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)",
                       [(key, cursor.lastrowid) for key in keys])
        self._counts.change(hashes, outlet_key, +1)
        return story

    def _best_story(self, hashes: np.ndarray, outlet_key: int, keys: list[int]) -> str | None:
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(
            f"SELECT story, hashes, outlet FROM members WHERE anchor = 1 AND story IN "
            f"(SELECT DISTINCT story FROM members WHERE member IN "
            f"(SELECT member FROM bands WHERE key IN ({marks})))", keys).fetchall()
        if not rows:
            return None
        evidence = self._counts.rare(hashes, outlet_key, self.common)
        if evidence.size < MIN_SHINGLES:
            return None  # mostly template: nothing left to tell copies from look-alikes
        best, story = 0.0, None
        for candidate, blob, anchor_outlet in rows:
            anchor = self._counts.rare(np.frombuffer(blob, dtype=np.uint32), anchor_outlet,
                                       self.common)
            if anchor.size < MIN_SHINGLES:
                continue
            score = _hash_containment(evidence, anchor)
            if score >= self.confirm and score > best:
                best, story = score, candidate
        return story

    def _new_story_id(self, doc_id: str) -> str:
        """The document's own id, unless a story of that name lives on without it."""
        story, n = doc_id, 1
        while self._db.execute("SELECT 1 FROM members WHERE story = ? LIMIT 1",
                               (story,)).fetchone():
            n += 1
            story = f"{doc_id}~{n}"
        return story

    def remove(self, doc_id: str) -> bool:
        """Take a document out of its story; False if it was not in the index.

        An anchor that goes hands the story to its next document (in the order added).
        """
        row = self._db.execute("SELECT member, bands, story, anchor, hashes, outlet "
                               "FROM members WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return False
        member, blob, story, anchor, hashes, outlet_key = row
        keys = np.frombuffer(blob, dtype=np.int64).tolist()
        self._db.executemany("DELETE FROM bands WHERE key = ? AND member = ?",
                             [(key, member) for key in keys])
        self._db.execute("DELETE FROM members WHERE member = ?", (member,))
        self._counts.change(np.frombuffer(hashes, dtype=np.uint32), outlet_key, -1)
        if anchor:
            heir = self._db.execute("SELECT member FROM members WHERE story = ? "
                                    "ORDER BY member LIMIT 1", (story,)).fetchone()
            if heir is not None:
                self._db.execute("UPDATE members SET anchor = 1 WHERE member = ?", (heir[0],))
        return True

    def story_of(self, doc_id: str) -> str | None:
        """The story id of a document, None if it was never added."""
        row = self._db.execute("SELECT story FROM members WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def members_of(self, story: str) -> list[str]:
        """The ids of a story's documents, in the order they were added."""
        rows = self._db.execute("SELECT id FROM members WHERE story = ? ORDER BY member",
                                (story,))
        return [doc_id for (doc_id,) in rows]

    def story_sizes(self) -> dict[str, int]:
        """Documents per story, for every story."""
        return dict(self._db.execute("SELECT story, count(*) FROM members GROUP BY story"))

    def commit(self) -> None:
        self._db.commit()
        self._counts.commit()

    def rollback(self) -> None:
        self._db.rollback()
        self._counts.rollback()

    def close(self) -> None:
        self._db.close()

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM members").fetchone()[0])
