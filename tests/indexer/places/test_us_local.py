"""The whole-text search for signs of a US local paper finds a sign where the plain
pattern does (newsfacet.indexer.places.resolution._US_LOCAL, which opens with a class of
first characters and looks behind it for the word starts)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsfacet.indexer.places.resolution import _US_LOCAL

PLAIN = re.compile(
    r"\b\d{1,2}(?::\d\d)? [ap]\.m\.|\b\d{3}-\d{3}-\d{4}\b|\(\d{3}\) ?\d{3}-\d{4}"
    r"|\b\d{2,5} (?:[NSEW]\. )?[A-Z][a-z]+ (?:St|Ave|Blvd|Rd|Dr|Ln|Hwy)\.(?!\w)"
    r"|High School|\bSheriff")

PIECES = st.sampled_from([
    "7", "12", "3", "٣", "0", " p.m.", " a.m.", ":30", " ", "-", "(", ")", ".", "x", "_", "é",
    "903", "675", "8477", "903-675-8477", "(903) 675-8477", "1301 Lafayette Ave.", " N. ",
    "Main", " St.", " Hwy.", "High School", "High", " School", "Sheriff", "heriff", "S", "H",
    "\n",
])


@given(st.lists(PIECES, max_size=16))
def test_a_sign_is_found_where_the_plain_pattern_finds_one(pieces: list[str]) -> None:
    text = "".join(pieces)
    fast, plain = _US_LOCAL.search(text), PLAIN.search(text)
    assert (fast and fast.start()) == (plain and plain.start())


def test_signs() -> None:
    for text in ("at 7 p.m. today", "call 903-675-8477", "(903) 675-8477", "1301 Lafayette Ave.",
                 "Central High School", "the Sheriff said"):
        assert _US_LOCAL.search(text) is not None, text
    for text in ("a7 p.m.", "x903-675-8477", "1301 Lafayette Avenue", "HighSchool", "xSheriff"):
        assert _US_LOCAL.search(text) is None, text
