"""A county's bare name after the text names it whole
(newsfacet.indexer.places.bare_counties)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.places import extract_places

#: (county as written, its state): bare names that are no big town (a small one at most).
COUNTIES = [("Gwinnett County", "Georgia"), ("DuPage County", "Illinois"),
            ("Osceola County", "Florida"), ("Vanderburgh County", "Indiana"),
            ("Cuyahoga County", "Ohio"), ("Hunterdon County", "New Jersey"),
            ("Avoyelles Parish", "Louisiana")]
#: ... and some whose bare name is a town or a person's too.
NAMESAKES = [("DeKalb County", "Georgia"), ("Jackson County", "Missouri"),
             ("Scott County", "Minnesota"), ("Clay County", "Florida")]


def _spans(text: str) -> dict[str, list[str]]:
    """Each place's label -> the mentions the text writes of it."""
    return {p.label: [text[m.start : m.end] for m in p.mentions] for p in extract_places(text)}


@settings(max_examples=60, deadline=None)
@given(county=st.sampled_from(COUNTIES),
       use=st.sampled_from(["A fire burned in {}.", "He died at {} Medical Center.",
                            "{} Sheriff Ann Lowe issued a warning.",
                            "The land in unincorporated {} holds flats."]))
def test_a_countys_bare_name_names_it_once_written_whole(county: tuple[str, str],
                                                         use: str) -> None:
    full, state = county
    bare = full.rsplit(" ", 1)[0]
    text = f"Officials of {full}, {state}, met on Monday. " + use.format(bare)
    mentions = [m for ms in _spans(text).values() for m in ms]
    assert bare in mentions
    (owner,) = [label for label, ms in _spans(text).items() if bare in ms]
    assert owner.startswith(full)


@settings(max_examples=40, deadline=None)
@given(county=st.sampled_from(COUNTIES + NAMESAKES),
       use=st.sampled_from(["Sheriff {} said the road was closed.", "Andrew {} was there.",
                            "Coach Tom {} agreed.", "Then {} said nothing more."]))
def test_a_person_or_a_school_named_like_the_county_is_no_mention(county: tuple[str, str],
                                                                  use: str) -> None:
    full, state = county
    bare = full.rsplit(" ", 1)[0]
    text = f"Officials of {full}, {state}, met on Monday. " + use.format(bare)
    assert bare not in [m for ms in _spans(text).values() for m in ms]


@settings(max_examples=20, deadline=None)
@given(county=st.sampled_from(COUNTIES), other=st.sampled_from(["West", "Lake", "Browne"]))
def test_a_name_that_goes_on_with_another_word_is_not_the_county(county: tuple[str, str],
                                                                 other: str) -> None:
    full, state = county
    bare = full.rsplit(" ", 1)[0]
    text = f"Officials of {full}, {state}, met. The fans of {bare} {other} cheered."
    assert bare not in [m for ms in _spans(text).values() for m in ms]


def test_without_the_full_name_a_bare_county_stays_unknown() -> None:
    assert "Gwinnett" not in str(_spans("He died at Gwinnett Medical Center on Friday."))
