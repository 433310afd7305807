"""Organisation sources (newsfacet.indexer.speakers.organisations)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import check_offsets, quotes_by_organisation

from newsfacet.indexer.speakers import extract_speakers


def test_named_organisation_source() -> None:
    text = (
        '"The cranes stay idle until Monday," Harbor Logistics said in a statement.\n\n'
        '"Inspections are complete," the Interior Ministry said.\n\n'
        '"We welcome the talks," said the Port Authority of Vell.'
    )
    speakers = extract_speakers(text)
    assert [s.kind for s in speakers] == ["organization"] * 3
    assert quotes_by_organisation(text) == {
        "Harbor Logistics": ["The cranes stay idle until Monday"],
        "Interior Ministry": ["Inspections are complete"],
        "Port Authority of Vell": ["We welcome the talks"],
    }
    assert speakers[1].aliases == ["the Interior Ministry"]


def test_generic_noun_resolves_to_the_named_organisation() -> None:
    text = (
        "The Tarn Valley Rail Company raised fares on Monday.\n\n"
        '"Costs have doubled," the company said.\n\n'
        '"We expect more delays," read the company press release.'
    )
    assert quotes_by_organisation(text) == {
        "Tarn Valley Rail Company": ["Costs have doubled", "We expect more delays"]
    }
    # With no named organisation of that kind, the head noun stands for it.
    assert quotes_by_organisation('"Fares will rise," the US-led coalition said.') == {
        "Coalition": ["Fares will rise"]
    }
    # Two ministries named: "the ministry" is not obviously either of them.
    two = (
        'The Finance Ministry and the Transport Ministry met.\n\n"No deal yet," the ministry said.'
    )
    assert quotes_by_organisation(two) == {"Ministry": ["No deal yet"]}


def test_it_said_continues_an_organisation() -> None:
    text = (
        '"The bridge is closed," the Ferrow Highway Agency said. '
        '"Repairs take a week," it added.\n\n'
        "The Ferrow Highway Agency press release also revealed that tolls would stay.\n\n"
        '"Drivers should use the ring road," it read.'
    )
    assert quotes_by_organisation(text) == {
        "Ferrow Highway Agency": [
            "The bridge is closed",
            "Repairs take a week",
            "Drivers should use the ring road",
        ]
    }
    # "it" with no organisation as source nearby is nobody.
    lone = 'The weather was mild.\n\n"Repairs take a week," it added.'
    assert extract_speakers(lone) == []


def test_document_sources_are_dropped() -> None:
    text = (
        '"Turnout fell," the report said.\n\n'
        '"Vote early," the ad says.\n\n'
        '"Talks failed," the statement said. "We tried," it added.'
    )
    assert extract_speakers(text) == []


def test_organisation_is_never_merged_into_a_person() -> None:
    text = (
        '"Wages must rise," said Ilse Brandt, head of the Dockworkers Union.\n\n'
        '"The strike goes on," the union said.\n\n'
        '"We will not move," Brandt said.'
    )
    speakers = extract_speakers(text)
    check_offsets(text, speakers)
    assert [(s.kind, s.name, [q.text for q in s.quotes]) for s in speakers] == [
        ("person", "Ilse Brandt", ["Wages must rise", "We will not move"]),
        ("organization", "Dockworkers Union", ["The strike goes on"]),
    ]
    people = [s for s in speakers if s.kind == "person"]
    assert len(people) == 1


def test_organisations_are_not_people() -> None:
    text = (
        '"The attack failed," the Pentagon said. "We are done," it added.\n\n'
        '"Yes," said the White House. "No," the coalition said.\n\n'
        '"Maybe," read the coalition press release.\n\n'
        '"Perhaps," officials said. "Certainly," a spokesperson said.\n\n'
        '"Later," the statement said.'
    )
    speakers = extract_speakers(text)
    assert [s for s in speakers if s.kind == "person"] == []
    assert [(s.name, len(s.quotes)) for s in speakers] == [
        ("Pentagon", 2),
        ("White House", 1),
        ("Coalition", 2),
    ]


def test_no_pronouns_or_generic_nouns_as_names() -> None:
    text = (
        '"It is fine," It said.\n\n"It is fine," said Coalition.\n\n'
        '"It is fine," He said.\n\n"Fine," said The Coalition.'
    )
    speakers = extract_speakers(text)
    assert [s for s in speakers if s.kind == "person"] == []
    # "Coalition" is an organisation; "It said" and "He said" with nothing before are nobody.
    assert [(s.kind, s.name, len(s.quotes)) for s in speakers] == [("organization", "Coalition", 2)]


def test_scare_quotes_are_not_speech() -> None:
    text = "Trump called it a “witch hunt” on Tuesday, the White House said."
    assert extract_speakers(text) == []


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["Institute", "Agency", "Council", "Foundation", "Commission"]),
    st.sampled_from(["Halvorsen", "Tarn Valley", "Northern"]),
    st.sampled_from(["for Earth Observation", "of Coastal Studies", "on Water Safety"]),
)
def test_the_head_noun_joins_a_name_that_runs_on_after_it(
    head: str, owner: str, rest: str
) -> None:
    # "the Halvorsen Institute for Earth Observation said" and later "according to the
    # institute": its head noun is "Institute", not the last word, "Observation".
    name = f"{owner} {head} {rest}"
    text = (
        f"The satellite resumed measurements on Thursday after a four-day break, the {name} "
        "said.\n\n"
        "Several coastal cities had begun using its data in trials to monitor floods, "
        f"according to the {head.lower()}."
    )
    assert list(quotes_by_organisation(text)) == [name]


def test_a_dateline_is_not_part_of_what_an_organisation_said() -> None:
    text = (
        "BERGEN, Norway (Northbound Wire) – The satellite resumed measurements on Thursday "
        "after a four-day break, the Halvorsen Institute said."
    )
    said = quotes_by_organisation(text)["Halvorsen Institute"]
    assert said == ["The satellite resumed measurements on Thursday after a four-day break"]
    # a capitalised word and a dash alone are no dateline: the sentence stays whole
    plain = (
        "NATO – the alliance – will meet the shipping firms next week, the Halvorsen "
        "Institute said."
    )
    assert quotes_by_organisation(plain)["Halvorsen Institute"] == [plain.split(", the")[0]]
