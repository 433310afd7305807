"""Pieces of ``extract`` that are checked on their own."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.extract import _name_spans
from newsfacet.schema.document import Speaker

letters = st.text(alphabet="aAbB .'-", max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbB .'-\n", max_size=80),
       st.lists(st.builds(Speaker, name=letters, kind=st.sampled_from(["person", "org"]),
                          aliases=st.lists(letters, max_size=2)), max_size=3))
def test_name_spans_are_every_non_overlapping_occurrence(text: str,
                                                         speakers: list[Speaker]) -> None:
    """What ``re.finditer`` of each name found, as before the regexes were dropped."""
    people = [s for s in speakers if s.kind == "person"]
    names = {part for s in people for part in [s.name, *s.aliases, s.name.split()[-1]]
             if len(part) > 2} if all(s.name.split() for s in people) else None
    if names is None:  # a blank name has no last word: extract never makes one
        return
    expected = sorted(m.span() for name in names for m in re.finditer(re.escape(name), text))
    assert sorted((s.start, s.end) for s in _name_spans(text, speakers)) == expected


def test_name_spans_find_repeats_and_aliases() -> None:
    brennan = Speaker("John Brennan", aliases=["Brennan", "Gen Brennan"])
    text = "John Brennan said. Brennan added; Gen Brennan left."
    spans = {(s.start, s.end) for s in _name_spans(text, [brennan])}
    assert (0, 12) in spans and (5, 12) in spans and (19, 26) in spans and (34, 45) in spans
