"""The places scan's tokens: capitalised words and connectors, with their offsets.

Only these words can start or continue a place name, so the scan visits nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .words import CONNECTORS

TOKEN = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?")
JOINERS = "-'’."
_UPPER = "".join(sorted({re.escape(ch) for ch in map(chr, range(0x10000)) if ch.isupper()}))
_CONNECTORS = sorted(CONNECTORS, key=len, reverse=True)
_INITIALS = "".join(sorted({c[0] for c in _CONNECTORS}))  # lower case: none is in _UPPER
#: The words of :data:`TOKEN` that a place can start or continue: those opening with a
#: capital, and connectors, where a word may start: not after a letter, nor after a
#: letter and a joiner (which would have continued that word). The pattern opens with
#: the class of every possible first character, so ``finditer`` skips to the next
#: candidate in C instead of trying the whole pattern at every character; the word-start
#: tests therefore look behind that first character (the "." is it), a capital is a first
#: character that no connector has, and each connector checks its own first letter
#: behind it.
_WANTED = re.compile(
    "[" + _UPPER + _INITIALS + "]"
    r"(?<![^\W\d_].)(?<![^\W\d_][-'’.].)"
    "(?:(?<![" + _INITIALS + r"])[^\W\d_]*(?:[-'’.][^\W\d_]+)*\.?"
    "|(?:" + "|".join(f"(?<={c[0]}){c[1:]}" for c in _CONNECTORS)
    + r")(?![^\W\d_]|[-'’][^\W\d_]|\.))"
)

_POSSESSIVE = re.compile(r"['’]s?$")



@dataclass(slots=True)
class Token:
    """A word of the text, with the facts the rules ask about."""

    start: int
    end: int
    text: str
    upper_initial: bool
    all_caps: bool


def tokenize(text: str) -> list[Token]:
    """Capitalised words and connectors with offsets.

    Plain lower-case words never start or continue a place name, so they get no token
    (a gap between tokens then reads as "not adjacent"), and the scan never visits them:
    :data:`_WANTED` finds exactly the words of :data:`TOKEN` that start with a capital
    or are connectors. Trailing full stops and possessives are not part of a word.
    """
    tokens: list[Token] = []
    append = tokens.append
    for m in _WANTED.finditer(text):
        word = m.group()
        start, end = m.span()
        if not word[0].isupper():
            append(Token(start, end, word, False, False))
            continue
        if word[-1] == "." and len(word) > 3 and "." not in word[:-1]:
            end -= 1  # sentence full stop, not an abbreviation ("Syria." vs "St.")
            word = word[:-1]
        if "'" in word or "’" in word:
            poss = _POSSESSIVE.search(word)
            if poss and poss.start() > 0:
                end -= len(poss.group())
                word = word[: poss.start()]
        append(Token(start, end, word, True, len(word) > 1 and word.isupper()))
    return tokens


def is_letter(ch: str) -> bool:
    return ch.isalpha()
