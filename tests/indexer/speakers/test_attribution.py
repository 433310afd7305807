"""Where an attribution stands and whom it names (speakers.attribution, speakers.sources)."""

from __future__ import annotations

from speaker_checks import check_offsets, only_person, quotes_by_speaker

from newsfacet.indexer.speakers import extract_speakers


def test_quote_then_said_name_and_continuation() -> None:
    text = '"We will win," said Sen. Elizabeth Warren. "No doubt about it."'
    speakers = extract_speakers(text)
    check_offsets(text, speakers)
    warren = only_person(speakers)
    assert (warren.name, warren.title) == ("Elizabeth Warren", "Sen.")
    assert [q.text for q in warren.quotes] == ["We will win", "No doubt about it."]
    assert warren.quotes[0].cue == "said"


def test_quote_then_name_said_with_appositive() -> None:
    text = '"It is over," John Kirby, the Pentagon press secretary, told reporters on Tuesday.'
    kirby = only_person(extract_speakers(text))
    assert kirby.name == "John Kirby"
    assert kirby.role == "the Pentagon press secretary"
    assert kirby.quotes[0].cue == "told"


def test_role_words_before_name() -> None:
    text = '"It is over," said Pentagon spokesman John Kirby.'
    kirby = only_person(extract_speakers(text))
    assert kirby.name == "John Kirby"
    assert kirby.role == "Pentagon spokesman"


def test_name_said_colon_and_comma_before_quote() -> None:
    for text in (
        'Sen. Elizabeth Warren said: "We will win this fight."',
        'John Smith, a spokesman for the group, said, "This is not over."',
    ):
        speakers = extract_speakers(text)
        check_offsets(text, speakers)
        person = only_person(speakers)
        assert person.quotes[0].text in {"We will win this fight.", "This is not over."}
    text = 'John Smith, a spokesman for the group, said, "Not over."'
    smith = only_person(extract_speakers(text))
    assert smith.name == "John Smith" and smith.role == "a spokesman for the group"


def test_cue_earlier_in_the_sentence() -> None:
    text = "Mara Quill said her new plan would make the harbour “safe for every family.”"
    assert quotes_by_speaker(text) == {"Mara Quill": ["safe for every family."]}


def test_participle_cue_takes_the_sentence_subject() -> None:
    text = "Otto Brand went after his rival, calling him “a tired old man.”"
    assert quotes_by_speaker(text) == {"Otto Brand": ["a tired old man."]}


def test_attribution_closing_the_sentence_after_more_words() -> None:
    text = "“We are thrilled” about the vote, said Lena Marsh, who chairs the board."
    assert quotes_by_speaker(text) == {"Lena Marsh": ["We are thrilled"]}


def test_speaker_label_and_inverted_said() -> None:
    text = (
        'Carla Ostrow: "We will cut the fares."\n\n'
        'Said Ivo Brandt, "The fares are fine as they are."'
    )
    assert quotes_by_speaker(text) == {
        "Carla Ostrow": ["We will cut the fares."],
        "Ivo Brandt": ["The fares are fine as they are."],
    }


def test_descriptor_before_name_after_a_quote() -> None:
    text = '"The water is clean," retired chemist Hal Berger said.'
    assert quotes_by_speaker(text) == {"Hal Berger": ["The water is clean"]}
