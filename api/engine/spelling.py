"""Did you mean: a spelling correction of a query that finds few results.

Corrections come from the index's own words, nearest first (:class:`ClosestFirst`),
are shown as people write them (:func:`surface_forms`), and are offered only when
running them with the same filters finds more.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from whoosh import highlight, spelling
from whoosh import query as wq

from newsfacet.schema.errors import NewsfacetError, QueryTooCostly
from newsfacet.schema.fields import normal_word

from ..models import SearchRequest
from ..query_limits import FUZZY_AUTO, Budget
from .governor import govern, matching_docs
from .query import SEARCH_FIELDS, governed_query
from .selection import Selection, select
from .view import View

#: Below this many results, a search looks for a spelling correction that finds more.
SUGGEST_BELOW = 3
#: Corrections keep the first letters of the typed word: Whoosh finds candidates by
#: measuring the distance to every word sharing the prefix, and with no prefix that was
#: 720,000 comparisons and 10 s on 83k articles (Elasticsearch's suggester keeps 1).
SUGGEST_PREFIX = 2
#: Query terms that stand for many words: their words are never corrected.
EXPANDED = (wq.FuzzyTerm, wq.Prefix, wq.Wildcard, wq.TermRange, wq.Regex)
#: Words of stored text, for their written forms.
_WORD = re.compile(r"\w+")


class ClosestFirst(spelling.Corrector):  # type: ignore[misc]
    """Suggests indexed words nearest first, then most frequent, within the edits a
    word of its length gets (Elasticsearch's ``AUTO``: :data:`FUZZY_AUTO`).

    Why: whoosh3's ReaderCorrector ranks every word within ``maxdist`` by frequency
    alone, so "strke" became the common "state" (2 edits) over "strike" (1 edit); and
    two edits on a short word is another word ("title" became "tide").
    """

    def __init__(self, reader: Any, fieldname: str) -> None:
        self.reader = reader
        self.fieldname = fieldname

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        seen: set[str] = set()
        for distance in range(1, auto_edits(text, maxdist) + 1):
            for word in self.reader.terms_within(self.fieldname, text, distance, prefix=prefix):
                if word not in seen:
                    seen.add(word)
                    frequency = self.reader.frequency(self.fieldname, word) or 1
                    yield -(distance + 0.5 / frequency), word


def did_you_mean(view: View, q: Any, request: SearchRequest, total: int) -> str | None:
    """A spelling correction of the query's unknown words, if it finds more results.

    Only words found in neither title nor body are corrected, against the body's
    words (a word missing from titles alone is no typo). The suggestion is checked
    by running it with the same filters, so following it never finds less.
    """
    searcher = view.searcher
    reader = searcher.reader()
    budget = view.spend()
    words = {text for fieldname, text in q.iter_all_terms()
             if fieldname in SEARCH_FIELDS and isinstance(text, str)} - expanded_words(q)
    unknown = {w for w in words if not any((f, w) in reader for f in SEARCH_FIELDS)}
    if not unknown:
        return None
    try:
        correction = searcher.correct_query(
            q, request.q, terms=[(f, w) for f in SEARCH_FIELDS for w in sorted(unknown)],
            aliases={"title": "body"}, prefix=SUGGEST_PREFIX,
            correctors={"body": ClosestFirst(reader, "body")})
    except Exception:  # a failed suggestion must not fail the search
        budget.check()  # ...but a search out of time stops here
        return None
    if not correction.tokens:
        return None
    try:
        governed = govern(correction.query, view)
    except QueryTooCostly:
        budget.check()
        return None
    shown = surface_forms(searcher, governed, {t.text for t in correction.tokens}, budget)
    for token in correction.tokens:
        token.text = shown.get(token.text, token.text)
    text = correction.format_string(highlight.NullFormatter())
    if not text or text == request.q:
        return None
    try:
        _, corrected = governed_query(text, view, SEARCH_FIELDS, request.operator)
        check = replace(Selection.of_documents(request, corrected), page=1, facets=(),
                        cursor=None)
        found = select(view, check).total
    except NewsfacetError:
        budget.check()  # out of time: the search stops; otherwise no suggestion
        return None
    return text if found > total else None


def auto_edits(word: str, most: int) -> int:
    """Edits a correction of ``word`` may make: ``most``, fewer for a short word."""
    allowed = 0
    for length, edits in FUZZY_AUTO:
        if len(word) >= length:
            allowed = edits
    return min(most, allowed)


def expanded_words(q: Any) -> set[str]:
    """Words of fuzzy, prefix, wildcard and range terms: the query already asks for
    their neighbours, so "correcting" one offers a different word ("brenan~" became
    "break~"), a suggestion worse than the query."""
    leaves = q.leaves() if not q.is_leaf() else [q]
    words = (getattr(leaf, "text", None) for leaf in leaves if isinstance(leaf, EXPANDED))
    return {word for word in words if isinstance(word, str)}


def surface_forms(searcher: Any, q: Any, stems: set[str], budget: Budget,
                  docs: int = 3) -> dict[str, str]:
    """A word as people write it for each stem ("satellit" → "satellite").

    Corrections come from the index, which holds stems; the commonest word with that
    stem in a few of the corrected query's own documents reads better and parses back
    to the same stem.
    """
    seen: dict[str, Counter[str]] = {stem: Counter() for stem in stems}
    for docnum in itertools.islice(matching_docs(searcher, q, budget), docs):
        stored = searcher.stored_fields(docnum)
        for word in _WORD.findall(f"{stored.get('title', '')} {stored.get('body', '')}"):
            stem, _ = normal_word(word)
            if stem in seen:
                seen[stem][word.lower()] += 1
    return {stem: words.most_common(1)[0][0] for stem, words in seen.items() if words}
