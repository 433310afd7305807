"""Query strings into Whoosh queries: fields, fuzzy words, phrases, facet-field terms.

What the query syntax means is decided here: which fields a bare word searches and
which a query may name, how ``word~`` meets stemming, how stop words widen a phrase,
how ``speaker:`` matches merged names, and, for ``operator=or``, the neighbouring-word
pairs that reward proximity (their weights are in :mod:`.ranking`). Parsing checks the
limits a query states itself (fuzzy edits, slop, leading wildcards); what it expands to
is bounded afterwards by :mod:`.governor`, which needs the index.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from whoosh import qparser
from whoosh import query as wq
from whoosh.qparser import syntax

from newsfacet.schema.errors import InvalidQuery, NewsfacetError
from newsfacet.schema.fields import text_analyzer

from ..query_limits import check_slop, check_wildcard, fuzzy_edits
from .facet_table import QUOTE_FACETS, fold
from .governor import Governor, check_postings
from .ranking import PROXIMITY_BOOST, PROXIMITY_SLOP, TITLE_QUERY_WEIGHT, count_repeats
from .view import View

#: Fields a bare query word searches; the title's boost lives in the schema.
SEARCH_FIELDS = ("title", "body")
#: The quote index's one text field.
QUOTE_FIELDS = ("text",)
#: Facet fields a query can name (``speaker:"Joris Vermeulen"``): whole values, matched
#: as the facet filters match them (merged speaker names, case and accents ignored).
FACET_QUERY_FIELDS = ("outlet", "speaker", "location")
#: Fields a query may name, per index: the ones people search. The schema's others hold
#: internal data (ids, content hashes, source paths on the server, the extraction's
#: JSON) and naming them is an InvalidQuery, as is naming a field that does not exist.
QUERYABLE_FIELDS: dict[tuple[str, ...], tuple[str, ...]] = {
    SEARCH_FIELDS: (*SEARCH_FIELDS, *FACET_QUERY_FIELDS),
    QUOTE_FIELDS: (*QUOTE_FIELDS, *QUOTE_FACETS),
}
#: Queries that mean "every document", as in Elasticsearch's ``query_string``: answered
#: as an empty query (newest first), without reading a posting.
MATCH_ALL = frozenset({"*", "*:*"})
#: The schema's text analyzer, for the query-side work: phrase gaps, word pairs and
#: snippets. Stateless, so one serves every backend and thread.
ANALYZER = text_analyzer()


class StemAwareFuzzy(qparser.FuzzyTermPlugin):  # type: ignore[misc]
    """``word~`` matches within edit distance of the stem *and* of the word as typed.

    Why: title and body hold Porter stems, and the query word is stemmed before the
    edit distance is measured; a misspelling can stem differently from the word it
    misspells. Trying both the stem and the plain (lower-cased, accent-free) word
    finds what either finds.

    The edits are capped (``query_limits.fuzzy_edits``): more than two is a
    QueryTooCostly, and a short word gets fewer, as Elasticsearch's ``AUTO`` gives them.
    """

    class FuzzyTermNode(qparser.FuzzyTermPlugin.FuzzyTermNode):  # type: ignore[misc]
        def query(self, parser: Any) -> Any:
            edits = fuzzy_edits(self.maxdist, self.text)
            q = super().query(parser)
            if not isinstance(q, wq.FuzzyTerm):
                return q
            if edits == 0:
                return wq.Term(q.fieldname, q.text, boost=q.boost)
            q.maxdist = edits
            plain = fold(self.text)
            if plain == q.text:
                return q
            return wq.Or([q, wq.FuzzyTerm(q.fieldname, plain, boost=q.boost,
                                          maxdist=q.maxdist, prefixlength=q.prefixlength)])


def check_balanced(text: str) -> None:
    """Whoosh silently repairs broken syntax; we tell the user instead."""
    if text.count('"') % 2:
        raise InvalidQuery(f"unbalanced quote in query: {text!r}")
    depth = 0
    for char in re.sub(r'"[^"]*"', "", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise InvalidQuery(f"unbalanced parenthesis in query: {text!r}")


class QueryableFields(qparser.FieldsPlugin):  # type: ignore[misc]
    """``field:value`` for the fields people search only; any other name is refused.

    Why: Whoosh searches every indexed field, internal ones included (``source:/tmp*``
    was a prefix oracle over server paths), and turns a name that is no field into
    words (``nofield:strike`` searched "nofield" and "strike"). A name counts as one
    only when a value follows it directly: "Update: strike" and "10:30" stay words.
    """

    def __init__(self, allowed: tuple[str, ...]) -> None:
        super().__init__()
        self.allowed = allowed

    def do_fieldnames(self, parser: Any, group: Any) -> Any:
        nodes = list(group)
        for node, following in pairwise(nodes):
            name = str(getattr(node, "fieldname", ""))
            if isinstance(node, syntax.FieldnameNode) and not following.is_ws() \
                    and name not in self.allowed and name != "*" and not name.isdigit():
                raise InvalidQuery(f"field {name!r} cannot be searched; a query may name "
                                   f"{', '.join(self.allowed)}")
        self._check_terms(nodes)
        return super().do_fieldnames(parser, group)

    def _check_terms(self, nodes: list[Any]) -> None:
        """A searchable field with nothing after it (``title:`` at the end of the query
        or of a group) is a mistake, not the word "title": Whoosh searched that word and
        did-you-mean offered "tide"."""
        for i, node in enumerate(nodes):
            name = str(getattr(node, "fieldname", ""))
            if not isinstance(node, syntax.FieldnameNode) or name not in self.allowed:
                continue
            if all(later.is_ws() for later in nodes[i + 1:]):
                raise InvalidQuery(f"field {name!r} has no term: write {name}:word or "
                                   f"{name}:\"a phrase\"; a query may name "
                                   f"{', '.join(self.allowed)}")


def check_costs(text: str, q: Any) -> None:
    """Refuse what no expansion cap can bound: a leading wildcard, a slop past the cap.

    Runs on the parsed query, before stop-word gaps widen a phrase's slop (that slop
    comes from the phrase itself, not from the caller).
    """
    for leaf in q.leaves() if not q.is_leaf() else [q]:
        kind = type(leaf)
        if kind is wq.Wildcard:
            check_wildcard(leaf.text)
        elif kind is wq.Prefix:
            check_wildcard(f"{leaf.text}*")
        elif kind is wq.Phrase:
            ranges = [r for r in leaf.char_ranges or [] if r[0] is not None]
            shown = text[ranges[0][0]:ranges[-1][1]] if ranges else " ".join(leaf.words)
            check_slop(leaf.slop, f'"{shown}"')


#: ``NOT word`` and, as in Elasticsearch's ``simple_query_string``, Typesense and most
#: search boxes, ``-word`` / ``-"a phrase"``: a minus opening a word excludes it. Whoosh
#: read ``-port`` as the word "port" (``strike -port`` found the documents with both). A
#: minus inside a word ("e-mail", "2019-20") or standing alone ("a - b") is no operator.
NOT_OPERATOR = r"(^|(?<=(\s|[()])))(NOT(?=\s)|-(?=[^\s\-]))"


def parse(text: str, schema: Any, fields: tuple[str, ...],
          view: View | None = None, operator: str = "and", near: bool = True) -> Any:
    """The query string as a Whoosh query; all words must match (AND) by default,
    any of them with ``operator="or"``.

    Besides words, phrases, AND/OR/NOT (``-word`` too) and ``field:value``, it takes prefixes
    (``elect*``) and fuzzy words (``brenan~``, ``brenan~2``). Given the ``view``,
    ``speaker:``/``outlet:``/``location:`` match what the facet filter of that
    value matches. Only :data:`QUERYABLE_FIELDS` may be named; fuzzy edits, phrase
    slop and wildcards are checked against ``query_limits`` here, and expansions
    are capped by :func:`.governor.govern`, which needs the index.
    """
    check_balanced(text)
    group = qparser.OrGroup if operator == "or" else qparser.AndGroup
    boosts = {"title": TITLE_QUERY_WEIGHT} if "title" in fields else {}
    parser = qparser.MultifieldParser(list(fields), schema, group=group, fieldboosts=boosts)
    allowed = QUERYABLE_FIELDS.get(fields, fields)
    parser.plugins = [QueryableFields(allowed) if isinstance(p, qparser.FieldsPlugin)
                      else qparser.OperatorsPlugin(Not=NOT_OPERATOR)
                      if isinstance(p, qparser.OperatorsPlugin) else p
                      for p in parser.plugins]
    parser.add_plugin(StemAwareFuzzy())
    try:
        q = count_repeats(parser.parse(text, normalize=False)).normalize()
    except NewsfacetError:
        raise
    except Exception as exc:  # whoosh raises assorted errors for odd syntax
        raise InvalidQuery(f"query does not parse: {exc}") from None
    check_costs(text, q)
    q = q.accept(lambda node: phrase_gaps(text, node))
    if operator == "or" and near:
        q = near_pairs(q, text, fields)
    return q.accept(lambda node: facet_term(view, node)) if view is not None else q


def governed_query(text: str, view: View, fields: tuple[str, ...],
                   operator: str) -> tuple[Any, Any]:
    """The query as parsed (for spelling corrections) and as governed (to run); both
    None for an empty query or ``*``, which match every document.

    An OR query whose neighbouring-word pairs (:func:`near_pairs`) would take it past
    ``MAX_POSTINGS`` runs without them: it finds the same documents, ranked by
    its words alone, rather than being refused.
    """
    if not text.strip() or text.strip() in MATCH_ALL:
        return None, None
    schema = view.searcher.schema
    parsed = parse(text, schema, fields, view, operator)
    governor = Governor(view, view.spend())
    governed = governor(parsed)
    if governor.over_postings and operator == "or":
        parsed = parse(text, schema, fields, view, operator, near=False)
        governor = Governor(view, view.spend())
        governed = governor(parsed)
    check_postings(governor.postings, view.spend())
    return parsed, governed


def near_pairs(q: Any, text: str, fields: tuple[str, ...]) -> Any:
    """An OR of plain words, plus each pair of neighbouring words as a near phrase.

    Why: with any word allowed to match, a document where "henry cabot lodge" stand
    together should beat one that has "henry" here and "lodge" there. The pairs only
    add to the score (a document need not contain them), as Solr's ``pf2`` does.
    """
    if PROXIMITY_BOOST <= 0 or type(q) is not wq.Or \
            or not all(type(sub) is wq.Term for sub in q.subqueries):
        return q
    words = [t.text for t in ANALYZER(text, mode="query") if not t.stopped]
    pairs = list(dict.fromkeys(pairwise(words)))
    if not pairs:
        return q
    near = [wq.Phrase(fieldname, list(pair), slop=PROXIMITY_SLOP, boost=PROXIMITY_BOOST)
            for pair in pairs if pair[0] != pair[1] for fieldname in fields]
    return wq.Or([*q.subqueries, *near], boost=q.boost)


def phrase_gaps(text: str, node: Any) -> Any:
    """A phrase whose stop words left gaps gets a slop that spans them.

    The index keeps a dropped stop word's position (so "energy crisis" does not
    match "energy and a crisis"), but the parser drops the stop words from the
    phrase, and Whoosh then wants the remaining words adjacent: "state of the
    union" found only "state union". Allowing the widest gap is a slight
    over-match ("state of a union" too), which is better than missing them all.
    """
    if type(node) is not wq.Phrase or node.slop != 1 or not node.char_ranges:
        return node
    start, end = node.char_ranges[0][0], node.char_ranges[-1][1]
    positions = [t.pos for t in ANALYZER(text[start:end], positions=True,
                                         mode="query")]
    if len(positions) != len(node.words):
        return node
    widest = max((b - a for a, b in pairwise(positions)), default=1)
    if widest <= 1:
        return node
    return wq.Phrase(node.fieldname, list(node.words), slop=widest, boost=node.boost,
                     char_ranges=node.char_ranges)


def facet_term(view: View, node: Any) -> Any:
    """A ``Term`` on a facet field as every indexed value the facet shows as that value.

    Facet fields index whole values as written in each document; the facet merges
    speaker names across documents ("Vermeulen" → "Joris Vermeulen"), so a field
    query asks for all the spellings the filter would accept.
    """
    if type(node) is not wq.Term or node.fieldname not in FACET_QUERY_FIELDS \
            or node.fieldname not in view.searcher.schema:
        return node
    fieldname = node.fieldname
    table = view.table
    key = f"field-values:{fieldname}"
    by_folded: dict[str, list[str]] | None = table.cache.get(key)
    if by_folded is None:
        by_folded = {}
        for raw in view.searcher.reader().lexicon(fieldname):
            value = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            for name in {fold(value), fold(table.shown(fieldname, value))}:
                by_folded.setdefault(name, []).append(value)
        table.cache[key] = by_folded
    text = node.text.decode("utf-8") if isinstance(node.text, bytes) else node.text
    values = by_folded.get(fold(table.shown(fieldname, text)), [])
    if not values:
        return node
    terms = [wq.Term(fieldname, value, boost=node.boost) for value in values]
    return terms[0] if len(terms) == 1 else wq.Or(terms)
