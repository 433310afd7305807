"""Errors read on text the places rules were never tuned on (issue 18, ninth round):
political news and press releases (newsfacet.indexer.places)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.places import extract_places

#: US states as news text writes them in full.
STATES = ["Texas", "Ohio", "California", "New York", "Virginia", "Alabama",
          "Florida", "Michigan", "Missouri", "North Carolina", "Pennsylvania"]


def _places(text: str) -> list[tuple[str, str, str]]:
    """(mention as written, place name, country code) for every mention of ``text``."""
    return [(text[s.start : s.end], p.name, p.country_code)
            for p in extract_places(text) for s in p.mentions]


@settings(max_examples=60, deadline=None)
@given(part=st.sampled_from(["Southern", "Northern", "Eastern", "Western", "Central",
                             "Middle"]),
       state=st.sampled_from(STATES),
       lead=st.sampled_from(["filed in U.S. District Court for the ",
                             "said the U.S. Attorney for the ", "was charged in the "]))
def test_a_court_district_of_a_state_is_part_of_the_state(part: str, state: str,
                                                          lead: str) -> None:
    text = f"The complaint, {lead}{part} District of {state}, named two men."
    found = _places(text)
    assert all(p[2] == "US" for p in found), found
    assert state in [p[0] for p in found]


@settings(max_examples=60, deadline=None)
@given(state=st.sampled_from(["Texas", "Ohio", "Utah", "Iowa", "Nevada", "Oregon",
                              "Kansas", "Idaho", "Arkansas", "Oklahoma"]),
       party=st.sampled_from(["R", "D", "I"]),
       who=st.sampled_from(["Sen. Mark Hale", "Rep. Jo Lind", "Chairman Dan Roe"]),
       form=st.sampled_from(["{who}, {party}-{state}, said", "{who} ({party}-{state}) said"]))
def test_a_party_letter_before_a_state_names_the_state(state: str, party: str, who: str,
                                                       form: str) -> None:
    text = "The vote was close. " + form.format(who=who, party=party, state=state) + " no."
    found = [p for p in extract_places(text) if p.country_code == "US"]
    assert [(p.name, p.kind) for p in found] == [(state, "admin")]
