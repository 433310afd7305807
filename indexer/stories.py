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
Pure Python: no Whoosh here; the indexer will store the story id as a field later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

#: Words per shingle. evaluation/stories.py: F1 within 0.005 of 3 and 4 words, and the widest
#: containment gap (hard negatives at most 0.25, 95 % of true pairs above 0.57); shorter
#: shingles are shared by unrelated texts on one topic ("the white house said").
SHINGLE_SIZE = 5
#: MinHash permutations: 128 keeps the Jaccard estimate within about ±0.09 (one sigma ≈ 0.04).
NUM_PERM = 128
#: LSH Jaccard threshold. Low on purpose: a release inside a 3x longer article has Jaccard
#: about 0.3, and LSH only proposes; the exact containment check decides.
LSH_THRESHOLD = 0.2
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


def minhash(shingle_set: set[str], num_perm: int = NUM_PERM) -> MinHash:
    """A MinHash of a shingle set (seed fixed, so signatures compare across runs)."""
    sketch = MinHash(num_perm=num_perm, seed=1)
    sketch.update_batch([s.encode("utf-8") for s in shingle_set])
    return sketch


def signature(text: str, size: int = SHINGLE_SIZE, num_perm: int = NUM_PERM) -> MinHash:
    """The MinHash signature of ``text`` over its ``size``-word shingles."""
    return minhash(shingles(text, size), num_perm)


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


@dataclass
class _Member:
    story: str
    shingles: set[str]


@dataclass
class StoryIndex:
    """Assigns each added document to a story, incrementally (nothing is re-clustered).

    A story's id is the id of its first document. When a document added later turns out to
    be older (earlier ``published``), the id stays as it is: ids that move would invalidate
    every story id already written to the index, and a stable id is what collapsing results
    needs. The earliest document of a story is kept in :attr:`earliest` for display.
    """

    threshold: float = LSH_THRESHOLD
    confirm: float = CONFIRM_THRESHOLD
    shingle_size: int = SHINGLE_SIZE
    num_perm: int = NUM_PERM
    members: dict[str, _Member] = field(default_factory=dict, init=False, repr=False)
    #: story id -> (published, doc id) of its earliest known document.
    earliest: dict[str, tuple[str, str]] = field(default_factory=dict, init=False)
    _lsh: MinHashLSH = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)

    def add(self, doc_id: str, text: str, published: str | None = None) -> str:
        """Add a document; return the id of the story it joins or starts."""
        shingle_set = shingles(text, self.shingle_size)
        return self.add_shingles(doc_id, shingle_set, minhash(shingle_set, self.num_perm),
                                 published)

    def add_shingles(self, doc_id: str, shingle_set: set[str], sketch: MinHash,
                     published: str | None = None) -> str:
        """:meth:`add` with the shingles and MinHash already computed (evaluation reuses them)."""
        if doc_id in self.members:
            raise ValueError(f"document {doc_id!r} is already in the story index")
        story = doc_id
        if len(shingle_set) >= MIN_SHINGLES:
            best = 0.0
            for candidate in self._lsh.query(sketch):
                score = containment(shingle_set, self.members[candidate].shingles)
                if score >= self.confirm and score > best:
                    best, story = score, self.members[candidate].story
            self._lsh.insert(doc_id, sketch)
        self.members[doc_id] = _Member(story, shingle_set)
        when = (published or "9999", doc_id)  # undated documents sort last
        if story not in self.earliest or when < self.earliest[story]:
            self.earliest[story] = when
        return story

    def story_of(self, doc_id: str) -> str:
        """The story id of an added document."""
        return self.members[doc_id].story

    def __len__(self) -> int:
        return len(self.members)
