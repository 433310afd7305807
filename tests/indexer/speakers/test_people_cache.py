"""The resolver reads a surname's fuller mentions once per text and answers every later
question from that reading: asked in any order and at any offset, it answers as a fresh
resolver does. (A text quoting one person at hundreds of quotes re-read the whole text
at each before, which made a long text's extraction quadratic.)"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.speakers.people import Resolver

PIECES = ["John Smith said.", "Smith", "Mr. Smith", "Sen. Jane Smith", "Smithers",
          '"We will," Smith said.', "Ann Lee", "Lee", "the city of Smith", "\n\n", ", ", " "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25),
       st.lists(st.tuples(st.sampled_from(["Smith", "Lee", "Smithers", "Jones"]),
                          st.integers(min_value=0, max_value=400)), min_size=1, max_size=8))
def test_cached_answers_match_fresh_ones(pieces: list[str], asks: list[tuple[str, int]]) -> None:
    text = " ".join(pieces)
    shared = Resolver(text)
    for surname, before in asks:
        assert shared.full_form_in_text(surname, before) == Resolver(text).full_form_in_text(
            surname, before)


def test_nearest_full_name_before_the_offset_else_the_first() -> None:
    text = "Sen. Jane Smith spoke. Later John Smith said it. Smith added more."
    resolver = Resolver(text)
    assert resolver.full_form_in_text("Smith", text.index("Later"))[0] == "Jane Smith"
    assert resolver.full_form_in_text("Smith", len(text))[0] == "John Smith"
    assert resolver.full_form_in_text("Smith", 0)[0] == "Jane Smith"
    assert resolver.full_form_in_text("Jones", len(text)) is None
