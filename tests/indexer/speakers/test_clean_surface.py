"""_clean_surface's shortcuts (a compiled possessive pattern, the suffix-comma substitution
only where there is a comma) give what the plain steps gave
(newsfacet.indexer.speakers.names)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsfacet.indexer.speakers.letters import PARENTHESES, WHITESPACE
from newsfacet.indexer.speakers.names import _SUFFIX_COMMA, _clean_surface


def plain(surface: str) -> str:
    s = WHITESPACE.sub(" ", surface.replace("\u00a0", " ")).strip()
    s = PARENTHESES.sub("", s)
    s = s.strip(" ,;:—–-")
    s = re.sub(r"['’]s$", "", s)
    return _SUFFIX_COMMA.sub(r" \1", s)


PIECES = st.sampled_from(["John", "Brennan", ",", ", ", " ", "\u00a0", "\n", "Jr.", "Sr", "III",
                          "'s", "’s", "(R-Texas)", "(", ")", "-", "—", ";", "s", "'"])


@given(st.lists(PIECES, max_size=12).map("".join))
def test_clean_surface_is_the_plain_steps(surface: str) -> None:
    assert _clean_surface(surface) == plain(surface)


def test_a_suffix_keeps_its_place() -> None:
    assert _clean_surface("Brennan, Jr.") == "Brennan Jr."
