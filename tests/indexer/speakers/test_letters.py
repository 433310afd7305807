"""The letter classes match exactly the letters they name, in every code point, with and
without ``re.IGNORECASE`` (they are written as ranges, which must not widen them)."""

from __future__ import annotations

import re
import string

import pytest

from newsfacet.indexer.speakers.letters import LETTERS, LOWER, UPPER

#: Every code point a str can hold (surrogates left out: they cannot be encoded).
EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
LATIN_EXTRA = [chr(c) for c in range(0xC0, 0x250) if chr(c).isalpha()]

EXPECTED = {
    "UPPER": set(string.ascii_uppercase) | {c for c in LATIN_EXTRA if c.isupper()},
    "LOWER": set(string.ascii_lowercase) | {c for c in LATIN_EXTRA if c.islower()},
    # capitals and lower case: letters without case ("ƻ") are not name letters
    "LETTERS": set(string.ascii_letters) | {c for c in LATIN_EXTRA if c.isupper() or c.islower()},
}
CLASSES = {"UPPER": UPPER, "LOWER": LOWER, "LETTERS": LETTERS}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_a_class_matches_exactly_its_letters(name: str) -> None:
    found = set(re.findall(f"[{CLASSES[name]}]", EVERY_CHARACTER))
    assert found == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_ignoring_case_a_class_matches_what_its_letters_match(name: str) -> None:
    listed = "".join(sorted(EXPECTED[name]))  # the letters one by one, as before ranges
    by_ranges = set(re.findall(f"[{CLASSES[name]}]", EVERY_CHARACTER, re.IGNORECASE))
    one_by_one = set(re.findall(f"[{re.escape(listed)}]", EVERY_CHARACTER, re.IGNORECASE))
    assert by_ranges == one_by_one


def test_capitals_and_lower_case_together_are_the_letters() -> None:
    assert set(re.findall(f"[{UPPER}{LOWER}]", EVERY_CHARACTER)) == EXPECTED["LETTERS"]
