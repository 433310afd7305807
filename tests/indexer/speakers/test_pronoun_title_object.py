"""Issue 18, ninth round: a titled name inside a sentence ('... to re-elect Mr. Cruz next
month') does not open a sentence after its title's period, so a following "he said"
goes to the sentence's subject, not to the object. A title opening the sentence, or
after "by" (the agent of a passive), still names the subject. Generated names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

MEN = ["Thomas", "David", "Robert", "Michael"]
LAST = ["Okafor", "Lindqvist", "Brandt", "Castellanos", "Verhoef"]
TITLES = ["Mr.", "Sen.", "Gov.", "Dr.", "Rep."]
VERBS = ["told voters to re-elect", "told the crowd to back", "said voters should re-elect"]


@settings(deadline=None)
@given(st.sampled_from(MEN), st.sampled_from(LAST), st.sampled_from(TITLES),
       st.sampled_from(MEN), st.sampled_from(LAST), st.sampled_from(VERBS))
def test_he_after_a_titled_object_is_the_subject(
    first: str, last: str, title: str, other_first: str, other: str, verb: str
) -> None:
    if other == last:
        return
    text = (f"At a rally in Houston, {first} {last} {verb} {title} {other_first} {other} "
            f"next month, saying the majority was fragile.\n\n"
            f'"Together, we are defending your freedom," he told the crowd.')
    quotes = quotes_by_person(text)
    said = "Together, we are defending your freedom"
    assert said in quotes.get(f"{first} {last}", [])
    assert not any(said in q for name, qs in quotes.items() if other in name for q in qs)


@settings(deadline=None)
@given(st.sampled_from(["Maria", "Susan", "Linda"]), st.sampled_from(LAST),
       st.sampled_from(["Sen.", "Rep.", "Gov."]))
def test_she_after_a_titled_agent_of_a_passive_is_the_agent(
    first: str, last: str, title: str
) -> None:
    text = (f"The plan was supported Friday by {title} {first} {last} of Ohio, the ranking "
            f"member of the panel, who said none of it was new.\n\n"
            f'"It has never made sense to me," she said in a statement.')
    assert quotes_by_person(text) == {f"{first} {last}": ["It has never made sense to me"]}


@settings(deadline=None)
@given(st.sampled_from(MEN), st.sampled_from(LAST),
       st.sampled_from(["The Rev.", "Wisconsin Gov.", "Texas Republican Sen."]),
       st.sampled_from(["he says", "he said"]))
def test_a_title_heading_the_subject_still_opens_it(
    first: str, last: str, title: str, cue: str
) -> None:
    """A title after "the" or capitalised modifiers heads the sentence's subject ('The Rev.
    Jeremy Rutledge, pastor of ..., flew back'): the "he" below points to the name."""
    text = (f"But it was also a community unified. {title} {first} {last}, pastor of the "
            "church a few blocks away, flew back for the vigil.\n\n"
            "What he found back home was more than despair.\n\n"
            f'"I cannot tell you how many people were asking what to do," {cue}.')
    assert quotes_by_person(text) == {
        f"{first} {last}": ["I cannot tell you how many people were asking what to do"]}


@settings(deadline=None)
@given(st.sampled_from(MEN), st.sampled_from(LAST), st.sampled_from(LAST))
def test_a_title_after_a_comma_and_opens_a_clause(first: str, last: str, other: str) -> None:
    """', and Mr. Storey had identified the culprit': a clause's subject after ", and"."""
    if other == last:
        return
    text = (f"{first} {last} was in a pique. Hurricane {other} was about to hit Texas, and "
            f"Mr. {last} had identified the culprit. \"This kind of feels like Karma,\" he "
            "tapped out on Twitter.")
    assert quotes_by_person(text) == {f"{first} {last}": ["This kind of feels like Karma"]}


@settings(deadline=None)
@given(st.sampled_from(MEN), st.sampled_from(LAST), st.sampled_from(["Sen.", "Gov.", "Rep."]))
def test_a_title_after_an_appositive_comma_heads_the_subject(
    first: str, last: str, title: str
) -> None:
    """'Another pro-gun Democrat, Sen. Mark Warner of Virginia, who ..., has called ...'."""
    text = ('"We will see how it plays," said Alex Conant, a strategist.\n\n'
            f"Update at noon.\n\nAnother pro-gun Democrat, {title} {first} {last} of Virginia, "
            "who touts his rating, has called the shooting a game changer.\n\n"
            '"I believe every American has rights," he told a station in Richmond.')
    quotes = quotes_by_person(text)
    assert quotes.get(f"{first} {last}") == ["I believe every American has rights"]
