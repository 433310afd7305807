"""A name right after a subordinator ('When Wallace died in 1998, President Clinton
released the following statement:', 'Like Corker, Menendez also rejected …, arguing
that …') is inside a fronted clause: the speaker is the subject after its comma.
Generated texts: the fronted name is a person named in full earlier."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
FIRST = ["Marta", "Susan", "Thomas", "Michael"]
QUOTE = "Nobody asked the drivers what they think"


def _owner(text: str) -> list[str]:
    by_person = quotes_by_person(text)
    return [who for who, quotes in by_person.items() if any(q.startswith(QUOTE) for q in quotes)]


@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from(["When {} resigned in 1998", "After {} spoke on Monday",
                                   "While {} waited outside", "Like {}", "Unlike {}"]))
def test_a_colon_introduction_after_a_fronted_clause(data: st.DataObject, clause: str) -> None:
    lasts = data.draw(st.permutations(LAST))
    other = f"{data.draw(st.sampled_from(FIRST))} {lasts[0]}"
    speaker = f"{data.draw(st.sampled_from(FIRST))} {lasts[1]}"
    text = (f"{other} arrived in the city on Monday.\n\n"
            f"{clause.format(lasts[0])}, {speaker} released the following statement:\n\n"
            f'"{QUOTE}."')
    assert _owner(text) == [speaker], quotes_by_person(text)


@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from(["Like", "Unlike"]),
       st.sampled_from(["arguing", "saying", "noting"]))
def test_a_participle_after_a_fronted_comparison(
    data: st.DataObject, like: str, part: str
) -> None:
    lasts = data.draw(st.permutations(LAST))
    other = f"{data.draw(st.sampled_from(FIRST))} {lasts[0]}"
    speaker = f"{data.draw(st.sampled_from(FIRST))} {lasts[1]}"
    text = (f"{other} arrived in the city on Monday. {speaker} came later.\n\n"
            f"{like} {lasts[0]}, {lasts[1]} also rejected the plan, {part} that "
            f'"{QUOTE}" in the port.')
    assert _owner(text) == [speaker], quotes_by_person(text)
