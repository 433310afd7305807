"""A person's mentions as one speaker (newsfacet.indexer.speakers.people)."""

from __future__ import annotations

from speaker_checks import only_person, quotes_by_speaker

from newsfacet.indexer.speakers import extract_speakers


def test_surname_merges_with_full_name() -> None:
    text = (
        '"First point," said Maj. Gen. John W. Brennan, Jr.\n\n'
        '"Second point," Brennan said.\n\n'
        '"Third point," said Maj Gen John W. Brennan, Jr.'
    )
    brennan = only_person(extract_speakers(text))
    assert brennan.name == "John W. Brennan Jr."
    assert brennan.title == "Maj. Gen."
    assert len(brennan.quotes) == 3
    assert {"Brennan", "Maj. Gen. John W. Brennan, Jr."} <= set(brennan.aliases)


def test_lone_surname_uses_full_name_from_text() -> None:
    text = "President Donald Trump arrived late.\n\n“The plan is dead,” Mr. Trump said."
    trump = only_person(extract_speakers(text))
    assert trump.name == "Donald Trump"
    assert trump.title == "President"
    assert trump.aliases == ["Mr. Trump"]


def test_lone_surname_speaking_after_a_quote_is_a_person() -> None:
    text = (
        "“We will appeal,” Varga said. He did not say when the appeal would be filed.\n\n"
        "“The verdict is wrong,” Varga said."
    )
    assert quotes_by_speaker(text) == {"Varga": ["We will appeal", "The verdict is wrong"]}


def test_lone_capitalised_word_without_person_context_is_dropped() -> None:
    text = "“Prices will rise,” Northwind said. It expects a loss this year."
    assert quotes_by_speaker(text) == {}


def test_junior_and_senior_stay_apart_when_both_appear() -> None:
    text = (
        '"We will win," said Donald Trump Jr.\n\n'
        '"He is a great son," said Donald Trump.\n\n'
        '"It was fun," Trump Jr. said.'
    )
    assert quotes_by_speaker(text) == {
        "Donald Trump Jr.": ["We will win", "It was fun"],
        "Donald Trump": ["He is a great son"],
    }
