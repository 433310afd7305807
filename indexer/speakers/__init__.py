"""Who is quoted in an article: quote attribution and speaker name canonicalisation.

Rules first: news prose attributes speech in a handful of fixed shapes
(``"...," said NAME``, ``"...," NAME said``, ``NAME said: "..."``, ``"...," he added``,
``..., said NAME.``, ``according to NAME``, ``NAME, editor of X: "..."``, ``"..." ― NAME``),
and a speaker is named in full once and by surname afterwards. A quote no rule attributes
goes to the person a small logistic regression (:mod:`.learned`, trained by ``make
train``) scores highest among those named nearby, when it is confident enough. Everything
is regular expressions compiled at import time, small word lists and a dot product: about
1-3 ms for a 5,000-character article.

Offsets are character offsets into the text given to :func:`extract_speakers` (the
cleaned body), and always point at the quote *content*, without the quote marks.

The steps, one module each: :mod:`.sentences` (paragraphs and sentence bounds),
:mod:`.quotes` (quotes and unquoted reported speech), :mod:`.attribution` (where a
quote's attribution is) and :mod:`.sources` (whom it names), :mod:`.assignment` (one
pass in text order), :mod:`.people` (a person's mentions as one group),
:mod:`.coreference` ("he said", gender), :mod:`.organisations`, :mod:`.names`
(canonical names), :mod:`.mentions` (people named, with their sentence's cues) and
:mod:`.learned` (the model for quotes the rules leave to nobody). :mod:`.patterns` holds
the regular expressions they share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfacet.schema.document import Quote, Speaker

from .names import canonical_name, merge_names

if TYPE_CHECKING:
    from .model import Group

__all__ = ["canonical_name", "extract_speakers", "merge_names"]


def extract_speakers(text: str) -> list[Speaker]:
    """Find quotes in ``text`` (the cleaned article body) and who they are attributed to.

    Returns people (``kind="person"``) and organisations (``kind="organization"``: "the
    Pentagon said", "read the coalition press release", "it read" after either), sorted by
    their first quote. The two kinds are never merged. Anonymous sources ("an official
    said") and documents on their own ("the statement said") are recognised so that their
    quotes are not given to anyone.
    """
    if not text or not text.strip():
        return []
    # imported here, not at the top: the search side imports this package for
    # merge_names, and compiling the extraction's patterns costs a search process's
    # cold start ~0.2 CPU s
    from .assignment import Assignment
    from .people import Resolver
    from .quotes import find_statements
    from .sentences import paragraphs

    paras = paragraphs(text)
    statements = find_statements(text, paras)
    resolver = Resolver(text)
    Assignment(text, paras, resolver).run(statements)
    resolver.agree_family_names()
    speakers = [s for s in (_speaker(text, g) for g in resolver.groups) if s is not None]
    speakers.sort(key=lambda sp: sp.quotes[0].start)
    return speakers


def _quotes(text: str, group: Group) -> list[Quote]:
    """The group's quotes in text order, each span once (a "he said" can attach twice)."""
    seen: set[tuple[int, int]] = set()
    quotes: list[Quote] = []
    for it in sorted(group.items, key=lambda x: x.start):
        if (it.start, it.end) in seen:
            continue
        seen.add((it.start, it.end))
        quotes.append(Quote(text[it.start : it.end], it.start, it.end, it.cue))
    return quotes


def _speaker(text: str, group: Group) -> Speaker | None:
    """The speaker a group of mentions stands for; None when none of them was quoted."""
    quotes = _quotes(text, group)
    if not quotes:
        return None
    if group.kind == "organization":
        return Speaker(
            name=group.names[0][0],
            kind="organization",
            aliases=list(group.aliases),
            quotes=quotes,
        )
    from .people import best_name
    from .sources import role_in_text

    name, title = best_name(group)
    return Speaker(
        name=name,
        title=title,
        role=group.roles[0] if group.roles else role_in_text(text, name),
        kind="person",
        aliases=list(group.aliases),
        quotes=quotes,
    )
