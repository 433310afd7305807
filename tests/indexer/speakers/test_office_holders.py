"""Issue 18, ninth round: '"...," the president writes.' names the one person the text
titled President; with two such people, or none, the quote stays nobody's. Generated
offices, names, cue verbs and quotes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

OFFICES = [("President", "president"), ("House Speaker", "speaker"),
           ("Prime Minister", "prime minister"), ("Vice President", "vice president"),
           ("Secretary of State", "secretary of state")]
FIRST = ["Maren", "Tobias", "Ines", "Caleb"]
LAST = ["Halvorsen", "Achterberg", "Quist", "Delacroix"]
CUES = ["writes in the letter", "said", "told reporters", "added on Tuesday"]
QUOTES = ["I write this letter for the record", "You view the rules as your enemy!",
          "Nobody asked the drivers what they think"]


@settings(deadline=None)
@given(st.sampled_from(OFFICES), st.sampled_from(FIRST), st.sampled_from(LAST),
       st.sampled_from(CUES), st.sampled_from(QUOTES), st.booleans())
def test_the_office_names_its_one_titled_holder(
    office: tuple[str, str], first: str, last: str, cue: str, quote: str, capital: bool
) -> None:
    title, noun = office
    the = "The" if capital else "the"
    text = (f"{title} {first} {last} on Tuesday sent a six-page letter to Senator Ada Moss, "
            f"who leads the committee.\n\n"
            f'"{quote}," {the} {noun} {cue}.')
    assert quotes_by_person(text) == {f"{first} {last}": [quote.rstrip(",")]}


@settings(deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(LAST),
       st.sampled_from(QUOTES))
def test_two_holders_of_the_office_leave_the_quote_to_nobody(
    first: str, last: str, other: str, quote: str
) -> None:
    if last == other:
        return
    text = (f"President {first} {last} met President Lena {other} in Oslo on Monday.\n\n"
            f'"{quote}," the president said.')
    assert quotes_by_person(text) == {}


@settings(deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(LAST),
       st.sampled_from(QUOTES))
def test_a_former_president_is_not_the_president(
    first: str, last: str, other: str, quote: str
) -> None:
    if last == other:
        return
    text = (f"Former President {first} {last} criticised President Lena {other} on Monday."
            f'\n\n"{quote}," the president said.\n\n"We will see," the former president said.')
    assert quotes_by_person(text) == {f"Lena {other}": [quote], f"{first} {last}": ["We will see"]}


@settings(deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(LAST),
       st.sampled_from(["Guatemala's", "French", "Ukraine's"]), st.sampled_from(QUOTES))
def test_a_qualified_foreign_president_does_not_make_the_president_ambiguous(
    first: str, last: str, other: str, qualifier: str, quote: str
) -> None:
    if last == other:
        return
    text = (f"President {first} {last} met {qualifier} President Lena {other} on Monday.\n\n"
            f'"{quote}," the president writes.')
    assert quotes_by_person(text) == {f"{first} {last}": [quote]}
