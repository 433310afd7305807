"""Pieces of ``extract`` that are checked on their own."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.extract import _name_spans, extract
from newsfacet.indexer.gazetteer import Entry, get_gazetteer
from newsfacet.indexer.world_regions import WORLD_REGIONS
from newsfacet.schema.document import Article, Speaker

letters = st.text(alphabet="aAbB .'-", max_size=6)


def _own(alias: str, name: str) -> str:
    """The alias from its first word that is a word of the name (the whole alias if none)."""
    kept = list(itertools.dropwhile(lambda w: w not in name.split(), alias.split()))
    return " ".join(kept) if kept else alias


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbB .'-\n", max_size=80),
       st.lists(st.builds(Speaker, name=letters, kind=st.sampled_from(["person", "org"]),
                          aliases=st.lists(letters, max_size=2)), max_size=3))
def test_name_spans_are_every_non_overlapping_occurrence(text: str,
                                                         speakers: list[Speaker]) -> None:
    """What ``re.finditer`` of each name found, as before the regexes were dropped."""
    people = [s for s in speakers if s.kind == "person"]
    names = {part for s in people for part in [s.name, *(_own(a, s.name) for a in s.aliases),
                                                s.name.split()[-1]]
             if len(part) > 2} if all(s.name.split() for s in people) else None
    if names is None:  # a blank name has no last word: extract never makes one
        return
    expected = sorted(m.span() for name in names for m in re.finditer(re.escape(name), text))
    assert sorted((s.start, s.end) for s in _name_spans(text, speakers)) == expected


def test_name_spans_find_repeats_and_aliases() -> None:
    brennan = Speaker("John Brennan", aliases=["Brennan", "Gen Brennan"])
    text = "John Brennan said. Brennan added; Gen Brennan left."
    spans = {(s.start, s.end) for s in _name_spans(text, [brennan])}
    assert (0, 12) in spans and (5, 12) in spans and (19, 26) in spans and (38, 45) in spans


PLACES_WITH_ROLES = ["Toledo", "Dublin", "Bridgeport", "Tillsonburg", "Fresno", "Moore County"]
ROLES = ["Mayor", "Police Chief", "Fire Chief", "Health Department spokesman",
         "Recreation Services Director"]
FIRST = ["Marilee", "Mark", "Ana", "Robert", "Frank"]
LAST = ["Smith", "Routson", "Molnar", "Jones", "Okafor"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PLACES_WITH_ROLES), st.sampled_from(ROLES), st.sampled_from(FIRST),
       st.sampled_from(LAST), st.booleans())
def test_a_place_in_a_speakers_role_stays_a_place(place: str, role: str, first: str,
                                                  last: str, said_first: bool) -> None:
    """A speaker is often introduced by a role that names a place ("Dublin Mayor Marilee
    Smith"): only the person's name is kept out of the places, the place still counts."""
    who = f"{place} {role} {first} {last}"
    quote = '"We learned a lot from that experience,"'
    body = ("The council met on Monday to discuss the memorial. "
            + (f"{quote} said {who}." if said_first else f"{quote} {who} said."))
    extraction = extract(Article(id="x", body=body, format="json"))
    assert any(s.name == f"{first} {last}" for s in extraction.speakers)
    start = body.index(who)
    found = [(m.start, m.end) for p in extraction.locations for m in p.mentions]
    assert (start, start + len(place)) in found
    assert not any(s < start + len(who) and start + len(place) < e for s, e in found)


MULTI_WORD_REGIONS = sorted({n for r in WORLD_REGIONS for n in r.names
                             if " " in n and not n.startswith("the ")})


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(MULTI_WORD_REGIONS), st.sampled_from(["person", "org"]))
def test_a_region_taken_for_a_speaker_stays_a_place(region: str, kind: str) -> None:
    """"The Korean Peninsula should be denuclearized, Wang said" can make the region a
    speaker; no person is called "Korean Peninsula", so its name still counts as a place."""
    text = f"Peace on the {region} matters, {region} said."
    assert _name_spans(text, [Speaker(region, kind=kind)]) == []
    assert _name_spans(text, [Speaker("Wang Yi", kind="person")]) == []


def _state_names() -> list[str]:
    """Multi-word names of first-level regions (states, provinces) in the gazetteer."""
    def state(e: Entry) -> bool:
        return e.candidate.kind == "admin" and e.candidate.level == 1

    gaz = get_gazetteer()
    names = {e.candidate.name for key in gaz.name_keys() if " " in key
             for e in gaz.entries_for_key(key) if state(e) and " " in e.candidate.name}
    # a label the gazetteer does not hold as written ("Abu Zaby") is never looked up so
    return sorted(n for n in names if any(state(e) for e in gaz.entries(n)))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_state_taken_for_a_speaker_stays_a_place(data: st.DataObject) -> None:
    """"Tamil Nadu contended ..." makes the state a speaker; no person is called "Tamil
    Nadu" or "New South Wales", so the name still counts as a place elsewhere."""
    state = data.draw(st.sampled_from(_STATES))
    text = f"Farmers of {state} wait. {state} contended the order."
    assert _name_spans(text, [Speaker(state, kind="person")]) == []


_STATES = _state_names()


@settings(max_examples=80, deadline=None)
@given(town=st.sampled_from(["Columbus", "Cambridge", "Toledo", "Fresno", "Los Angeles",
                             "San Antonio", "Salt Lake City"]),
       role=st.sampled_from(["Investigator", "High Schooler", "Police Officer",
                             "Councilman", ""]),
       first=st.sampled_from(FIRST), last=st.sampled_from(LAST))
def test_a_town_read_into_a_speakers_name_stays_a_place(town: str, role: str, first: str,
                                                        last: str) -> None:
    """"Columbus Investigator Gregory Sealock", "Los Angeles Trapani" read as one
    speaker's name: the town before the role (or a town of several words) is a place."""
    if not role and " " not in town:
        return  # "Austin Smith": a lone first word may be the person's own
    name = " ".join(w for w in (town, role, first, last) if w)
    text = f"Last year {name} said the case was closed."
    spans = _name_spans(text, [Speaker(name, kind="person")])
    town_at = text.index(town)
    assert not any(s.start < town_at + len(town) and town_at < s.end for s in spans)
    assert any(text[s.start : s.end] == last for s in spans)


@settings(max_examples=40, deadline=None)
@given(word=st.sampled_from(["Metro", "Greater", "Downtown"]),
       city=st.sampled_from(["Vancouver", "Toronto", "Atlanta", "Manchester"]))
def test_a_place_word_and_a_town_read_as_a_speaker_stay_a_place(word: str,
                                                                 city: str) -> None:
    text = f"According to {word} {city}, the plan failed."
    assert _name_spans(text, [Speaker(f"{word} {city}", kind="person")]) == []


@settings(max_examples=40, deadline=None)
@given(first=st.sampled_from(["Austin", "Tyler", "Dallas", "Chad", "Jordan", "Madison"]),
       middle=st.sampled_from(["Lee", "Michael", "James", "Anne"]),
       last=st.sampled_from(LAST))
def test_a_first_name_that_is_a_town_stays_the_persons(first: str, middle: str,
                                                       last: str) -> None:
    name = f"{first} {middle} {last}"
    text = f"Yesterday {name} said it was over."
    spans = _name_spans(text, [Speaker(name, kind="person")])
    assert any(text[s.start : s.end] == name for s in spans)
