"""Attribution by the shape of the clause rather than by word lists: any verb between a
quote and its speaker, and descriptor phrases before a name. Generated texts, so that no
single phrasing is what passes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

from newsfacet.indexer.speakers import extract_speakers
from newsfacet.indexer.speakers.first_names import FIRST_NAMES

FIRST = ["Marta", "Joost", "Ingrid", "Tomas", "Aylin", "Kofi", "Renata", "Bas"]
LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
#: Full names, "Marta Verhoef": every test names its speaker so.
NAMES = st.builds("{} {}".format, st.sampled_from(FIRST), st.sampled_from(LAST))
#: Verbs no cue list of the extractor holds, in the past and the present tense.
VERBS = ["fumed", "barked", "beamed", "sniffed", "groaned", "gushed", "grumbles", "snorts"]
QUOTES = [
    "We will not sign this deal",
    "Nobody asked the drivers what they think",
    "It is the best result in ten years",
]



@settings(max_examples=40, deadline=None)
@given(
    NAMES,
    st.sampled_from(VERBS),
    st.sampled_from(QUOTES),
    st.booleans(),
    st.sampled_from([".", " on Tuesday.", " at the rally."]),
)
def test_any_verb_between_quote_and_speaker(
    name: str, verb: str, quote: str, inverted: bool, tail: str
) -> None:
    clause = f"{verb} {name}" if inverted else f"{name} {verb}"
    text = f'The meeting ran late.\n"{quote}," {clause}{tail} "We go home now."'
    assert quotes_by_person(text).get(name) == [quote, "We go home now."]


@settings(max_examples=25, deadline=None)
@given(NAMES, st.sampled_from(["Smit", "Kowalczyk"]),
       st.sampled_from(VERBS))
def test_a_fragment_inside_a_sentence_is_not_given_to_the_next_clause(
    name: str, other: str, verb: str
) -> None:
    # 'While X calls it a "terrific piece," Y fumed ...': the verb after the fragment is
    # the sentence's own clause, not an attribution of the fragment.
    text = (
        f'While {other} calls the plan a "terrific piece of work," {name} {verb} '
        "about the costs."
    )
    assert name not in quotes_by_person(text)


@settings(max_examples=40, deadline=None)
@given(
    NAMES,
    st.sampled_from(["former FBI agent", "CBS This Morning co-Anchor", "Texas delegate",
                     "former George W. Bush speechwriter", "longtime party activist"]),
    st.sampled_from(["said", "explained", "wrote"]),
    st.sampled_from(QUOTES),
)
def test_descriptor_phrase_before_the_name_after_a_quote(
    name: str, descriptor: str, verb: str, quote: str
) -> None:
    # Modifiers, capitalised or not, closed by a lower-case head noun: the name after
    # them is the subject, the phrase its description.
    text = f'The meeting ran late.\n"{quote}," {descriptor} {name} {verb}.'
    assert quotes_by_person(text).get(name) == [quote]


def test_a_pronoun_or_an_article_phrase_before_a_name_is_not_a_descriptor() -> None:
    text = (
        'Sources said she was "deeply involved in the talks," a point Marta Brandt also '
        "acknowledged to reporters."
    )
    assert "Marta Brandt" not in quotes_by_person(text)


@settings(max_examples=40, deadline=None)
@given(
    NAMES,
    st.sampled_from(["Virginia", "Clinton", "Concord", "Obama", "Texas"]),
    st.sampled_from(["delegate", "ally", "resident", "adviser", "spokesman", "speechwriter"]),
    st.sampled_from(QUOTES),
)
def test_modifier_and_role_noun_before_the_name_after_said(
    name: str, modifier: str, noun: str, quote: str
) -> None:
    # 'said Virginia delegate Beau Correll': the capitalised word modifies the role.
    text = f'The meeting ran late.\n"{quote}," said {modifier} {noun} {name}.'
    people = quotes_by_person(text)
    assert people.get(name) == [quote]
    assert modifier not in people


@settings(max_examples=30, deadline=None)
@given(NAMES,
       st.sampled_from(["during", "after", "aboard", "outside", "from"]),
       st.sampled_from(["Air Force One", "Fox News Sunday", "Trump Tower"]))
def test_a_preposition_and_a_name_after_the_speaker_keep_the_speaker(
    name: str, preposition: str, place: str
) -> None:
    text = f'{name} spoke on Monday. "We will win," said {name} {preposition} {place}.'
    assert quotes_by_person(text).get(name) == ["We will win"]


@settings(max_examples=40, deadline=None)
@given(
    NAMES,
    st.sampled_from(["{n} released the following statement:", "{n} echoed:",
                     "In a 1963 speech, {n} declared:", "Stated {n}:",
                     "{n} told the crowd, to loud applause:"]),
    st.sampled_from(QUOTES),
)
def test_block_quote_introduced_by_the_paragraph_before(
    name: str, intro: str, quote: str
) -> None:
    # The introduction closes its own paragraph with a colon; the quote is the next one.
    text = f"{name} arrived late.\n\n{intro.format(n=name)}\n\n“{quote}.”\n\nThe hall emptied."
    people = quotes_by_person(text)
    assert people.get(name) == [f"{quote}."]
    assert not any(p.startswith("Stated") for p in people)


def test_an_introduction_naming_no_person_gives_the_block_quote_to_nobody() -> None:
    text = (
        "Marta Verhoef arrived late.\n\nThe ministry's statement read:\n\n"
        "“Nobody asked the drivers what they think.”\n\nThe hall emptied."
    )
    assert "Marta Verhoef" not in quotes_by_person(text)


@settings(max_examples=30, deadline=None)
@given(NAMES, st.sampled_from(QUOTES),
       st.sampled_from(["- {n}.", "-{n}, tweeting after the vote.", "— {n}, Rotterdam"]))
def test_signature_on_the_line_after_a_quote(
    name: str, quote: str, signature: str
) -> None:
    # Fact checks and tweet round-ups sign a quote on the next line.
    text = f"The claims, checked.\n“{quote}.”\n{signature.format(n=name)}\nThe record shows it."
    assert quotes_by_person(text).get(name) == [f"{quote}."]


@settings(max_examples=30, deadline=None)
@given(NAMES, st.sampled_from(QUOTES),
       st.sampled_from(["undecided Republican voter", "longtime resident", "retired nurse"]),
       st.sampled_from(["Derry, N.H.", "Leiden", "Akron, Ohio"]))
def test_described_name_of_a_place_after_said(
    name: str, quote: str, descriptor: str, place: str
) -> None:
    # 'said undecided Republican voter Stephanie Hooton of Derry, N.H.'
    text = f'The barn filled up.\n"{quote}," said {descriptor} {name} of {place}, before the event.'
    assert quotes_by_person(text).get(name) == [quote]


#: A first name of the extractor's list, and a surname: a name that needs no title to be
#: a person's ("Gary Casteel"), unlike "Marta Verhoef".
KNOWN_NAMES = st.builds("{} {}".format,
                        st.sampled_from(sorted(FIRST_NAMES))
                        .map(str.title),
                        st.sampled_from(LAST))


@settings(max_examples=40, deadline=None)
@given(
    KNOWN_NAMES,
    st.sampled_from(["United Auto Workers Secretary-Treasurer", "Air Force 1st Lt.",
                     "Oversight ranking Democrat", "Republican party boss",
                     "Harbour Board Vice-Chair", "Army Sgt."]),
    st.sampled_from(QUOTES),
    st.sampled_from([".", " (D-Md.).", ", before the vote.", ". \"We go home now.\""]),
)
def test_capitalised_modifiers_then_the_name_closing_the_clause_after_said(
    name: str, modifiers: str, quote: str, tail: str
) -> None:
    # 'said United Auto Workers Secretary-Treasurer Gary Casteel.': an organisation's or a
    # rank's words before a person's name modify the person; they are not the speaker.
    text = f'The meeting ran late.\n"{quote}," said {modifiers} {name}{tail}'
    people = {s.name: s for s in extract_speakers(text)}
    assert people[name].kind == "person"
    assert people[name].quotes[0].text == quote
    assert not any(s.kind == "organization" for s in people.values())


@settings(max_examples=30, deadline=None)
@given(NAMES, st.sampled_from(["after", "during", "to", "with"]), st.sampled_from(QUOTES))
def test_a_name_after_a_preposition_is_not_the_speaker_after_said(
    name: str, preposition: str, quote: str
) -> None:
    # 'said Trump after Marta Verhoef spoke': the first name is the speaker; the second
    # belongs to the preposition's phrase.
    text = f'The meeting ran late.\n"{quote}," said Kowalczyk {preposition} {name} spoke.'
    assert name not in quotes_by_person(text)
