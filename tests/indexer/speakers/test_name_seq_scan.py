"""The name pattern looks at a name's first character before anything else
(newsfacet.indexer.speakers.patterns.NAME_SEQ): it, and the patterns built on it, find what
the plain pattern finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.speakers.patterns import _NAME_RUN, NAME_SEQ, NAME_SEQ_RE, SUBJECT_END

_PLAIN = re.compile(_NAME_RUN)
_PLAIN_SUBJECT_END = re.compile(SUBJECT_END.pattern.replace(NAME_SEQ, _NAME_RUN))

#: Titles, initials, articles, particles, suffixes and lower-case words.
PIECES = ["Gen.", "Maj.", "Sen.", "Rep.", "Dr.", "Mr.", "Jr.", "St.", "U.S.", "W.", "al-Baghdadi",
          "bin", "ibn-Saud", "el-Sisi", "as-Sadr", "de", "van", "of the", "State", "John",
          "Smith", "Ébert", "said", "a", "e", "i", "b", "III", "Jr", ",", ".", "-", "'",
          "’s", "(D-Calif.)", "\n", "3", "cat", "zoo", "Éclair", "ĐorĐe"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map(" ".join), st.data())
def test_the_name_pattern_matches_as_the_plain_one(text: str, data: st.DataObject) -> None:
    assert [m.span() for m in NAME_SEQ_RE.finditer(text)] == [
        m.span() for m in _PLAIN.finditer(text)]
    pos = data.draw(st.integers(0, len(text)))
    left, right = NAME_SEQ_RE.match(text, pos), _PLAIN.match(text, pos)
    assert (left and left.span()) == (right and right.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join))
def test_a_pattern_built_on_it_searches_as_the_plain_one(text: str) -> None:
    left, right = SUBJECT_END.search(text), _PLAIN_SUBJECT_END.search(text)
    assert (left and (left.span(), left.groupdict())) == (
        right and (right.span(), right.groupdict()))
