"""'Ryan and Trump will meet next week, Spicer said, adding, "…"': the participle belongs
to the person of the 'NAME said,' clause right before it, not to the sentence's subject.
Generated texts: the subject is a person named in full earlier, so it looks like a
speaker."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
FIRST = ["Marta", "Susan", "Thomas", "Michael"]


@settings(max_examples=80, deadline=None)
@given(st.data(), st.sampled_from(["said", "says", "told reporters", "added"]),
       st.sampled_from(["adding", "saying", "noting"]), st.sampled_from([", ", " that "]))
def test_the_participle_belongs_to_the_said_clause_before_it(
    data: st.DataObject, verb: str, part: str, joint: str
) -> None:
    lasts = data.draw(st.permutations(LAST))
    subject = f"{data.draw(st.sampled_from(FIRST))} {lasts[0]}"
    speaker = f"{data.draw(st.sampled_from(FIRST))} {lasts[1]}"
    quote = "They need to sit down and have a good talk"
    text = (f"{subject} arrived in the city on Monday.\n\n"
            f"{lasts[0]} and the mayor will meet next week, {lasts[1]} {verb}, {part}"
            f'{joint}"{quote}."\n\n{speaker} is the council\'s spokesman.')
    by_person = quotes_by_person(text)
    owners = [who for who, quotes in by_person.items()
              if any(q.startswith(quote) for q in quotes)]
    assert owners == [speaker], by_person
