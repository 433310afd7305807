"""The search backend over Xapian: one local database or remote shards, the same API.

Implements :class:`newsfacet.api.backend.Backend`. Queries are parsed by newsfacet's
own parser and translated (:mod:`.translate`); selection follows the Whoosh backend's
rules (:mod:`.selection`); snippets come from the stored body (:mod:`.hits`). Every
read reopens the databases, so a write is seen once it has answered, and a shard that
was down is used again as soon as it answers (:mod:`.database`).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections import Counter
from dataclasses import replace
from typing import Any

import xapian

from newsfacet.indexer.extract import EXTRACTOR_VERSION
from newsfacet.schema.errors import DocumentNotFound, ShardUnavailable, StoryNotFound
from newsfacet.schema.fields import SCHEMA_VERSION, build_schema, normal_word

from ..backend_spec import BackendSpec
from ..engine.facet_table import fold
from ..engine.hits import stored_document
from ..engine.hits import story as build_story
from ..engine.lexicon import levenshtein
from ..engine.more_like_this import SIMILAR_TERMS
from ..engine.query import MATCH_ALL, QUOTE_FIELDS, SEARCH_FIELDS, parse
from ..engine.spelling import SUGGEST_BELOW, SUGGEST_PREFIX
from ..models import (
    FacetValue,
    IndexStats,
    QuoteRequest,
    QuoteResults,
    SearchRequest,
    SearchResults,
    StoredDocument,
    Story,
)
from ..query_limits import Budget, unlimited
from . import hits as build
from . import layout
from .database import Cluster
from .selection import (
    IndexFacts,
    after_cursor,
    count_facets,
    date_filter,
    facet_filter,
    filtered,
    ranked,
    read_facts,
    recency_ranked,
    version_key,
)
from .translate import Translator

_SCHEMA = build_schema()
_WORD = re.compile(r"\w+")
#: Quote databases' facets: one slot each.
QUOTE_SLOTS = {"speaker": layout.SLOT_SPEAKER, "outlet": layout.SLOT_OUTLET}


class XapianBackend:
    """Search over a Xapian database or shards (a ``xapian:`` or ``xapian+tcp:`` spec)."""

    def __init__(self, spec: BackendSpec) -> None:
        self.spec = spec
        self.cluster = Cluster(spec)
        self._facts: IndexFacts | None = None

    def close(self) -> None:
        self.cluster.close()

    def facts(self, db: Any) -> IndexFacts:
        key = version_key(db)
        if self._facts is None or self._facts.key != key:
            self._facts = read_facts(db)
        return self._facts

    # -- searching ---------------------------------------------------------------------

    def _query(self, db: Any, facts: IndexFacts, text: str, fields: tuple[str, ...],
               operator: str) -> tuple[Any, Any, set[str]]:
        """(parsed, Xapian query or None for every document, words to highlight)."""
        if not text.strip() or text.strip() in MATCH_ALL:
            return None, None, set()
        parsed = parse(text, _SCHEMA, fields, None, operator)

        def values(fieldname: str, value: str) -> list[str]:
            return self._field_values(db, facts, fieldname, value)

        translate = Translator(db, values)
        return parsed, translate(parsed), translate.highlight

    def _field_values(self, db: Any, facts: IndexFacts, fieldname: str,
                      value: str) -> list[str]:
        """Stored values a ``field:value`` query matches: as the filter of that value
        would, case and accents ignored."""
        prefix = layout.FACET_PREFIX[fieldname]
        wanted = fold(facts.shown(value) if fieldname == "speaker" else value)
        found = []
        for item in db.allterms(prefix):
            stored = item.term.decode("utf-8")[len(prefix):]
            shown = facts.shown(stored) if fieldname == "speaker" else stored
            if wanted in (fold(stored), fold(shown)):
                found.append(stored)
        return found

    def search(self, request: SearchRequest, budget: Budget | None = None) -> SearchResults:
        budget = budget or unlimited()
        return self.cluster.read(lambda db: self._search(db, request, budget))

    def _search(self, db: Any, request: SearchRequest, budget: Budget,
                without: str | None = None,
                prepared: tuple[Any, Any, set[str]] | None = None,
                suggest: bool = True) -> SearchResults:
        """``prepared``: the query already made (parsed, Xapian query, highlighted
        words), as more-like-this and spelling checks make theirs."""
        budget.restart()
        facts = self.facts(db)
        parsed, q, terms = prepared or self._query(db, facts, request.q, SEARCH_FIELDS,
                                                   request.operator)
        by_relevance = q is not None and request.sort == "relevance"
        base = q if q is not None else xapian.Query.MatchAll
        if without is not None:
            base = xapian.Query(xapian.Query.OP_AND_NOT, base,
                                xapian.Query(layout.term(layout.ID, without)))
        if request.date_from or request.date_to:
            base = filtered(base, date_filter(db, request.date_from, request.date_to,
                                              request.date_field == "event"))
        filters = {name: facet_filter(facts, name, values)
                   for name, values in request.filters().items()}
        matched = filtered(base, *filters.values())
        facets = self._facets(db, facts, base, filters, request)
        budget.check()
        collapse = request.collapse is not None
        documents = None
        if collapse:
            documents = ranked(db, matched, False, "date:desc", 0, 0).total
            stories = count_facets(db, facts, matched, ["story"], db.get_doccount() + 1,
                                   "month")["story"]
        start = (request.page - 1) * request.per_page
        if request.cursor is not None and not collapse:
            page, more = after_cursor(db, matched, by_relevance, request.ranked_by,
                                      request.cursor, request.per_page)
            total = ranked(db, matched, False, "date:desc", 0, 0).total
        else:
            if request.boost == "recency" and by_relevance:
                result = recency_ranked(db, matched, facts, request.half_life, start,
                                        request.per_page, collapse)
            else:
                result = ranked(db, matched, by_relevance, request.ranked_by, start,
                                request.per_page, collapse, budget)
            page, total = result.matches, result.total
            if collapse:  # Xapian's collapsed count is an estimate: count the stories
                total = len(stories)
            more = start + request.per_page < total
        shown_terms = (terms or set()) if request.highlight else set()
        hits = [build.document_hit(db, facts, doc, score, shown_terms) for doc, score in page]
        if collapse:
            for hit in hits:
                hit.story_members = build.story_members(db, hit)
        suggestion = None
        if suggest and parsed is not None and total < SUGGEST_BELOW:
            suggestion = self._did_you_mean(db, facts, parsed, request, total, budget)
        from ..engine.cursors import next_cursor
        return SearchResults(total=total, took_ms=0.0, hits=hits, facets=facets,
                             page=request.page, per_page=request.per_page,
                             date_range=request.date_range,
                             next_cursor=next_cursor(request, hits, more and not collapse),
                             did_you_mean=suggestion, total_documents=documents)

    def _facets(self, db: Any, facts: IndexFacts, base: Any, filters: dict[str, Any],
                request: SearchRequest | QuoteRequest,
                single: dict[str, int] | None = None) -> dict[str, list[FacetValue]]:
        """Multi-select: a facet filtered on is counted without its own filter."""
        interval = getattr(request, "interval", "month")
        plain = [n for n in request.facets if n not in filters]
        counted = count_facets(db, facts, filtered(base, *filters.values()), plain,
                               request.facet_size, interval, single)
        for name in request.facets:
            if name in filters:
                others = [f for other, f in filters.items() if other != name]
                counted.update(count_facets(db, facts, filtered(base, *others), [name],
                                            request.facet_size, interval, single))
        return {name: counted[name] for name in request.facets}

    def _did_you_mean(self, db: Any, facts: IndexFacts, parsed: Any,
                      request: SearchRequest, total: int, budget: Budget) -> str | None:
        """Words found in neither title nor body, corrected against the body's words
        (nearest first, then most frequent; the first letters kept), shown as people
        write them; offered only when the corrected query finds more."""
        words = {str(text) for fieldname, text in parsed.iter_all_terms()
                 if fieldname in SEARCH_FIELDS and isinstance(text, str)}
        unknown = {w for w in words if not any(
            db.get_termfreq(layout.term(layout.TEXT_PREFIX[f], w)) for f in SEARCH_FIELDS)}
        if not unknown:
            return None
        text = request.q
        for word in sorted(unknown):
            best: tuple[float, str] | None = None
            for item in db.allterms(layout.BODY + word[:SUGGEST_PREFIX]):
                candidate = item.term.decode("utf-8")[len(layout.BODY):]
                distance = levenshtein(word, candidate, 2)
                if 0 < distance <= 2:
                    key = (distance + 0.5 / max(int(item.termfreq), 1), candidate)
                    best = key if best is None or key < best else best
            if best is None:
                continue
            written = self._written_form(db, best[1])

            def swap(match: re.Match[str], word: str = word, written: str = written) -> str:
                return written if normal_word(match.group(0))[0] == word else match.group(0)

            text = _WORD.sub(swap, text)
        if text == request.q:
            return None
        try:
            corrected = replace(request, q=text, page=1, facets=(), cursor=None)
            prepared = self._query(db, facts, text, SEARCH_FIELDS, request.operator)
            found = self._search(db, corrected, budget, prepared=prepared,
                                 suggest=False).total
        except ShardUnavailable:
            raise
        except Exception:  # a failed suggestion must not fail the search
            return None
        return text if found > total else None

    @staticmethod
    def _written_form(db: Any, stem: str) -> str:
        """The commonest written word with this stem in a few documents having it."""
        enquire = xapian.Enquire(db)
        enquire.set_query(xapian.Query(layout.term(layout.BODY, stem)))
        seen: Counter[str] = Counter()
        for match in enquire.get_mset(0, 3):
            fields = build.stored(match.document)
            for word in _WORD.findall(f"{fields.get('title', '')} {fields.get('body', '')}"):
                if normal_word(word)[0] == stem:
                    seen[word.lower()] += 1
        return seen.most_common(1)[0][0] if seen else stem

    def similar(self, doc_id: str, request: SearchRequest,
                budget: Budget | None = None) -> SearchResults:
        budget = budget or unlimited()

        def run(db: Any) -> SearchResults:
            doc = self._document(db, doc_id)
            q, terms = self._key_terms(db, doc)
            if q is None:
                return SearchResults(total=0, took_ms=0.0, hits=[], facets={
                    name: [] for name in request.facets}, page=request.page,
                    per_page=request.per_page)
            plain = replace(request, sort="relevance", cursor=None, q="*similar*")
            found = self._search(db, plain, budget, without=doc_id, prepared=(None, q, terms))
            found.next_cursor = found.did_you_mean = found.date_range = None
            return found
        return self.cluster.read(run)

    def _key_terms(self, db: Any, doc: Any) -> tuple[Any, set[str]]:
        """The document's most significant title and body words (Bo1, as Whoosh weighs
        them), as an OR weighted by significance."""
        total = max(int(db.get_doccount()), 1)
        weights: dict[str, float] = {}
        for fieldname, count in SIMILAR_TERMS.items():
            prefix = layout.TEXT_PREFIX[fieldname]
            scored = []
            for item in doc.termlist():
                raw = item.term.decode("utf-8")
                if not raw.startswith(prefix) or raw[:2] in ("XO", "XP", "XL", "XE", "XS"):
                    continue
                word = raw[len(prefix):]
                if not word or word.isdigit() or raw.startswith("Q"):
                    continue
                frequency = db.get_collection_freq(raw) / total
                if frequency <= 0:
                    continue
                wdf = item.wdf / (layout.TITLE_WDF if fieldname == "title" else 1)
                scored.append((wdf * math.log2((1 + frequency) / frequency)
                               + math.log2(1 + frequency), word))
            for weight, word in sorted(scored, key=lambda p: (-p[0], p[1]))[:count]:
                weights[word] = max(weights.get(word, 0.0), weight)
        if not weights:
            return None, set()
        top = max(weights.values()) or 1.0
        translate = Translator(db, lambda f, v: [])
        subs = [translate.term(fieldname, word, weight / top * (0.5 if fieldname == "title"
                                                                 else 1.0))
                for word, weight in weights.items() for fieldname in SEARCH_FIELDS]
        return xapian.Query(xapian.Query.OP_OR, subs), set(weights)

    def search_quotes(self, request: QuoteRequest,
                      budget: Budget | None = None) -> QuoteResults:
        budget = budget or unlimited()
        facts = self.cluster.read(self.facts)

        def run(db: Any) -> QuoteResults:
            budget.restart()
            _, q, terms = self._query(db, facts, request.q, QUOTE_FIELDS, request.operator)
            by_relevance = q is not None and request.sort == "relevance"
            base = q if q is not None else xapian.Query.MatchAll
            if request.date_from or request.date_to:
                base = filtered(base, date_filter(db, request.date_from, request.date_to,
                                                  False))
            filters = {name: facet_filter(facts, name, values)
                       for name, values in request.filters().items()}
            facets = self._facets(db, facts, base, filters, request, QUOTE_SLOTS)
            start = (request.page - 1) * request.per_page
            sort = request.sort if by_relevance or request.sort != "relevance" else "date:desc"
            page = ranked(db, filtered(base, *filters.values()), by_relevance, sort, start,
                          request.per_page, budget=budget)
            shown = terms if request.highlight else set()
            return QuoteResults(total=page.total, took_ms=0.0,
                                hits=[build.quote_hit(facts, doc, score, shown)
                                      for doc, score in page.matches],
                                facets=facets, page=request.page, per_page=request.per_page)
        return self.cluster.read(run, "quotes")

    # -- documents and stories ---------------------------------------------------------

    @staticmethod
    def _document(db: Any, doc_id: str) -> Any:
        for posting in db.postlist(layout.term(layout.ID, doc_id)):
            return db.get_document(posting.docid)
        raise DocumentNotFound(f"no document with id {doc_id!r}")

    def get(self, doc_id: str) -> StoredDocument:
        def run(db: Any) -> StoredDocument:
            fields = build.stored(self._document(db, doc_id))
            story = fields.get("story")
            size = int(db.get_termfreq(layout.term(layout.STORY, story))) if story else 1
            return stored_document(fields, story, size)
        return self.cluster.read(run)

    def story(self, story_id: str) -> Story:
        docs = self.cluster.read(lambda db: build.story_docs(db, story_id))
        if not docs:
            raise StoryNotFound(f"no story with id {story_id!r}")
        return build_story(story_id, docs)

    def story_of(self, doc_id: str) -> str | None:
        fields = self.cluster.read(lambda db: build.stored(self._document(db, doc_id)))
        story: str | None = fields.get("story")
        return story

    def count(self) -> int:
        return self.cluster.read(lambda db: int(db.get_doccount()))

    def facet_values(self, name: str, prefix: str = "",
                     size: int | None = None) -> list[FacetValue]:
        return self.cluster.read(lambda db: self._facet_values(db, name, prefix, size))

    def _facet_values(self, db: Any, name: str, prefix: str,
                      size: int | None) -> list[FacetValue]:
        limit = 10**9 if size is None else size
        pattern = re.compile(r"(?<![^\W_])" + re.escape(fold(prefix))) if prefix else None
        facts = self.facts(db)
        counts: Counter[str] = Counter()
        if name == "date":
            counted = count_facets(db, facts, xapian.Query.MatchAll, ["date"], 0, "month")
            counts.update({v.value: v.count for v in counted["date"]})
        else:
            term_prefix = layout.FACET_PREFIX[name]
            for item in db.allterms(term_prefix):
                value = item.term.decode("utf-8")[len(term_prefix):]
                counts[facts.shown(value) if name == "speaker" else value] += item.termfreq
        found = [(value, n) for value, n in counts.items()
                 if n and (pattern is None or pattern.search(fold(value)))]
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return [FacetValue(value, n) for value, n in found[:limit]]

    # -- the index as a whole ----------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """Every shard answers (ShardUnavailable naming those that do not), and how many
        documents the index holds."""
        shards = self.cluster.probe() if self.spec.remote else []
        down = [s["shard"] + (" (reads on a replica)" if s["status"] == "degraded" else "")
                for s in shards if s["status"] != "ok"]
        if down:
            message = f"cluster degraded: shard {', '.join(down)} unavailable"
            raise ShardUnavailable(message, public=message)
        documents = self.count()
        return {"status": "ok", "documents": documents, "files_checked": 0,
                "backend": "xapian", "schema_version": SCHEMA_VERSION,
                "extractor_version": str(EXTRACTOR_VERSION),
                "shards": shards or [{"shard": "local", "status": "ok",
                                      "documents": documents}]}

    def stats(self) -> IndexStats:
        def run(db: Any) -> IndexStats:
            facts = self.facts(db)
            distinct = {name: sum(1 for _ in db.allterms(prefix))
                        for name, prefix in layout.FACET_PREFIX.items()}
            if facts.aliases:
                distinct["speaker"] = len({facts.shown(v) for v in facts.speakers})
            distinct["date"] = len(count_facets(db, facts, xapian.Query.MatchAll, ["date"],
                                                0, "month")["date"])
            return IndexStats(documents=int(db.get_doccount()),
                              size_bytes=self._size_on_disk(),
                              generation=f"xapian ({self.cluster.shards} shard"
                                         f"{'s' if self.cluster.shards > 1 else ''})",
                              last_indexed_at=_last_indexed(db),
                              whoosh_version=None, schema_version=SCHEMA_VERSION,
                              extractor_version=str(EXTRACTOR_VERSION), facets=distinct)
        return self.cluster.read(run)

    def _size_on_disk(self) -> int:
        """Bytes of a local database; remote shards report their own (0 here)."""
        if self.spec.path is None:
            return 0
        total = 0
        for root, _, names in os.walk(self.spec.path):
            for name in names:
                try:
                    total += os.stat(os.path.join(root, name)).st_size
                except FileNotFoundError:
                    continue
        return total


def _last_indexed(db: Any) -> dt.datetime | None:
    try:
        raw = db.get_metadata("last_indexed_at").decode()
    except xapian.Error:
        return None
    return dt.datetime.fromisoformat(raw) if raw else None
