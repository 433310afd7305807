"""The quick tests in front of the chrome and caption patterns change no answer.

``is_chrome`` and ``is_caption`` skip a pattern when a line cannot match it (no caption
word, no breadcrumb separator, no "sensitive"); the old functions are kept here as the
oracle.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer import clean
from newsfacet.indexer.clean import CAPTION_LINE_MAX, is_caption, is_chrome


def old_is_chrome(line: str) -> bool:
    return bool(
        clean._CHROME.match(line) or clean._READ_MORE.match(line)
        or clean._BREADCRUMB.match(line) or (len(line) < 120 and clean._MENU.match(line))
    )


def old_is_caption(line: str) -> bool:
    return len(line) <= CAPTION_LINE_MAX and bool(clean._CAPTION.search(line))


FRAGMENTS = [
    "photo", "Photo", "PHOTO", "phOto", "photos", "image", "IMAGE", "pİcture", "pıcture",
    "PICTURE", "credit", "CREDİT", "video", "Video", "(AP ", "(File ", "(", ")", ":", ": ",
    " by ", "share", "ſhare", "Share this article", "share sensitive information only on "
    "official", "SHARE SENSITIVE INFORMATION ONLY ON OFFICIAL", "ſenſitive", "sensİtive",
    "Home", " > ", " : ", " » ", " › ", " / ", " | ", "World", "Europe", "menu", "search",
    "Menu   Search", "Skip to main content", "Copyright", "©", "Read more:", "subscribe",
    "  ", "|", "•", " ", "\t", ".", "!", "?", "a", "x", "word", "Getty", "Images",
]
lines = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=14).map("".join)


@settings(max_examples=800, deadline=None)
@given(lines)
def test_is_chrome_is_the_full_patterns(line: str) -> None:
    assert is_chrome(line) == old_is_chrome(line)


@settings(max_examples=800, deadline=None)
@given(lines)
def test_is_caption_is_the_full_pattern(line: str) -> None:
    assert is_caption(line) == old_is_caption(line)


def test_only_the_odd_cases_escape_lower() -> None:
    """Every character ``re.IGNORECASE`` takes for an ASCII letter is either lowered to it
    by ``str.lower`` or one of the characters the quick test hands to the pattern."""
    letters = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        if letters.fullmatch(char):
            lowered = char.lower()
            same = [c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(c, char, re.I)]
            assert all(lowered == c for c in same) or char in clean._ODD_CASES, char
