"""A surname that is also a month ("Theresa May", "Brian May"): after a known first name or
a title it is a person's name, and a lone '"…," May said' is that person once the text
names them in full; a month in a date stays a month. Generated texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

MONTH = st.sampled_from(["May", "June", "April", "August"])
FIRST = st.sampled_from(["Theresa", "Susan", "Thomas", "Michael", "Laura"])
TITLE = st.sampled_from(["", "Prime Minister ", "Sen. ", "Dr. "])


@settings(max_examples=80, deadline=None)
@given(TITLE, FIRST, MONTH, st.sampled_from(['"{q}," {m} said.', '"{q}," said {m}.']))
def test_a_month_surname_after_its_full_name_is_the_person(
    title: str, first: str, month: str, shape: str
) -> None:
    text = (f"{title}{first} {month} met the press on Monday.\n\n"
            + shape.format(q="We will leave the union", m=month))
    assert quotes_by_person(text) == {f"{first} {month}": ["We will leave the union"]}


@settings(max_examples=40, deadline=None)
@given(MONTH)
def test_a_month_in_a_date_is_no_person(month: str) -> None:
    text = (f"The vote was held in {month}.\n\n"
            f'"We will leave the union," the company said in {month}.')
    assert quotes_by_person(text) == {}
