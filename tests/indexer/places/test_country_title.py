"""country_title finds what the plain search finds (newsfacet.indexer.places.candidates):
its cheap test of the last word before the name must never skip a title."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfacet.indexer.places.candidates import _COUNTRY_TITLE, _TITLE_NAMES, country_title

WORDS = [*_TITLE_NAMES, "Republic of the", "Kingdom of", "Grand Duchy\nof", "State", "of",
         "the", "The", "off", "Arabs", "x", "Korea", ",", "'"]
#: A word and what follows it: names start after a piece.
PIECES = st.tuples(st.sampled_from(WORDS),
                   st.sampled_from(["", " ", "  ", "\n", "\u00a0", "\t"])).map("".join)


@given(st.lists(PIECES, max_size=20), st.data())
def test_country_title_is_the_plain_search(pieces: list[str], data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(pieces)))
    text = "".join(pieces[:cut]) + "Korea" + "".join(pieces[cut:])
    start = len("".join(pieces[:cut]))
    plain = _COUNTRY_TITLE.search(text, max(0, start - 60), start)
    found = country_title(text, start)
    assert (found and (found.span(), found.group())) == (plain and (plain.span(), plain.group()))


def test_a_title_is_found() -> None:
    text = "the Democratic People's Republic of Korea"
    found = country_title(text, text.index("Korea"))
    assert found is not None and found.group() == "Democratic People's Republic of "
