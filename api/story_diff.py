"""What a member of a story added or dropped compared with the story's origin.

A story (see ``newsfacet.indexer.stories``) groups documents that tell one story in
(nearly) the same words: wire copy republished by several outlets, a press release
rewritten into an article. ``GET /stories/<id>`` lists the members in time order and,
for each one, the paragraphs and quotes it has that the origin (the earliest document)
has not, and the reverse. This module computes that comparison from two
:class:`~newsfacet.schema.document.Extraction` records; pure Python, no index needed.

Copies are rarely verbatim: outlets change case and punctuation, swap a word ("today"
becomes "on Monday"), split a long paragraph or merge two short ones. So nothing here
compares paragraphs one to one. A paragraph counts as *shared* when most of its word
shingles reappear anywhere in the other document's whole text, and a quote when some quote
of the other document says (nearly) the same words, whoever it is attributed to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsfacet.indexer.stories import words
from newsfacet.schema.document import Extraction

#: Words per paragraph shingle. Three words survive a changed word or two in a paragraph
#: (only the shingles around the change are lost) while unrelated sentences on one topic
#: rarely share many 3-word runs.
SHINGLE_SIZE = 3
#: Share of a paragraph's shingles that must reappear in the other text for the paragraph
#: to count as shared: a light rewording keeps well over half, new writing keeps little.
PARAGRAPH_THRESHOLD = 0.5
#: Word overlap (over the shorter quote) at which two quotes count as the same quote: one
#: quote trimmed, extended or with a word changed ("became" / "become") stays above it.
QUOTE_OVERLAP = 0.6
#: Quotes shorter than this (in words) only match a quote with the same words: "No" or
#: "Thank you" occur inside many longer quotes that say something else.
MIN_QUOTE_WORDS = 3
#: The overlap rule needs this many distinct words in the shorter quote: in "We will see"
#: against "We will win this fight", two common words already make 0.67.
MIN_OVERLAP_WORDS = 6
#: Only quotes of people count; an organisation's "quotes" are mostly its press release
#: read back ("read the coalition press release"), i.e. paragraphs, compared as such.
PERSON = "person"

# The cleaner (``newsfacet.indexer.clean.clean_text``) joins paragraphs with a blank line.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class StoryQuote:
    """A quote and the name of the speaker it is attributed to."""

    speaker: str
    text: str


@dataclass
class StoryChanges:
    """What a member of a story has that its origin has not (added), and the reverse (dropped)."""

    added_paragraphs: list[str]
    dropped_paragraphs: list[str]
    added_quotes: list[StoryQuote]
    dropped_quotes: list[StoryQuote]


def compare(origin: Extraction, member: Extraction) -> StoryChanges:
    """Paragraphs and quotes ``member`` added to or dropped from ``origin``.

    Lists keep document order and the original text, so a page can show them as written.
    Comparing a document with itself gives four empty lists.
    """
    added, dropped = _unshared(paragraphs(origin.body), paragraphs(member.body))
    added_quotes, dropped_quotes = _compare_quotes(_quotes(origin), _quotes(member))
    return StoryChanges(
        added_paragraphs=added,
        dropped_paragraphs=dropped,
        added_quotes=added_quotes,
        dropped_quotes=dropped_quotes,
    )


def paragraphs(body: str) -> list[str]:
    """The body's paragraphs as the cleaner separates them (blank lines), without empty ones.

    A paragraph with no word at all ("* * *", "###") counts as empty: it carries no content
    to add or drop.
    """
    return [p.strip() for p in _PARAGRAPH_BREAK.split(body) if words(p)]


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    """Every run of :data:`SHINGLE_SIZE` consecutive words."""
    return {tuple(tokens[i:i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)}


def _unshared(origin: list[str], member: list[str]) -> tuple[list[str], list[str]]:
    """Member paragraphs missing from the origin, and origin paragraphs missing from the member.

    Each paragraph is checked against the other document's *whole* text, shingled as one
    run of words across paragraph breaks, not against its paragraphs one by one: a
    paragraph split in two, or two merged into one, still finds all its shingles there.
    """
    origin_words = [words(p) for p in origin]
    member_words = [words(p) for p in member]
    added = [
        text for text, tokens in zip(member, member_words, strict=True)
        if not _reappears(tokens, origin_words)
    ]
    dropped = [
        text for text, tokens in zip(origin, origin_words, strict=True)
        if not _reappears(tokens, member_words)
    ]
    return added, dropped


def _reappears(tokens: list[str], other: list[list[str]]) -> bool:
    """Whether a paragraph (as words) substantially reappears in the other document.

    A paragraph shorter than one shingle (a two-word subhead, a sign-off) has no shingle to
    compare, so it reappears only as a paragraph with the same words.
    """
    if len(tokens) < SHINGLE_SIZE:
        return any(tokens == paragraph for paragraph in other)
    own = _shingles(tokens)
    text = _shingles([word for paragraph in other for word in paragraph])
    return len(own & text) >= PARAGRAPH_THRESHOLD * len(own)


@dataclass(frozen=True)
class _Quote:
    speaker: str
    text: str
    start: int
    tokens: tuple[str, ...]


def _quotes(document: Extraction) -> list[_Quote]:
    """The document's quotes by people, in document order, each (speaker, text) once."""
    found = sorted(
        (
            _Quote(speaker.name, quote.text, quote.start, tuple(words(quote.text)))
            for speaker in document.speakers
            if speaker.kind == PERSON
            for quote in speaker.quotes
        ),
        key=lambda q: q.start,
    )
    seen: set[tuple[str, str]] = set()
    unique: list[_Quote] = []
    for quote in found:
        if quote.tokens and (quote.speaker, quote.text) not in seen:
            seen.add((quote.speaker, quote.text))
            unique.append(quote)
    return unique


def _compare_quotes(
    origin: list[_Quote], member: list[_Quote]
) -> tuple[list[StoryQuote], list[StoryQuote]]:
    """Member quotes no origin quote matches (added), and the reverse (dropped).

    The speaker is not compared: the same sentence is often attributed differently in a
    copy ("said Brennan" in one, "read the press release" in the other), and a quote
    repeated under another name is not new material.
    """
    added = [q for q in member if not any(_same_quote(q.tokens, o.tokens) for o in origin)]
    dropped = [q for q in origin if not any(_same_quote(q.tokens, m.tokens) for m in member)]
    return _public(added), _public(dropped)


def _same_quote(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same words, one quote inside the other, or enough words in common.

    Copies trim a long quote, split it in two or change a word, so equality alone would
    report most republished quotes as both added and dropped.
    """
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) < MIN_QUOTE_WORDS:
        return False
    if _contains(longer, shorter):
        return True
    vocabulary = set(shorter)
    if len(vocabulary) < MIN_OVERLAP_WORDS:
        return False
    return len(vocabulary & set(longer)) >= QUOTE_OVERLAP * len(vocabulary)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` occurs as a run of whole words in ``longer``."""
    size = len(shorter)
    return any(longer[i:i + size] == shorter for i in range(len(longer) - size + 1))


def _public(quotes: Iterable[_Quote]) -> list[StoryQuote]:
    return [StoryQuote(speaker=q.speaker, text=q.text) for q in quotes]
