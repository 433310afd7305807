"""The shortcuts that keep a long text's speaker extraction linear answer what the plain
reading would: a group's gender read incrementally, and the names near a quote found by
bisection (newsfacet.indexer.speakers.gender, .mentions)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfacet.indexer.speakers.gender import gender_of, group_gender
from newsfacet.indexer.speakers.mentions import PersonMentions
from newsfacet.indexer.speakers.model import Group

NAMES = st.tuples(
    st.sampled_from(["Harriet Boone", "Tom Boone", "Boone", "Alex Boone", "Kim Boone"]),
    st.sampled_from([None, "Mr.", "Ms.", "Sen.", "Dr."]),
)
ALIASES = st.sampled_from(["Boone", "Mr. Boone", "Mrs. Boone", "Sen. Boone", "she", "he"])


def _from_scratch(group: Group) -> str:
    found = {gender_of(n, t) for n, t in group.names} | {
        gender_of("", a.split()[0]) for a in group.aliases if " " in a}
    found.discard("")
    return found.pop() if len(found) == 1 else ""


@given(st.lists(st.tuples(st.lists(NAMES, max_size=3), st.lists(ALIASES, max_size=2)),
                max_size=12))
def test_a_groups_gender_read_as_it_grows_is_its_gender_read_whole(
        steps: list[tuple[list[tuple[str, str | None]], list[str]]]) -> None:
    group = Group(("boone", ""))
    for names, aliases in steps:
        group.names.extend(names)
        group.aliases.extend(aliases)
        assert group_gender(group) == _from_scratch(group)


SENTENCES = st.sampled_from([
    "Harriet Boone said so.", "Tom Boone of Lakewood agreed.", "Nobody came.",
    '"We will wait," said Patrice Dunmore.', "Lena Marchetti and Amina Kariuki met.",
])


@given(st.lists(st.lists(SENTENCES, min_size=1, max_size=6), min_size=1, max_size=5),
       st.integers(0, 600), st.integers(0, 600))
def test_names_near_a_quote_are_the_names_of_its_window(
        paragraphs: list[list[str]], lo: int, width: int) -> None:
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    paras, at = [], 0
    for p in text.split("\n\n"):
        paras.append((at, at + len(p)))
        at += len(p) + 2
    mentions = PersonMentions(text, paras)
    last = len(paras) - 1
    every = mentions.between(0, last)
    assert mentions.between(0, last, lo, lo + width) == [
        m for m in every if lo <= m[0] < lo + width]
