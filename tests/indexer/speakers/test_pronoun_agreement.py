"""A "he said" or "she said" never goes to a person of the other gender: not to a named
source of the wrong gender, and not to the last person quoted either when no named source
fits. Generated texts: any first name of the extractor's lists, any surname, any cue."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

from newsfacet.indexer.speakers.first_names import FEMALE_NAMES, MALE_NAMES

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
WOMEN = st.builds("{} {}".format,
                  st.sampled_from(sorted(FEMALE_NAMES)).map(str.title),
                  st.sampled_from(LAST))
MEN = st.builds("{} {}".format,
                st.sampled_from(sorted(MALE_NAMES)).map(str.title),
                st.sampled_from(LAST))
QUOTES = ["We will not sign this deal", "Nobody asked the drivers what they think"]
LATER = ["It is the best result in ten years", "The budget is already spent"]
#: Sentences between the two quotes that name nobody.
BETWEEN = ["", "The vote is set for Friday. ", "Talks resumed in the afternoon. "]



@settings(max_examples=60, deadline=None)
@given(
    st.booleans(),
    WOMEN,
    MEN,
    st.sampled_from(QUOTES),
    st.sampled_from(LATER),
    st.sampled_from(BETWEEN),
    st.sampled_from(["said", "added", "told reporters"]),
)
def test_a_pronoun_does_not_fall_back_to_a_last_speaker_of_the_other_gender(
    woman_first: bool, woman: str, man: str, quote: str, later: str, between: str,
    cue: str,
) -> None:
    # '"...," said Marta Verhoef. ... "...," he said.': with no man named as a source, the
    # second quote is not hers (it was, as the last person quoted).
    speaker, pronoun = (woman, "he") if woman_first else (man, "she")
    text = (
        f'The council met on Monday.\n\n"{quote}," said {speaker}.\n\n'
        f'{between}"{later}," {pronoun} {cue}.'
    )
    quotes = quotes_by_person(text)
    assert quotes.get(speaker) == [quote]
    assert all(later not in said for said in quotes.values())


@settings(max_examples=40, deadline=None)
@given(st.booleans(), WOMEN, MEN, st.sampled_from(QUOTES), st.sampled_from(LATER))
def test_a_pronoun_still_takes_the_last_speaker_of_its_gender(
    woman_first: bool, woman: str, man: str, quote: str, later: str
) -> None:
    speaker, pronoun = (woman, "she") if woman_first else (man, "he")
    text = (
        f'The council met on Monday.\n\n"{quote}," said {speaker}.\n\n'
        f'The vote is set for Friday. "{later}," {pronoun} said.'
    )
    assert quotes_by_person(text).get(speaker) == [quote, later]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([("he", sorted(MALE_NAMES)), ("she", sorted(FEMALE_NAMES))]).flatmap(
           lambda p: st.tuples(st.just(p[0]), st.sampled_from(p[1]).map(str.title))),
       st.sampled_from(LAST), st.sampled_from(["Rep.", "Sen.", "Gov."]),
       st.sampled_from(["R-Wisc.", "D-N.Y.", "I-Vt.", "R", "D-Calif.", "R-New Mexico"]),
       st.sampled_from(["also addressed the controversy on Thursday",
                        "was not impressed", "later told reporters much the same"]))
def test_a_party_tag_after_a_sentence_subject_keeps_it_the_antecedent(
    pronoun_first: tuple[str, str], last: str, title: str, party: str, predicate: str
) -> None:
    # 'Rep. Sean Duffy (R-Wisc.) also addressed the controversy. "…," he said.': the
    # party tag between the name and its verb hid the subject, and "he" went to the
    # last man quoted before.
    pronoun, first = pronoun_first
    name = f"{first} {last}"
    other = "Donald Trump" if pronoun == "he" else "Hillary Clinton"
    text = (f'"We will win this state," {other} said.\n\n'
            f"{title} {name} ({party}) {predicate}. "
            f'"Nobody asked the drivers what they think," {pronoun} said.')
    assert quotes_by_person(text) == {other: ["We will win this state"],
                                      name: ["Nobody asked the drivers what they think"]}
