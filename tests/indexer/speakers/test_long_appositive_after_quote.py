"""Issue 18, ninth round: after a quote, a name with a long appositive of several commas
and a cue verb beyond "said" ('," Louis Woo, an assistant to Terry Gou, the chairman,
tells Reuters.'), or with a party tag and a state ('Rep. Mike Rogers (R) of Michigan,
the chairman of the panel, observed.'). Generated names, roles and verbs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

NAMES = ["Louis Woo", "Mike Rogers", "Ines Halvorsen", "Caleb Mbeki"]
ROLES = ["a high ranking assistant to Terry Gou, the company's chairman",
         "the chairman of the House Intelligence Committee, who has seen the report",
         "an adviser to the mayor, a post she has held since 2016"]
VERBS = ["tells Reuters", "observed", "warned", "writes", "told reporters"]
TAGS = ["", " (R) of Michigan", " (D-Ore.)", " (I) of Vermont"]


@settings(deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(ROLES), st.sampled_from(VERBS),
       st.sampled_from(TAGS), st.sampled_from(["", "Rep. "]))
def test_a_long_appositive_between_name_and_verb(
    name: str, role: str, verb: str, tag: str, title: str
) -> None:
    text = f'"In Wisconsin we are not building a factory," {title}{name}{tag}, {role}, {verb}.'
    assert quotes_by_person(text) == {name: ["In Wisconsin we are not building a factory"]}
