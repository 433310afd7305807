"""extract() on generated text made of the pieces its rules look for: it never raises, and
every offset it gives points into the cleaned body it returns (a quote's at its own text).

Each round of rules adds code that runs on every document (cleaning, names, places); a
crash there would stop a whole indexing run. The pieces below are the shapes those rules
react to (quote marks, stops, titles, link cards, "Read more", districts, party tags,
townships), strung together at random so that they meet in orders no article shows.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.extract import extract
from newsfacet.schema.document import Article

PIECES = [
    '"', "“", "”", "'", "’", ".", "!", "?", ",", ":", ";", " ", " ", " ", "\n", "\n\n",
    " - ", " — ", "(", ")", "MORE", " MORE", "Read more", "Story Continued Below", "said",
    "he said", "she added", "writes", "told reporters", "Mr.", "Ms.", "Sen.", "Rep.",
    "President", "the president", "the speaker", "former", "Barack Obama", "Michelle Obama",
    "Obama", "Boone", "Virginia", "Given", "Joe Biden", "Biden Joseph Robinette BidenHouse",
    "R-Texas", "(D-Ohio)", "Southern District of Texas", "Congress", "Supreme Court",
    "Green Township, Ohio", "Newbury Park, Calif.", "Douro River", "Ilha Grande",
    "unincorporated DeKalb", "Google", "Puerto Rico", "San Juan", "Washington", "Paris",
    "Texas", "ERBIL (Kurdistan 24)", "BERGEN, Norway (Wire) –", "on Sunday", "March 3, 2019",
    "Dana Milbank, Washington Post", "added.\"They", "year.It", "A", "The", "x",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_extract_never_raises_and_its_offsets_point_into_the_body(pieces: list[str]) -> None:
    text = "".join(pieces)
    done = extract(Article(id="generated", body=text))
    body = done.body
    for speaker in done.speakers:
        assert speaker.name.strip(), speaker
        for quote in speaker.quotes:
            assert 0 <= quote.start <= quote.end <= len(body), quote
            assert body[quote.start : quote.end] == quote.text, quote
    for place in done.locations:
        assert place.name.strip(), place
        for span in place.mentions:
            assert 0 <= span.start < span.end <= len(body), span
