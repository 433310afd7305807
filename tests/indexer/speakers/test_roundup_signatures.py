"""Issue 18, ninth round: a roundup quotes a paragraph, then signs it on its own line
'Name, Outlet' (no dash). The first name there speaks; "Editorial Board, X" is nobody
of the people quoted before. Generated writers, outlets and quotes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

WRITERS = ["Dana Okafor", "Peter S. Lindqvist", "Lea Brandt", "Tomas Achterberg"]
OUTLETS = ["Washington Post", "The Guardian", "National Review", "Vox", "New York Times"]
QUOTES = ["This entente will not last long, however. Both sides want a deal.",
          "The problems we have faced stand as a testament to how hard it is.",
          "Four years hence, our interest starts to falter."]


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WRITERS), st.sampled_from(OUTLETS)),
                min_size=1, max_size=3, unique_by=lambda t: t[0]),
       st.sampled_from(QUOTES), st.booleans(), st.booleans())
def test_a_name_and_outlet_line_signs_the_quote_above_it(
    signed: list[tuple[str, str]], quote: str, coauthors: bool, board: bool
) -> None:
    paragraphs = ["Brexit", "From the Left"]
    expected: dict[str, list[str]] = {}
    for writer, outlet in signed:
        names = f"{writer}, Ann Moss, and Ed Quist" if coauthors else writer
        paragraphs += [f"“{quote}”", f"{names}, {outlet}"]
        expected.setdefault(writer, []).append(quote)
    if board:
        paragraphs += ["“It is crucial that senators act now to stop this war.”",
                       "Editorial Board, New York Times"]
    assert quotes_by_person("\n\n".join(paragraphs)) == expected


@settings(deadline=None)
@given(st.lists(st.sampled_from(WRITERS), min_size=2, max_size=3, unique=True),
       st.integers(min_value=2, max_value=3))
def test_a_signature_signs_the_block_of_quoted_paragraphs_above_it(
    writers: list[str], block: int
) -> None:
    paragraphs = ["From the Left"]
    expected: dict[str, list[str]] = {}
    for k, writer in enumerate(writers):
        quotes = [f"Point {k}.{j} is that the movement will lose." for j in range(block)]
        paragraphs += [f"“{q}”" for q in quotes] + [f"{writer}, The Week"]
        expected[writer] = quotes
    assert quotes_by_person("\n\n".join(paragraphs)) == expected
