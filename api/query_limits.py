"""The query cost governor's limits, all in one place, and the per-request budget.

Why: a query string is a program, and some programs are very long. Before these limits,
on 4,000 articles ``a~9`` took 106 s, ``*`` 110 s and ``"senate vote"~1000000`` 102 s,
and two such requests held both gunicorn workers past gunicorn's 30 s timeout. Each
limit below is the Elasticsearch (or Typesense) counterpart a user of those engines
already knows; the engine enforces them (``api/engine/governor.py``) and every refusal
names the limit it hit, so the caller knows what to change. The README's "Query
limits" section lists them for users; keep the two in step.

This module imports no search engine: the numbers are policy, the backend is mechanism.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from newsfacet.schema.errors import QueryTooCostly

#: Most edits a fuzzy word may ask for (``brenan~2``). Elasticsearch's and Lucene's
#: ceiling too: at 3 edits nearly every short word is within reach of every other, and
#: the candidate walk grows with the edits (``a~9`` was a scan of the whole vocabulary).
#: Above it a query is refused, not quietly clamped: ``~9`` is a request we cannot honour.
MAX_FUZZY_EDITS = 2
#: Elasticsearch's ``fuzziness: AUTO`` as a ceiling on what a word may ask for: a word of
#: 1-2 letters is matched exactly, 3-5 letters with at most 1 edit, longer ones with the
#: edits asked (at most :data:`MAX_FUZZY_EDITS`). Why: two edits turn "ab" into any other
#: word of up to four letters, which is noise, not a typo, and costs a vocabulary scan.
#: (length of the word as typed, edits it may have) from the shortest; the last applies on.
FUZZY_AUTO: tuple[tuple[int, int], ...] = ((1, 0), (3, 1), (6, 2))

#: Most indexed words one prefix (``elect*``), wildcard (``a*b*``), fuzzy word (``brenan~``)
#: or range (``title:[a TO c]``) expands to, per field. Past it the most frequent words are
#: kept (fuzzy: the nearest first, then the most frequent), so the answer is deterministic
#: and partial: documents with only rarer words are not found. Elasticsearch's fuzzy
#: ``max_expansions`` default is 50, and Typesense keeps the most frequent candidates
#: (``max_candidates``) in the same way: no refusal, a bounded expansion.
MAX_EXPANSIONS = 50
#: Literal characters a wildcard pattern needs before its first ``*``, ``?`` or ``[``.
#: Below it (``*tion``, ``?ab``) every word of the vocabulary is a candidate, so the
#: query is refused (Elasticsearch allows leading wildcards but warns they are slow;
#: Typesense has none). A bare ``*`` (or ``*:*``) is not a pattern: it matches every
#: document, as in Elasticsearch's ``query_string``, and costs nothing.
MIN_WILDCARD_PREFIX = 1

#: Largest slop of a phrase (``"senate vote"~10``: the words within 10 positions, in
#: order). Past it the query is refused: a proximity wider than a long paragraph is an
#: AND, and asking for ``~1000000`` is a mistake better told than served. (Elasticsearch
#: has no cap; a slop this wide costs Lucene as it did us.)
MAX_PHRASE_SLOP = 100

#: Most distinct (field, word) clauses one query may read once expanded: every word,
#: phrase word and kept expansion over every field it searches. Past it the query is
#: refused, as Elasticsearch refuses past ``indices.query.bool.max_clause_count`` (1,024
#: before 8.0). A query of 2,000 characters (its length cap) rarely has 500 words, so
#: plain words hardly reach it; many wildcards or fuzzy words can.
MAX_CLAUSES = 1024

#: Most postings one query may read: the document frequency of every distinct word it
#: reads once expanded, summed, plus :data:`PHRASE_POSTING_COST` times that of each
#: phrase word for each phrase, plus :data:`CLAUSE_POSTING_COST` per distinct word.
#: Why: reading postings is most of
#: a search's cost (about 1.5 µs each through Whoosh's posting blocks), and ten
#: one-letter prefixes read 4 million of them (9 s). Past it the query is refused
#: (``a*`` alone reads 540,000 on 37.5k articles, in 0.8 s), except that an OR query
#: first drops its neighbouring-word pairs, which only add to the score.
#: Elasticsearch has no such cap; its postings are cheaper to read than ours.
MAX_POSTINGS = 1_000_000
#: A phrase word's postings count this many times toward :data:`MAX_POSTINGS`: its
#: positions are read and decoded too, which measured about three times a plain read
#: (a 30-word OR query with its word pairs: 2.3 s for 270,000 + 530,000 postings).
PHRASE_POSTING_COST = 3
#: What opening one (field, word) costs, in postings, toward :data:`MAX_POSTINGS`: its
#: posting reader is set up and its first blocks read, about 0.5 ms (ten two-letter
#: prefixes of 976 words and 560,000 postings: 1.4 s of reading). Without it, 1,024
#: words just under the postings cap would take 2-3 s.
CLAUSE_POSTING_COST = 400
#: Seconds one search may work before it is stopped with a 400 problem (Datasette's
#: ``sql_time_limit_ms`` answers likewise). The limits above keep every accepted query
#: under about 2 s on 37.5k articles; this is the backstop for what they do not foresee,
#: well inside gunicorn's 30 s worker timeout. Set it with ``NEWSFACET_QUERY_TIMEOUT``
#: (HTTP and the command line) or ``SearchService(query_timeout=...)``.
QUERY_TIMEOUT = 5.0
#: Where the budget is set, named in the problem the budget answers.
QUERY_TIMEOUT_SETTING = "NEWSFACET_QUERY_TIMEOUT"


def fuzzy_edits(asked: int, word: str) -> int:
    """The edits a fuzzy ``word`` gets: what was asked, capped by the word's length
    (:data:`FUZZY_AUTO`); QueryTooCostly past :data:`MAX_FUZZY_EDITS`."""
    if asked > MAX_FUZZY_EDITS:
        raise QueryTooCostly(f"fuzzy edits are capped at {MAX_FUZZY_EDITS} (MAX_FUZZY_EDITS): "
                             f"got {word}~{asked}")
    allowed = 0
    for length, edits in FUZZY_AUTO:
        if len(word) >= length:
            allowed = edits
    return min(asked, allowed)


def check_slop(slop: int, phrase: str) -> None:
    """QueryTooCostly when a phrase asks for more slop than :data:`MAX_PHRASE_SLOP`."""
    if slop > MAX_PHRASE_SLOP:
        raise QueryTooCostly(f"phrase slop is capped at {MAX_PHRASE_SLOP} (MAX_PHRASE_SLOP): "
                             f"got {phrase}~{slop}")


def check_wildcard(pattern: str) -> None:
    """QueryTooCostly for a pattern with fewer literal characters than
    :data:`MIN_WILDCARD_PREFIX` before its first wildcard."""
    literal = len(pattern)
    for i, char in enumerate(pattern):
        if char in "*?[":
            literal = i
            break
    if literal < MIN_WILDCARD_PREFIX:
        raise QueryTooCostly(
            f"leading wildcards are refused: a pattern needs at least {MIN_WILDCARD_PREFIX} "
            f"character(s) before its first *, ? or [ (MIN_WILDCARD_PREFIX): got {pattern}")


@dataclass
class Budget:
    """One request's allowance: a deadline checked inside the heavy loops, and the work
    the governor let through (for tests and benchmarks, which assert on work, not time).

    Cooperative: nothing interrupts a loop from outside (a signal cannot reach a worker
    thread, and a thread cannot be killed); each loop calls :meth:`check` every few
    hundred steps, so a request stops within milliseconds of its deadline.
    ``timeout=None`` is no deadline (a batch job that wants every answer).
    """

    timeout: float | None = QUERY_TIMEOUT
    clock: Callable[[], float] = time.monotonic
    #: Distinct (field, word) clauses of the query once expanded (:data:`MAX_CLAUSES`).
    clauses: int = 0
    #: Words kept by the largest single expansion (:data:`MAX_EXPANSIONS`).
    widest_expansion: int = 0
    #: Postings the query reads once expanded (:data:`MAX_POSTINGS`).
    postings: int = 0
    #: How often a loop checked the deadline (shows the checks are reached).
    checks: int = 0
    _end: float = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        """Count the time from now. A search calls it once its index is open: reopening
        after a commit (the facet table is rebuilt, seconds at 83k articles) is not the
        query's cost, and refusing the request after that work was done would gain
        nothing."""
        self._end = float("inf") if self.timeout is None else self.clock() + self.timeout

    def expired(self) -> bool:
        return self.clock() >= self._end

    def check(self) -> None:
        """QueryTooCostly once the deadline has passed (at once for a budget of 0)."""
        self.checks += 1
        if self.clock() >= self._end:
            raise QueryTooCostly(
                f"the search took longer than its budget of {self.timeout:g} s "
                f"({QUERY_TIMEOUT_SETTING}) and was stopped; narrow the query (fewer "
                "wildcards or fuzzy words, a smaller phrase slop) or add filters")


def unlimited() -> Budget:
    """A budget with no deadline, for internal calls outside any request."""
    return Budget(timeout=None)
