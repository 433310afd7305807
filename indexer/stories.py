"""Story detection: which documents tell the same story in (nearly) the same words.

News archives hold one text many times: wire copy republished by several outlets, a press
release rewritten into an article. We find such copies with MinHash over word shingles
(``datasketch``): LSH proposes candidates in sub-linear time, and a cheap exact check on the
shingle sets confirms them, so LSH's false positives never merge two stories.

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

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

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

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """Lower-cased words, punctuation dropped: copies differ in quotes, dashes and case."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


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
        if not self.hashes.size or not other.hashes.size:
            return 0.0
        common = np.intersect1d(self.hashes, other.hashes, assume_unique=True).size
        return common / min(self.hashes.size, other.hashes.size)


def sketch(text: str, size: int = SHINGLE_SIZE, num_perm: int = NUM_PERM) -> Sketch:
    """The :class:`Sketch` of ``text`` over its ``size``-word shingles."""
    hashes = np.unique(np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little")
         for s in shingles(text, size)), dtype=np.uint32))
    return Sketch(hashes, minhash(hashes, num_perm).hashvalues)


def minhash(hashes: np.ndarray, num_perm: int = NUM_PERM) -> MinHash:
    """A MinHash of already hashed shingles (seed fixed, so signatures compare across runs)."""
    signature = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity)
    signature.update_batch(hashes.tolist())
    return signature


def signature(text: str, size: int = SHINGLE_SIZE, num_perm: int = NUM_PERM) -> MinHash:
    """The MinHash of ``text`` over its ``size``-word shingles."""
    return minhash(sketch(text, size, num_perm).hashes, num_perm)


_TABLES = """
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS members (
    member INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    story TEXT NOT NULL,
    hashes BLOB NOT NULL,
    bands BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS members_story ON members (story);
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL,
    member INTEGER NOT NULL,
    PRIMARY KEY (key, member)
) WITHOUT ROWID;
"""


class StoryIndex:
    """Assigns each added document to a story, incrementally (nothing is re-clustered).

    A story's id is the id of the first document added to it, and it does not move:
    story ids are written into the search index, and rewriting every member when an
    older copy turns up would make an add cost as much as the story is large. Which
    member is the story's *origin* (the earliest published) is decided when the story
    is read, so deleting the origin promotes the next without a write.

    ``path`` is a SQLite file (``":memory:"`` for a throwaway index). Changes are
    written in a transaction that :meth:`commit` ends; :meth:`rollback` forgets them.
    """

    def __init__(self, path: str | Path = ":memory:", *, threshold: float = LSH_THRESHOLD,
                 confirm: float = CONFIRM_THRESHOLD, num_perm: int = NUM_PERM,
                 shingle_size: int = SHINGLE_SIZE) -> None:
        self.confirm = confirm
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)  # its optimal bands and rows
        self._ranges: list[tuple[int, int]] = list(lsh.hashranges)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.executescript(_TABLES)
        self._check_settings({"threshold": threshold, "num_perm": num_perm,
                              "shingle_size": shingle_size, "bands": len(self._ranges)})

    def _check_settings(self, wanted: dict[str, float | int]) -> None:
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

    def add(self, doc_id: str, text: str) -> str:
        """Add (or re-add) a document by its text; return the story it joins or starts."""
        return self.add_sketch(doc_id, sketch(text, self.shingle_size, self.num_perm))

    def add_sketch(self, doc_id: str, sketched: Sketch) -> str:
        """Add (or re-add) a document by its :class:`Sketch`; return its story id.

        The candidate with the highest containment of at least ``confirm`` decides the
        story; a document re-added with new text is first taken out of its old story.
        """
        self.remove(doc_id)
        db = self._db
        story = None
        keys: list[int] = []
        if sketched.hashes.size >= MIN_SHINGLES:
            keys = self._band_keys(sketched.minhash)
            marks = ",".join("?" * len(keys))
            rows = db.execute(
                f"SELECT story, hashes FROM members WHERE member IN "
                f"(SELECT DISTINCT member FROM bands WHERE key IN ({marks}))", keys).fetchall()
            best = 0.0
            for candidate, blob in rows:
                score = sketched.containment(Sketch(np.frombuffer(blob, dtype=np.uint32),
                                                    sketched.minhash))
                if score >= self.confirm and score > best:
                    best, story = score, candidate
        if story is None:
            story = self._new_story_id(doc_id)
        cursor = db.execute(
            "INSERT INTO members (id, story, hashes, bands) VALUES (?, ?, ?, ?)",
            (doc_id, story, sketched.hashes.astype(np.uint32).tobytes(),
             np.array(keys, dtype=np.int64).tobytes()))
        db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)",
                       [(key, cursor.lastrowid) for key in keys])
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
        """Take a document out of its story; False if it was not in the index."""
        row = self._db.execute("SELECT member, bands FROM members WHERE id = ?",
                               (doc_id,)).fetchone()
        if row is None:
            return False
        member, blob = row
        keys = np.frombuffer(blob, dtype=np.int64).tolist()
        self._db.executemany("DELETE FROM bands WHERE key = ? AND member = ?",
                             [(key, member) for key in keys])
        self._db.execute("DELETE FROM members WHERE member = ?", (member,))
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

    def rollback(self) -> None:
        self._db.rollback()

    def close(self) -> None:
        self._db.close()

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM members").fetchone()[0])
