"""Page furniture that newspaper3k leaves *inside* a line, and paragraphs it glued.

:mod:`.clean` drops whole lines; two layouts need a line cut into pieces instead:

- The Hill's link cards: after a person's name the page holds a hover card, which the
  text extraction keeps inline: the full legal name glued to headlines of other
  stories, closed by "MORE" ("former Vice President Joe Biden Joseph Robinette
  BidenHouse Republicans voice concerns ... MORE, and Sen. ..."). Left in, a card
  breaks the sentence it sits in (a quote's attribution, a cue) and its names become
  people of the article ("Michelle LeVaughn Robinson Obama" took Barack Obama's quotes).
- Paragraphs glued without a break ('... Hoskins added."They blew ...', '... in
  November."Feinstein also ...'): the next paragraph's quote reads as the previous
  speaker's, or narrative between two quotes as a quote.

Both are found from a fixed marker (" MORE", a sentence end touching a capital), and
each search is bounded, so a long line costs linear time.
"""

from __future__ import annotations

import re

#: The card's opening: the displayed surname, one to five more words of the full name,
#: and the surname again glued to the first headline ("Biden Joe BidenHouse ...",
#: "Spano Vincent (Ross) Ross SpanoHouse ..."). Group ``name`` ends where the cut starts.
_CARD_OPENING = re.compile(
    r"\b(?P<name>(?P<surname>[A-Z][\w'’-]*[a-z]))(?: [A-Z(][\w.'’()-]*){1,5}? (?P=surname)"
    r"(?=[A-Z0-9\"'‘“$])"
)
#: The card's end: "MORE" as a word of its own, in capitals.
_CARD_END = " MORE"
#: How far before its "MORE" a card may open (three headlines are ~300 characters).
_CARD_REACH = 1200

#: A sentence end touching the next paragraph's first word: 'added."They',
#: 'November."Feinstein', 'races.”Tea', "proud of it.'\"And", 'last year.It'. The quote
#: mark may close the paragraph before or open the next one: :func:`paragraph_breaks`
#: decides which; it is tried only at stops :func:`_glued` finds.
_GLUED = re.compile(r"[.!?](?<=[a-z0-9)%][.!?])['’]?(?P<mark>[\"“”]?)(?=[A-Z])")


def _glued(line: str) -> list[re.Match[str]]:
    """:data:`_GLUED`'s matches in ``line``, in order: the pattern is tried only at stops
    that touch the next character, found with ``str.find`` (a ``re`` scan of every line
    cost more than the rest of cleaning)."""
    found: list[re.Match[str]] = []
    for stop in ".!?":
        at = line.find(stop)
        while at >= 0:
            if at + 1 < len(line) and not line[at + 1].isspace():
                m = _GLUED.match(line, at)
                if m is not None:
                    found.append(m)
            at = line.find(stop, at + 1)
    found.sort(key=lambda m: m.start())
    return found


def card_spans(line: str) -> list[tuple[int, int]]:
    """The (start, end) spans of The Hill's link cards in ``line``, to be cut out."""
    spans: list[tuple[int, int]] = []
    lo = 0
    at = line.find(_CARD_END)
    while at >= 0:
        end = at + len(_CARD_END)
        if end == len(line) or not line[end].isalnum():
            # each search stays between the previous "MORE" and this one: linear overall
            opening = _CARD_OPENING.search(line, max(lo, at - _CARD_REACH), at)
            if opening is not None:
                spans.append((opening.end("name"), end))
            lo = end
        at = line.find(_CARD_END, end)
    return spans


def paragraph_breaks(line: str) -> list[int]:
    """Offsets in ``line`` where a paragraph starts that the extraction glued on.

    A straight quote mark after the sentence end opens the next paragraph when the marks
    before it are paired (an even count) and closes the paragraph before otherwise.
    A bare full stop needs two lower-case letters before it ("U.S.Army" stays whole)
    and a word after it, not an initial.
    """
    breaks: list[int] = []
    straight = 0
    counted = 0
    for m in _glued(line):
        mark = m.group("mark")
        if not mark:
            before = line[m.start() - 2 : m.start()]
            if before.isalpha() and before.islower() and line[m.end() + 1 : m.end() + 2].islower():
                breaks.append(m.end())
            continue
        straight += line.count('"', counted, m.start("mark"))
        counted = m.start("mark")
        if mark == "“" or (mark == '"' and straight % 2 == 0):
            breaks.append(m.start("mark"))  # the mark opens the next paragraph
        else:
            breaks.append(m.end())  # the mark closes this one
    return breaks


def pieces(line: str) -> list[tuple[int, int, bool]]:
    """``line`` as (start, end, opens a paragraph) pieces: cards cut out, glued
    paragraphs apart. Most lines come back whole, as one piece."""
    cuts = card_spans(line) if _CARD_END in line else []
    breaks = paragraph_breaks(line)
    if not cuts and not breaks:
        return [(0, len(line), True)]
    out: list[tuple[int, int, bool]] = []
    start, new = 0, True
    for s, e in sorted([*cuts, *((b, b) for b in breaks)]):
        if s < start:  # a break inside a card already cut
            continue
        if s > start:
            out.append((start, s, new))
            new = False
        if s == e:
            new = True
        start = e
    if start < len(line):
        out.append((start, len(line), new))
    return out
