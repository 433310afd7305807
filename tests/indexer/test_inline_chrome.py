"""Issue 18, ninth round: page furniture inside a line (The Hill's link cards) and
paragraphs glued without a break, as newspaper3k leaves them in AllSides-like bodies.
Names, headlines and quotes are generated; the layouts are the sites'."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.clean import clean_text
from newsfacet.indexer.inline_chrome import _glued
from newsfacet.indexer.speakers import extract_speakers

FIRST = ["Maren", "Tobias", "Ines", "Caleb", "Priya"]
MIDDLE = ["Louise", "Edward", "(Toby)", "R.", "Anne Marie"]
LAST = ["Halvorsen", "Achterberg", "Quist", "Delacroix", "Mbeki"]
HEADLINES = st.lists(
    st.sampled_from(["Senate passes stopgap bill", "Governor signs budget deal",
                     "Poll shows tight race in Ohio", "2020 hopefuls gather in Iowa",
                     "'We will fight,' union says"]),
    min_size=1, max_size=3,
)


@settings(deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(MIDDLE), st.sampled_from(LAST), HEADLINES,
       st.sampled_from([", ", " (D-Ore.) ", " "]))
def test_a_link_card_after_a_name_is_cut_and_the_quote_keeps_its_speaker(
    first: str, middle: str, last: str, headlines: list[str], after: str
) -> None:
    card = f"{first} {middle} {last}{' '.join(headlines)} MORE"
    text = (f"Sen. {first} {last} {card}{after}who chairs the panel, spoke on Monday.\n\n"
            f'"The bill is dead," {last} said.')
    body = clean_text(text, read_header=False).body
    assert "MORE" not in body and headlines[0] not in body
    assert f"Sen. {first} {last}{after}who chairs" in body
    people = [s for s in extract_speakers(body) if s.kind == "person"]
    assert [(s.name, [q.text for q in s.quotes]) for s in people] == [
        (f"{first} {last}", ["The bill is dead"])]


def test_offsets_of_a_line_with_a_card_map_back_to_the_source() -> None:
    text = ("Rep. Ines Quist Ines Anne QuistGovernor signs budget deal MORE said no.\n\n"
            "Then she left.")
    cleaned = clean_text(text, read_header=False)
    assert cleaned.body == "Rep. Ines Quist said no.\n\nThen she left."
    for word in ("said", "Then"):
        at = cleaned.body.index(word)
        assert text[cleaned.to_source(at):].startswith(word)


def test_capitals_more_without_a_card_stay() -> None:
    text = "VOTERS CARE MORE ABOUT JOBS, the poll found. Read it ONE MORE time."
    assert clean_text(text, read_header=False).body == text


@settings(deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(LAST),
       st.sampled_from(['"', "“"]))
def test_a_glued_paragraph_opening_with_a_quote_is_not_the_last_speaker_s(
    first: str, last: str, other: str, mark: str
) -> None:
    close = '"' if mark == '"' else "”"
    text = (f'{mark}We will hold the line,{close} said {first} {last}, the group\'s director.'
            f"{mark}Nobody gets a free pass here.{close}Board chair Ada {other} tweeted: "
            f"{mark}We are ready.{close}")
    people = {s.name: [q.text for q in s.quotes] for s in extract_speakers(
        clean_text(text, read_header=False).body) if s.kind == "person"}
    assert "Nobody gets a free pass here." not in people.get(f"Ada {other}", [])


@settings(deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST))
def test_narrative_after_a_glued_closing_quote_is_no_quote(first: str, last: str) -> None:
    text = (f'"We will win in November," {first} {last} said."We have the votes."'
            f'{last} also spoke about the budget, which "is a mess."')
    body = clean_text(text, read_header=False).body
    assert f'said.\n\n"We have the votes."\n\n{last} also' in body
    quotes = [q.text for s in extract_speakers(body) for q in s.quotes]
    assert not any("also spoke" in q for q in quotes)


def test_initials_and_abbreviations_are_not_paragraph_ends() -> None:
    text = 'He served in the U.S.Army and the "U.S.Navy." He said so.'
    assert clean_text(text, read_header=False).body == text


#: The glued-paragraph pattern as first written, searched over the whole line: the
#: reference the stop-by-stop search must agree with.
_GLUED_AS_WRITTEN = re.compile(r"(?<=[a-z0-9)%])[.!?]['’]?(?P<mark>[\"“”]?)(?=[A-Z])")


@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet="aZ9)%.!?'’\"“” xT\t", max_size=60))
def test_the_stop_by_stop_search_finds_what_a_whole_line_search_did(line: str) -> None:
    found = [(m.start(), m.end(), m.group("mark")) for m in _glued(line)]
    assert found == [(m.start(), m.end(), m.group("mark"))
                     for m in _GLUED_AS_WRITTEN.finditer(line)]
