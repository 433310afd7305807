"""Quotes and reported speech found in the text (newsfacet.indexer.speakers.quotes)."""

from __future__ import annotations

import pytest
from speaker_checks import check_offsets, only_person, quotes_by_speaker

from newsfacet.indexer.speakers import extract_speakers


@pytest.mark.parametrize(
    "text",
    [
        '"Straight quotes work," said Anna Berg.',
        "“Curly quotes work,” said Anna Berg.",
        "“Curly quotes work,” Anna Berg said.",
        "Anna Berg said: “Curly quotes work.”",
    ],
)
def test_straight_and_curly_marks(text: str) -> None:
    speakers = extract_speakers(text)
    check_offsets(text, speakers)
    berg = only_person(speakers)
    assert berg.name == "Anna Berg"
    assert berg.quotes[0].text.endswith("work") or berg.quotes[0].text.endswith("work.")


def test_curly_single_quotes() -> None:
    text = "‘We are safe now, thank God,’ said Boris Johnson."
    johnson = only_person(extract_speakers(text))
    assert johnson.quotes[0].text == "We are safe now, thank God"


def test_multi_paragraph_quote() -> None:
    text = (
        '"This is the first paragraph of a long statement," said Dr. Anthony Fauci. '
        '"It goes on.\n\n'
        '"And this paragraph continues the same statement."\n\n'
        "An unrelated paragraph follows."
    )
    speakers = extract_speakers(text)
    check_offsets(text, speakers)
    fauci = only_person(speakers)
    assert [q.text for q in fauci.quotes] == [
        "This is the first paragraph of a long statement",
        "It goes on.",
        "And this paragraph continues the same statement.",
    ]


def test_multi_paragraph_quote_attributed_at_the_end() -> None:
    text = '"The first paragraph has no attribution.\n\n"The second does," said Dr. Ann Lee.'
    lee = only_person(extract_speakers(text))
    assert len(lee.quotes) == 2


def test_left_quote_mark_used_as_closing_mark() -> None:
    text = "“The line is too long,“ said Nadia Flores."
    assert quotes_by_speaker(text) == {"Nadia Flores": ["The line is too long"]}


def test_quoted_title_of_a_show_is_not_speech() -> None:
    text = "Ada Novak said she still watches the show “Harbour Lights” every week."
    assert quotes_by_speaker(text) == {}


def test_unquoted_reported_speech() -> None:
    text = "Prices will keep rising through the winter, said Dr. Maria Lopez, an economist."
    lopez = only_person(extract_speakers(text))
    assert (lopez.name, lopez.title, lopez.role) == ("Maria Lopez", "Dr.", "an economist")
    assert lopez.quotes[0].text == "Prices will keep rising through the winter"


def test_according_to() -> None:
    after = "The economy is growing faster than expected, according to Janet Yellen."
    before = "According to Janet Yellen, the economy is growing faster than expected."
    a = only_person(extract_speakers(after))
    b = only_person(extract_speakers(before))
    assert a.name == b.name == "Janet Yellen"
    assert a.quotes[0].text == "The economy is growing faster than expected"
    assert b.quotes[0].text == "the economy is growing faster than expected"
    assert a.quotes[0].cue == b.quotes[0].cue == "according to"
