""""he said" and "she added" (newsfacet.indexer.speakers.coreference)."""

from __future__ import annotations

from speaker_checks import check_offsets, only_person, quotes_by_speaker

from newsfacet.indexer.speakers import extract_speakers


def test_pronoun_goes_to_previous_named_speaker() -> None:
    text = (
        '"We are ready," said Gov. Jane Doe.\n\n'
        "The storm is expected on Friday.\n\n"
        '"We have enough supplies," she added.'
    )
    speakers = extract_speakers(text)
    check_offsets(text, speakers)
    doe = only_person(speakers)
    assert doe.name == "Jane Doe"
    assert [q.cue for q in doe.quotes] == ["said", "she added"]
    assert "she" in doe.aliases


def test_pronoun_after_anonymous_source_is_not_reassigned() -> None:
    text = (
        '"We are ready," said Gov. Jane Doe.\n\n'
        '"We disagree," a senior official said. "Strongly," he added.'
    )
    doe = only_person(extract_speakers(text))
    assert [q.text for q in doe.quotes] == ["We are ready"]


def test_pronoun_skips_the_last_person_of_the_other_gender() -> None:
    text = (
        '"The budget is balanced," said Margaret Olsen.\n\n'
        '"I disagree with every line of it," said Peter Hald.\n\n'
        '"We counted twice," she said.'
    )
    assert quotes_by_speaker(text) == {
        "Margaret Olsen": ["The budget is balanced", "We counted twice"],
        "Peter Hald": ["I disagree with every line of it"],
    }


def test_pronoun_goes_to_an_unquoted_named_source() -> None:
    text = (
        '"Turnout was high," said Rosa Lind.\n\n'
        "Tomas Kerr said the count would take two days. "
        '"Nobody should expect a result tonight," he added.'
    )
    assert quotes_by_speaker(text)["Tomas Kerr"] == ["Nobody should expect a result tonight"]
