"""The gold source span's person, as a reader names them: no appositive and no
capitalised modifier of a description, so that the people named there ("Clinton" in
"Huma Abedin, vice chairwoman for Clinton's campaign") never match a predicted speaker.
Generated: modifiers, role words, names, appositives, party tags, place objects."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evaluation"))

import metrics

NAMES = ["Huma Abedin", "Paul Manafort", "Brigid Harrison", "Lee Zeldin", "Joe Arpaio",
         "Katie Walsh", "Dan Golvach"]
OTHERS = ["Clinton", "Trump", "Cruz", "Obama", "Sanders"]
BEFORE = st.sampled_from(["", "{o} campaign chairman ", "{o} spokeswoman ",
                          "Montclair State University political scientist ",
                          "Maricopa County (Ariz.) Sheriff ", "Rep. ", "former {o} aide "])
AFTER = st.sampled_from(["", ", vice chairwoman for {o}’s campaign,", " of New York",
                         " (R-Fla.)", ", a {o} supporter", " — who backs {o} —"])


@given(st.sampled_from(NAMES), st.sampled_from(OTHERS), BEFORE, AFTER)
def test_the_source_name_is_the_person_not_the_description(
    name: str, other: str, before: str, after: str
) -> None:
    source = before.format(o=other) + name + after.format(o=other)
    found = metrics.source_name(source)
    assert metrics.names_match(name, found)
    assert not metrics.names_match(f"Hillary {other}", found)
