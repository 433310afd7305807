"""Attribution read from the clause around a quote (issue 18, fifth round): a lone surname
confirmed by any cue verb after the quote, and a sentence's subject behind fronted
phrases. Generated texts, so that no single phrasing is what passes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

from newsfacet.indexer.speakers.first_names import FIRST_NAMES

FIRST = ["Marta", "Joost", "Ingrid", "Tomas", "Renata", "Bas"]
LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
NAMES = st.builds("{} {}".format, st.sampled_from(FIRST), st.sampled_from(LAST))
QUOTES = [
    "We will not sign this deal",
    "Nobody asked the drivers what they think",
    "It is the best result in ten years",
]
#: Cue verbs of the extractor's list other than said/says/added/told/wrote.
CUE_VERBS = ["stated", "insisted", "continued", "argued", "tweeted", "warned", "explained",
             "replied", "countered"]
#: Phrases that may open a sentence before its subject, commas inside some of them.
FRONTED = [
    "Speaking at a town hall in Salem, New Hampshire",
    "In an interview on Sunday",
    "However",
    "On Tuesday, at a rally in Ohio",
    "Asked about the vote",
]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(LAST), st.sampled_from(CUE_VERBS), st.sampled_from(QUOTES),
       st.sampled_from(["He", "She"]))
def test_lone_surname_with_any_cue_verb_after_a_quote_is_a_person(
    surname: str, verb: str, quote: str, pronoun: str
) -> None:
    # '"…," Obama stated.' with no full name in the text: the cue verb right after the
    # quote, then "he"/"she", make the lone surname a person, whichever cue verb it is.
    text = f'The hearing ran late.\n"{quote}," {surname} {verb}. {pronoun} left early.'
    assert quotes_by_person(text) == {surname: [quote]}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["it", "the company"]), st.sampled_from(CUE_VERBS),
       st.sampled_from(QUOTES))
def test_lone_word_followed_by_it_is_no_person(pronoun: str, verb: str, quote: str) -> None:
    # An organisation speaks the same way: '"…," Northwind stated. It expects …'.
    text = (f'The hearing ran late.\n"{quote}," Northwind {verb}. '
            f"{pronoun.capitalize()} expects a ruling soon.")
    assert quotes_by_person(text) == {}


@settings(max_examples=50, deadline=None)
@given(NAMES, st.sampled_from(FRONTED), st.sampled_from(["calling", "describing"]),
       st.sampled_from(["a total failure", "the worst deal in years"]))
def test_participle_cue_takes_the_subject_after_fronted_phrases(
    name: str, fronted: str, participle: str, fragment: str
) -> None:
    # 'Speaking at a town hall in Salem, New Hampshire, Trump went after Bush, calling
    # him "a total stiff."': the fronted phrases are no subject; the name after them is.
    text = (f"{name} toured the state this week.\n"
            f'{fronted}, {name} went after the plan, {participle} it "{fragment}."')
    assert quotes_by_person(text) == {name: [fragment + "."]}


@settings(max_examples=40, deadline=None)
@given(NAMES, st.sampled_from(FRONTED), st.sampled_from(QUOTES))
def test_saying_takes_the_subject_after_fronted_phrases(
    name: str, fronted: str, quote: str
) -> None:
    text = (f"{name} toured the state this week.\n"
            f'{fronted}, {name} defended the plan, saying: "{quote}."')
    assert quotes_by_person(text) == {name: [quote + "."]}


@settings(max_examples=30, deadline=None)
@given(NAMES, st.sampled_from(FRONTED))
def test_fronted_phrase_with_no_person_after_it_names_nobody(name: str, fronted: str) -> None:
    # The subject after the fronted phrase must be a person: an organisation is none.
    text = (f"{name} toured the state this week.\n"
            f'{fronted}, the Pentagon defended the plan, calling it "a total failure."')
    assert name not in quotes_by_person(text)


#: Every first name of the extractor's list, "Jan" (a month) and "Virginia" (a state) too.
KNOWN_NAMES = st.builds("{} {}".format,
                        st.sampled_from(sorted(FIRST_NAMES)).map(str.title),
                        st.sampled_from(LAST))


@settings(max_examples=80, deadline=None)
@given(KNOWN_NAMES, st.sampled_from(QUOTES), st.sampled_from(["said", "wrote", "added"]),
       st.booleans(), st.sampled_from([".", ", a professor.", " on Tuesday."]))
def test_known_first_name_and_surname_at_a_speech_verb_is_a_person(
    name: str, quote: str, verb: str, inverted: bool, tail: str
) -> None:
    # '"…," said Virginia Verhoef.' / '"…," Jan Verhoef said.': a first name of the list,
    # then a capitalised surname, is a person wherever else the first name is a word of a
    # place or a date.
    clause = f"{verb} {name}{tail}" if inverted else f"{name} {verb}{tail}"
    text = f'The meeting ran late.\n"{quote}," {clause}'
    assert quotes_by_person(text) == {name: [quote]}


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Virginia", "Carolina"]),
       st.sampled_from(["Democrats", "Republicans", "Senate", "officials"]),
       st.sampled_from(QUOTES))
def test_a_place_first_name_before_a_listed_word_is_no_person(
    place: str, word: str, quote: str
) -> None:
    text = f'The meeting ran late.\n"{quote}," said {place} {word}.'
    assert quotes_by_person(text) == {}


@settings(max_examples=40, deadline=None)
@given(NAMES, st.sampled_from(["Describes Her Plan For The City", "Says No To The Deal",
                               "On Why The Vote Matters"]), st.sampled_from(QUOTES))
def test_a_headline_running_on_after_a_full_name_still_gives_it(
    name: str, headline: str, quote: str
) -> None:
    # 'Salma Hayek Described Her Experience …' as a heading, then 'Hayek confirmed it and
    # said, "…"': the capitals after the name are the heading's, and the lone surname
    # is the person the heading names in full.
    surname = name.split()[-1]
    text = (f"{name} {headline}.\n\n"
            f'{surname} confirmed it and said, "{quote}."')
    assert quotes_by_person(text) == {name: [quote + "."]}


@settings(max_examples=40, deadline=None)
@given(NAMES, st.sampled_from(QUOTES), st.sampled_from(["and", "but", "then"]),
       st.sampled_from(["when", "as", "before", "after"]))
def test_a_conjunction_after_a_quote_names_no_source(
    name: str, quote: str, conjunction: str, subordinator: str
) -> None:
    # '"What a Super Tuesday!" and said that …', '"We'll see," when asked …': the
    # conjunction before the verb is no organisation; the cue before the quote names the
    # speaker.
    text = (f"{name} spoke in Ohio.\n\n"
            f'{name} declared "{quote}!" {conjunction} said that the campaign would go on.\n\n'
            f'{name} had previously said, "{quote} again," {subordinator} asked about it.')
    assert quotes_by_person(text) == {name: [quote + "!", quote + " again"]}


#: First names that are also words of the stop list ("Will" a modal): the name rules read
#: them as the first name only before a surname.
WORD_FIRST_NAMES = ["Will"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(WORD_FIRST_NAMES), st.sampled_from(LAST), st.sampled_from(QUOTES),
       st.sampled_from(['"{q}," said {n}.', '"{q}," said {n}, a professor at the college.',
                        '"{q}," {n} said.', '{n}, a professor at the college, said: "{q}"']))
def test_a_first_name_that_is_also_a_modal_names_the_speaker(
    first: str, last: str, quote: str, shape: str
) -> None:
    # 'said Will Doyle, a professor …' was no speaker: "Will" was taken for the modal and
    # the lone "Doyle" left unconfirmed.
    name = f"{first} {last}"
    text = "The meeting ran late.\n" + shape.format(q=quote, n=name)
    assert quotes_by_person(text) == {name: [quote]}


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Democrats", "Republicans", "voters", "the Senate"]),
       st.sampled_from(QUOTES), st.sampled_from(LAST))
def test_will_opening_a_question_is_no_first_name(word: str, quote: str, last: str) -> None:
    text = f'Will {word} agree to it?\n\n"{quote}," said {last}, a professor.'
    assert "Will " + word not in quotes_by_person(text)


#: Lead-ins before a dash and a speaker label, as digests write them.
LEAD_INS = ["Pollsters agree", "POLLS WERE NOT WRONG, JUST EARLY", "Analysts disagree",
            "But the count held up", "Turnout was higher than expected"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(LEAD_INS), st.sampled_from([" - ", " – ", " — "]), NAMES,
       st.sampled_from(QUOTES))
def test_a_name_label_after_a_dash_names_the_speaker(
    lead: str, dash: str, name: str, quote: str
) -> None:
    # 'Pollsters agree - Carl Bialik: "…"': the name between the dash and the colon is a
    # label, nearer the quote than the lead-in's subject.
    text = f"The meeting ran late.\n\n{lead}{dash}{name}: “{quote}.” [Source.]"
    assert quotes_by_person(text) == {name: [quote + "."]}


#: When a sentence says a thing was said, between the subject and its verb.
TIMES = ["Thursday", "later Thursday", "on Tuesday", "late Monday", "earlier today",
         "last week", "this week", "early Sunday", "yesterday"]


@settings(max_examples=80, deadline=None)
@given(NAMES, st.sampled_from(TIMES), st.sampled_from(["told Fox News", "said", "wrote"]),
       st.sampled_from(QUOTES), st.booleans(), st.booleans())
def test_a_time_between_the_subject_and_its_verb_is_not_the_subject(
    name: str, time: str, verb: str, quote: str, before: bool, full: bool
) -> None:
    # 'Priebus later Thursday told Fox News: "…"' was given to "Thursday" (nobody); the
    # time said between a subject and its verb is no part of the subject.
    last = name.split()[-1]
    subject = name if full else last
    clause = (f'{subject} {time} {verb}: "{quote}."' if before
              else f'"{quote}," {subject} {time} {verb}.')
    text = f'{name} arrived late.\n\n{clause}'
    quote_text = quote + "." if before else quote
    assert quotes_by_person(text) == {name: [quote_text]}
