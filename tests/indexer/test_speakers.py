"""Quote attribution and speaker canonicalisation (newsfacet.indexer.speakers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacet.indexer import speakers
from newsfacet.indexer.speakers import canonical_name, extract_speakers
from newsfacet.schema.document import Speaker

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip("needs ../shared/seeds")
    return path.read_text(encoding="utf-8")


def _only(speakers: list[Speaker]) -> Speaker:
    people = [s for s in speakers if s.kind == "person"]
    assert len(people) == 1, [s.name for s in people]
    return people[0]


def _check_offsets(text: str, speakers: list[Speaker]) -> None:
    for speaker in speakers:
        starts = [q.start for q in speaker.quotes]
        assert starts == sorted(starts)
        assert len(set(starts)) == len(starts)
        for quote in speaker.quotes:
            assert text[quote.start : quote.end] == quote.text
            assert quote.text and quote.text[0] not in '"“”' and quote.text[-1] not in '"“”'


# --------------------------------------------------------------------------- canonical_name


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Maj. Gen. John W. Brennan, Jr.", ("John W. Brennan Jr.", "Maj. Gen.")),
        ("Maj Gen John W. Brennan, Jr.", ("John W. Brennan Jr.", "Maj. Gen.")),
        ("Maj.  Gen.\u00a0John W Brennan Jr", ("John W. Brennan Jr.", "Maj. Gen.")),
        ("Sen. Elizabeth Warren", ("Elizabeth Warren", "Sen.")),
        ("Brennan", ("Brennan", None)),
        ("U.S. Army Maj. Gen. John Brennan", ("John Brennan", "Maj. Gen.")),
        ("Secretary of State Mike Pompeo", ("Mike Pompeo", "Secretary of State")),
        ("Vice President Mike Pence", ("Mike Pence", "Vice President")),
        ("Rep. Steve King", ("Steve King", "Rep.")),
        ("John Major", ("John Major", None)),
        ("Martin Luther King, Jr.", ("Martin Luther King Jr.", None)),
        ("Mr. Trump", ("Trump", "Mr.")),
        ("Rep. Adam Schiff (D-Calif.)", ("Adam Schiff", "Rep.")),
        ("Wisconsin Democrat Tom Barrett", ("Tom Barrett", None)),
        ("President-elect Donald Trump", ("Donald Trump", "President-elect")),
        (
            "Secretary of the Treasury Steven Mnuchin",
            ("Steven Mnuchin", "Secretary of the Treasury"),
        ),
    ],
)
def test_canonical_name(surface: str, expected: tuple[str, str | None]) -> None:
    assert canonical_name(surface) == expected


def test_canonical_name_is_document_independent() -> None:
    a = canonical_name("Maj. Gen. John W. Brennan, Jr.")
    b = canonical_name("Maj Gen John W. Brennan, Jr.")
    assert a == b == ("John W. Brennan Jr.", "Maj. Gen.")


# --------------------------------------------------------------------------- seeds


def test_seed_press_release() -> None:
    text = _seed("press-release.txt")
    speakers = extract_speakers(text)
    _check_offsets(text, speakers)
    brennan = _only(speakers)
    assert brennan.name == "John W. Brennan Jr."
    assert brennan.title == "Maj. Gen."
    assert brennan.role and brennan.role.startswith("commander")
    assert "Brennan" in brennan.aliases
    texts = [q.text for q in brennan.quotes]
    # The unquoted press-release sentence ending in ", said Maj. Gen. ...".
    assert texts[0] == "The groups responsible for this brazen attack are now ultimately weaker"
    assert any(t.startswith("In their desperate attempt") for t in texts)
    assert any(t.startswith("While Daesh remains a threat") for t in texts)
    assert any(t.startswith("The Coalition answered the call") for t in texts)
    # The opening "according to the Coalition" sentence is not his.
    assert not any(t.startswith("Daesh’s desperate attacks") for t in texts)


def test_seed_news_article() -> None:
    text = _seed("news-article.txt")
    speakers = extract_speakers(text)
    _check_offsets(text, speakers)
    brennan = _only(speakers)
    assert brennan.name == "John W. Brennan Jr."
    assert brennan.title == "Maj. Gen."
    assert "Combined Joint Task Force" in (brennan.role or "")
    texts = [q.text for q in brennan.quotes]
    for opening in (
        "The groups responsible for this brazen attack",  # said Maj Gen John W. Brennan, Jr.
        "In their desperate attempt",  # he added
        "Many Daesh detainees seized arms",  # said Brennan
        "While Daesh remains a threat",  # said Brennan
        "While it is militarily defeated",  # he added
    ):
        assert any(t.startswith(opening) for t in texts), opening
    # Quotes from the coalition press release ("read the ...", "it read") are not his.
    for org_quote in (
        "With the assistance of Coalition",
        "Coalition forces conducted",
        "ISIS detainees attempted to destroy",
    ):
        assert not any(t.startswith(org_quote) for t in texts), org_quote
    cues = {q.cue for q in brennan.quotes}
    assert "said" in cues and "he added" in cues


def test_seeds_agree_on_the_name() -> None:
    a = _only(extract_speakers(_seed("press-release.txt")))
    b = _only(extract_speakers(_seed("news-article.txt")))
    assert (a.name, a.title) == (b.name, b.title)


def test_seed_work_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work that keeps extraction near 1 ms a document, as counts (speed itself is
    printed by bench/extraction_speed.py): the whole-text scan for named sources runs once
    per document and only when a "he said" needs it, and canonical names are cached."""
    calls: list[str] = []
    scan = speakers._source_mentions

    def counted(text: str, paras: list[tuple[int, int]]) -> list[speakers._Mention]:
        calls.append(text)
        return scan(text, paras)

    monkeypatch.setattr(speakers, "_source_mentions", counted)
    article = _seed("news-article.txt")  # two "he added"
    release = _seed("press-release.txt")  # no pronoun cue
    extract_speakers(article)
    assert calls == [article]
    extract_speakers(release)
    assert calls == [article]
    before = speakers._canonical.cache_info()
    again = extract_speakers(article)
    after = speakers._canonical.cache_info()
    assert after.misses == before.misses and after.hits > before.hits
    assert again == extract_speakers(article)


# --------------------------------------------------------------------------- patterns


def test_quote_then_said_name_and_continuation() -> None:
    text = '"We will win," said Sen. Elizabeth Warren. "No doubt about it."'
    speakers = extract_speakers(text)
    _check_offsets(text, speakers)
    warren = _only(speakers)
    assert (warren.name, warren.title) == ("Elizabeth Warren", "Sen.")
    assert [q.text for q in warren.quotes] == ["We will win", "No doubt about it."]
    assert warren.quotes[0].cue == "said"


def test_quote_then_name_said_with_appositive() -> None:
    text = '"It is over," John Kirby, the Pentagon press secretary, told reporters on Tuesday.'
    kirby = _only(extract_speakers(text))
    assert kirby.name == "John Kirby"
    assert kirby.role == "the Pentagon press secretary"
    assert kirby.quotes[0].cue == "told"


def test_role_words_before_name() -> None:
    text = '"It is over," said Pentagon spokesman John Kirby.'
    kirby = _only(extract_speakers(text))
    assert kirby.name == "John Kirby"
    assert kirby.role == "Pentagon spokesman"


def test_name_said_colon_and_comma_before_quote() -> None:
    for text in (
        'Sen. Elizabeth Warren said: "We will win this fight."',
        'John Smith, a spokesman for the group, said, "This is not over."',
    ):
        speakers = extract_speakers(text)
        _check_offsets(text, speakers)
        person = _only(speakers)
        assert person.quotes[0].text in {"We will win this fight.", "This is not over."}
    smith = _only(extract_speakers('John Smith, a spokesman for the group, said, "Not over."'))
    assert smith.name == "John Smith" and smith.role == "a spokesman for the group"


def test_pronoun_goes_to_previous_named_speaker() -> None:
    text = (
        '"We are ready," said Gov. Jane Doe.\n\n'
        "The storm is expected on Friday.\n\n"
        '"We have enough supplies," she added.'
    )
    speakers = extract_speakers(text)
    _check_offsets(text, speakers)
    doe = _only(speakers)
    assert doe.name == "Jane Doe"
    assert [q.cue for q in doe.quotes] == ["said", "she added"]
    assert "she" in doe.aliases


def test_pronoun_after_anonymous_source_is_not_reassigned() -> None:
    text = (
        '"We are ready," said Gov. Jane Doe.\n\n'
        '"We disagree," a senior official said. "Strongly," he added.'
    )
    doe = _only(extract_speakers(text))
    assert [q.text for q in doe.quotes] == ["We are ready"]


def test_surname_merges_with_full_name() -> None:
    text = (
        '"First point," said Maj. Gen. John W. Brennan, Jr.\n\n'
        '"Second point," Brennan said.\n\n'
        '"Third point," said Maj Gen John W. Brennan, Jr.'
    )
    brennan = _only(extract_speakers(text))
    assert brennan.name == "John W. Brennan Jr."
    assert brennan.title == "Maj. Gen."
    assert len(brennan.quotes) == 3
    assert {"Brennan", "Maj. Gen. John W. Brennan, Jr."} <= set(brennan.aliases)


def test_lone_surname_uses_full_name_from_text() -> None:
    text = "President Donald Trump arrived late.\n\n“The plan is dead,” Mr. Trump said."
    trump = _only(extract_speakers(text))
    assert trump.name == "Donald Trump"
    assert trump.title == "President"
    assert trump.aliases == ["Mr. Trump"]


def test_according_to() -> None:
    after = "The economy is growing faster than expected, according to Janet Yellen."
    before = "According to Janet Yellen, the economy is growing faster than expected."
    a = _only(extract_speakers(after))
    b = _only(extract_speakers(before))
    assert a.name == b.name == "Janet Yellen"
    assert a.quotes[0].text == "The economy is growing faster than expected"
    assert b.quotes[0].text == "the economy is growing faster than expected"
    assert a.quotes[0].cue == b.quotes[0].cue == "according to"


def test_unquoted_reported_speech() -> None:
    text = "Prices will keep rising through the winter, said Dr. Maria Lopez, an economist."
    lopez = _only(extract_speakers(text))
    assert (lopez.name, lopez.title, lopez.role) == ("Maria Lopez", "Dr.", "an economist")
    assert lopez.quotes[0].text == "Prices will keep rising through the winter"


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
    _check_offsets(text, speakers)
    berg = _only(speakers)
    assert berg.name == "Anna Berg"
    assert berg.quotes[0].text.endswith("work") or berg.quotes[0].text.endswith("work.")


def test_curly_single_quotes() -> None:
    text = "‘We are safe now, thank God,’ said Boris Johnson."
    johnson = _only(extract_speakers(text))
    assert johnson.quotes[0].text == "We are safe now, thank God"


def test_multi_paragraph_quote() -> None:
    text = (
        '"This is the first paragraph of a long statement," said Dr. Anthony Fauci. '
        '"It goes on.\n\n'
        '"And this paragraph continues the same statement."\n\n'
        "An unrelated paragraph follows."
    )
    speakers = extract_speakers(text)
    _check_offsets(text, speakers)
    fauci = _only(speakers)
    assert [q.text for q in fauci.quotes] == [
        "This is the first paragraph of a long statement",
        "It goes on.",
        "And this paragraph continues the same statement.",
    ]


def test_multi_paragraph_quote_attributed_at_the_end() -> None:
    text = '"The first paragraph has no attribution.\n\n"The second does," said Dr. Ann Lee.'
    lee = _only(extract_speakers(text))
    assert len(lee.quotes) == 2


def _orgs(text: str) -> dict[str, list[str]]:
    speakers = extract_speakers(text)
    _check_offsets(text, speakers)
    return {s.name: [q.text for q in s.quotes] for s in speakers if s.kind == "organization"}


def test_named_organisation_source() -> None:
    text = (
        '"The cranes stay idle until Monday," Harbor Logistics said in a statement.\n\n'
        '"Inspections are complete," the Interior Ministry said.\n\n'
        '"We welcome the talks," said the Port Authority of Vell.'
    )
    speakers = extract_speakers(text)
    assert [s.kind for s in speakers] == ["organization"] * 3
    assert _orgs(text) == {
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
    assert _orgs(text) == {
        "Tarn Valley Rail Company": ["Costs have doubled", "We expect more delays"]
    }
    # With no named organisation of that kind, the head noun stands for it.
    assert _orgs('"Fares will rise," the US-led coalition said.') == {
        "Coalition": ["Fares will rise"]
    }
    # Two ministries named: "the ministry" is not obviously either of them.
    two = (
        'The Finance Ministry and the Transport Ministry met.\n\n"No deal yet," the ministry said.'
    )
    assert _orgs(two) == {"Ministry": ["No deal yet"]}


def test_it_said_continues_an_organisation() -> None:
    text = (
        '"The bridge is closed," the Ferrow Highway Agency said. '
        '"Repairs take a week," it added.\n\n'
        "The Ferrow Highway Agency press release also revealed that tolls would stay.\n\n"
        '"Drivers should use the ring road," it read.'
    )
    assert _orgs(text) == {
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
    _check_offsets(text, speakers)
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


def test_speakers_sorted_by_first_quote() -> None:
    text = '"One," said Anna Berg.\n\n"Two," said Carl Diaz.\n\n"Three," Berg said.'
    speakers = extract_speakers(text)
    assert [s.name for s in speakers] == ["Anna Berg", "Carl Diaz"]
    assert len(speakers[0].quotes) == 2


def test_empty_text() -> None:
    assert extract_speakers("") == []
    assert extract_speakers("No quotes here at all.") == []


@pytest.mark.parametrize(
    "text",
    [
        '"Yes, indeed," said Mr. Jr.',
        '"Yes, indeed," said Sen.',
        '"Unclosed quote, said Anna Berg',
        '""',
        '" , " said',
        '“”’‘"',
    ],
)
def test_degenerate_input_terminates(text: str) -> None:
    speakers = extract_speakers(text)
    _check_offsets(text, speakers)
    assert all(s.name.strip() for s in speakers)


# --------------------------------------------------------------------------- later rules


def _names(text: str) -> dict[str, list[str]]:
    speakers = extract_speakers(text)
    _check_offsets(text, speakers)
    return {s.name: [q.text for q in s.quotes] for s in speakers}


def test_cue_earlier_in_the_sentence() -> None:
    text = "Mara Quill said her new plan would make the harbour “safe for every family.”"
    assert _names(text) == {"Mara Quill": ["safe for every family."]}


def test_participle_cue_takes_the_sentence_subject() -> None:
    text = "Otto Brand went after his rival, calling him “a tired old man.”"
    assert _names(text) == {"Otto Brand": ["a tired old man."]}


def test_attribution_closing_the_sentence_after_more_words() -> None:
    text = "“We are thrilled” about the vote, said Lena Marsh, who chairs the board."
    assert _names(text) == {"Lena Marsh": ["We are thrilled"]}


def test_speaker_label_and_inverted_said() -> None:
    text = (
        'Carla Ostrow: "We will cut the fares."\n\n'
        'Said Ivo Brandt, "The fares are fine as they are."'
    )
    assert _names(text) == {
        "Carla Ostrow": ["We will cut the fares."],
        "Ivo Brandt": ["The fares are fine as they are."],
    }


def test_pronoun_skips_the_last_person_of_the_other_gender() -> None:
    text = (
        '"The budget is balanced," said Margaret Olsen.\n\n'
        '"I disagree with every line of it," said Peter Hald.\n\n'
        '"We counted twice," she said.'
    )
    assert _names(text) == {
        "Margaret Olsen": ["The budget is balanced", "We counted twice"],
        "Peter Hald": ["I disagree with every line of it"],
    }


def test_pronoun_goes_to_an_unquoted_named_source() -> None:
    text = (
        '"Turnout was high," said Rosa Lind.\n\n'
        "Tomas Kerr said the count would take two days. "
        '"Nobody should expect a result tonight," he added.'
    )
    assert _names(text)["Tomas Kerr"] == ["Nobody should expect a result tonight"]


def test_descriptor_before_name_after_a_quote() -> None:
    text = '"The water is clean," retired chemist Hal Berger said.'
    assert _names(text) == {"Hal Berger": ["The water is clean"]}


def test_left_quote_mark_used_as_closing_mark() -> None:
    text = "“The line is too long,“ said Nadia Flores."
    assert _names(text) == {"Nadia Flores": ["The line is too long"]}


def test_lone_surname_speaking_after_a_quote_is_a_person() -> None:
    text = (
        "“We will appeal,” Varga said. He did not say when the appeal would be filed.\n\n"
        "“The verdict is wrong,” Varga said."
    )
    assert _names(text) == {"Varga": ["We will appeal", "The verdict is wrong"]}


def test_lone_capitalised_word_without_person_context_is_dropped() -> None:
    text = "“Prices will rise,” Northwind said. It expects a loss this year."
    assert _names(text) == {}


def test_junior_and_senior_stay_apart_when_both_appear() -> None:
    text = (
        '"We will win," said Donald Trump Jr.\n\n'
        '"He is a great son," said Donald Trump.\n\n'
        '"It was fun," Trump Jr. said.'
    )
    assert _names(text) == {
        "Donald Trump Jr.": ["We will win", "It was fun"],
        "Donald Trump": ["He is a great son"],
    }


def test_quoted_title_of_a_show_is_not_speech() -> None:
    text = "Ada Novak said she still watches the show “Harbour Lights” every week."
    assert _names(text) == {}
