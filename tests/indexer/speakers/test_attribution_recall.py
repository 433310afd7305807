"""Quotes the rules found but gave to nobody (issue 18, sixth round, read on PolNeAR
train): a quoted fragment in a sentence whose subject stands behind fronted phrases or
an auxiliary. Generated texts, so that no single phrasing is what passes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

FIRST = ["Marta", "Joost", "Ingrid", "Tomas", "Renata", "Bas"]
LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
NAMES = st.builds("{} {}".format, st.sampled_from(FIRST), st.sampled_from(LAST))
FRAGMENTS = ["a work in progress", "deeply troubling", "the worst deal in years"]
#: Phrases that may open a sentence before its subject, commas inside some of them.
FRONTED = [
    "Speaking to reporters in Salem, New Hampshire, on Monday",
    "In the depths of the recession",
    "As the race turned to the South",
    "On Sunday, at a rally in Ohio",
]
#: Verbs no cue list holds, before the quoted fragment.
CLAUSES = [
    "{verb} the plan as", "{verb} the merger as", "{verb} that the vote was",
]
VERBS = ["described", "dismissed", "characterized", "decried"]


@settings(max_examples=60, deadline=None)
@given(NAMES, st.sampled_from(FRONTED), st.sampled_from(["", "has ", "had "]),
       st.sampled_from(["", "repeatedly ", "also "]), st.sampled_from(VERBS),
       st.sampled_from(CLAUSES), st.sampled_from(FRAGMENTS), st.booleans())
def test_fragment_takes_the_subject_behind_fronted_phrases_or_an_auxiliary(
    name: str, fronted: str, aux: str, adverb: str, verb: str, clause: str,
    fragment: str, lead: bool,
) -> None:
    # 'Speaking to MSNBC Monday, Bush referred to Rubio as "a bright leader"': whatever
    # the verb, the sentence's subject is the fragment's speaker, behind fronted phrases
    # and an auxiliary ('Clinton has increasingly decried "systemic racism"').
    opening = f"{fronted}, " if lead else ""
    text = (
        f"{name} spoke to supporters this week.\n\n"
        f"{opening}{name.split()[1]} {aux}{adverb}{clause.format(verb=verb)} "
        f"\u201c{fragment}\u201d and left the stage."
    )
    assert fragment in quotes_by_person(text).get(name, []), text


@settings(max_examples=40, deadline=None)
@given(NAMES, st.sampled_from(["declared in the spin room,", "told Congress:", "says it is",
                               "tweeted that the plan"]),
       st.sampled_from(FRAGMENTS), st.sampled_from(["", " (R-Utah)"]),
       st.sampled_from(["The mayor won an endorsement from {n}", "Contrast that with {n}"]))
def test_a_relative_who_speaks_for_the_name_before_it(
    name: str, clause: str, fragment: str, tag: str, opening: str
) -> None:
    # 'Cruz scored an endorsement from Mike Lee, who declared in the spin room, "..."':
    # the quote is Lee's, not an organisation's and not the sentence subject's.
    text = f"{opening.format(n=name + tag)}, who {clause} \u201c{fragment}.\u201d"
    assert quotes_by_person(text).get(name) == [fragment + "."], text


KNOWN_NAMES = st.builds("{} {}".format,
                        st.sampled_from(["Helen", "James", "Maria", "David", "Susan"]),
                        st.sampled_from(LAST))


@settings(max_examples=40, deadline=None)
@given(KNOWN_NAMES, st.sampled_from(["Maricopa County Recorder", "New York City Public Advocate",
                                     "State Board Chairman", "FBI General Counsel"]),
       st.sampled_from(["said", "wrote", "added"]), st.sampled_from(FRAGMENTS))
def test_capitalised_role_words_before_a_name_make_no_organisation(
    name: str, role: str, verb: str, quote: str
) -> None:
    # '"...," Maricopa County Recorder Helen Purcell said': the words before the known
    # first name are the person's role, not an organisation that spoke.
    text = f"\u201cThis is {quote},\u201d {role} {name} {verb}."
    assert quotes_by_person(text).get(name) == [f"This is {quote}"], text


@settings(max_examples=30, deadline=None)
@given(NAMES, st.sampled_from(["told the Post in a statement", "continues", "said"]),
       st.sampled_from(FRAGMENTS))
def test_a_no_break_space_after_a_name_is_a_space(name: str, clause: str, quote: str) -> None:
    # 'Trump\u00a0told the Washington Post, "..."': pasted text keeps no-break spaces.
    surname = name.split()[1]
    text = f"{name} spoke on Monday.\n\n{surname}\u00a0{clause}, \u201cIt is {quote}.\u201d"
    assert f"It is {quote}." in quotes_by_person(text).get(name, []), text


@settings(max_examples=40, deadline=None)
@given(NAMES, st.sampled_from(["Hours later", "Minutes later", "Continuing to explain his view",
                               "Informed of the result", "Amid the noise"]),
       st.sampled_from(["telling reporters", "saying", "adding"]), st.sampled_from(FRAGMENTS))
def test_a_lone_word_opening_a_fronted_phrase_is_not_the_subject(
    name: str, fronted: str, participle: str, quote: str
) -> None:
    # 'Hours later, Trump returned the compliment, telling Reuters, "..."': "Hours" is
    # never written after a first name, as a surname would be; the subject is Trump.
    surname = name.split()[1]
    text = (f"{name} met the donors on Friday.\n\n{fronted}, {surname} returned the "
            f"compliment, {participle}, \u201cIt was {quote}.\u201d")
    assert quotes_by_person(text).get(name) == [f"It was {quote}."], text


@settings(max_examples=60, deadline=None)
@given(NAMES, st.sampled_from(["{s}\u2019s campaign", "{n}'s office", "The {s} campaign",
                               "{s}\u2019s lawyers"]),
       st.sampled_from(["said the ruling was", "shrugged off the report, telling reporters,",
                        "slammed the lawsuit, calling it", "on Monday dismissed the claim as"]),
       st.sampled_from(FRAGMENTS))
def test_a_persons_campaign_or_office_is_not_the_person(
    name: str, body: str, clause: str, quote: str
) -> None:
    # 'Ryan's campaign shrugged off the comments, telling reporters, "..."': the campaign
    # spoke, not Ryan; the quote must not be credited to him.
    subject = body.format(s=name.split()[1], n=name)
    text = f"{name} spoke on Friday.\n\n{subject} {clause} \u201c{quote}\u201d on Monday."
    assert quote not in quotes_by_person(text).get(name, []), text


@settings(max_examples=30, deadline=None)
@given(NAMES, KNOWN_NAMES, st.sampled_from(FRAGMENTS))
def test_a_role_and_name_after_the_possessive_is_that_person(
    name: str, aide: str, quote: str
) -> None:
    # 'Trump's campaign manager Corey Lewandowski said ...': the manager speaks.
    text = (f"{name} spoke on Friday.\n\n{name.split()[1]}\u2019s campaign manager {aide} "
            f"said the speech was \u201c{quote}.\u201d")
    assert quotes_by_person(text).get(aide) == [quote + "."], text


#: Quotes that end without the comma before their attribution.
UNCOMMAED = [
    "For months we have had to stand by while leaks spread",
    "Dr. Carson invited both of us to his house today",
    "The idea is absurd and inhumane. No, Trump. -H",
]


@settings(max_examples=40, deadline=None)
@given(NAMES, st.sampled_from(UNCOMMAED),
       st.sampled_from(["said {n}.", "{n} responded.", "{n} tweeted, quoting a reporter.",
                        "said {n}, a campaign spokesman."]))
def test_a_quote_without_its_comma_before_the_attribution(
    name: str, quote: str, tail: str
) -> None:
    # '"For months we have ..." said Nick Merrill.': the comma left out of the quote does
    # not make the person after it anything but its speaker.
    text = f"The campaign answered on Monday.\n\n\u201c{quote}\u201d {tail.format(n=name)}"
    assert quotes_by_person(text).get(name) == [quote], text


@settings(max_examples=60, deadline=None)
@given(NAMES, NAMES, st.sampled_from(["with ", "\u2013 ", ", and "]),
       st.sampled_from(["calling it", "saying he was", "tweeting that it was",
                        "reportedly yelling:"]), st.sampled_from(FRAGMENTS))
def test_a_name_opening_an_absolute_clause_speaks_its_participle(
    subject: str, name: str, opener: str, clause: str, quote: str
) -> None:
    # 'Republicans were irritated, with Sen. John McCain calling it a "Chinese menu."':
    # the name before the participle speaks, not the sentence's subject.
    text = (f"{subject} and {name} met on Monday.\n\nRepublicans were irritated about the "
            f"plan{'' if opener.startswith(',') else ' '}{opener}{name} {clause} "
            f"\u201c{quote}.\u201d")
    assert quotes_by_person(text).get(name) == [quote + "."], text


@settings(max_examples=40, deadline=None)
@given(NAMES, NAMES, st.sampled_from(["a letter to", "an account of", "remarks by"]),
       st.sampled_from(FRAGMENTS))
def test_a_name_after_a_preposition_does_not_speak_its_participle(
    subject: str, name: str, phrase: str, quote: str
) -> None:
    # 'Stanton wrote a letter to Lynch asking the department to investigate the "fiasco"':
    # the participle belongs to the sentence, whose subject reports the words.
    if subject == name:
        return
    text = (f"{subject} and {name} met on Monday.\n\n{subject} wrote {phrase} {name} asking "
            f"the department to investigate the \u201c{quote}.\u201d")
    assert quote + "." not in quotes_by_person(text).get(name, []), text


@settings(max_examples=60, deadline=None)
@given(NAMES, st.sampled_from(["NBC's", "ABC\u2019s", "Fox News channel\u2019s", "MSNBC's",
                               "CNN\u2019s"]),
       st.sampled_from(["Meet the Press", "This Week With George Stephanopoulos",
                        "Morning Joe", "State of the Union", "The Lead"]),
       st.sampled_from(["said on", "told", "visited", "stated on Sunday's broadcast of"]),
       st.booleans())
def test_a_show_named_after_its_broadcasters_possessive_is_not_a_quote(
    name: str, owner: str, show: str, verb: str, after: bool
) -> None:
    # '"...," Perez said Sunday on NBC's "Meet the Press."': the title is no quote of his.
    text = (f"\u201cThe plan is a fraud,\u201d {name} {verb} {owner} \u201c{show}.\u201d"
            if after else f"{name} {verb} {owner} \u201c{show}\u201d that the plan was bad.")
    quotes = [q for qs in quotes_by_person(text).values() for q in qs]
    assert not any(show in q for q in quotes), text
