"""A headline capitalises every word, so its capitals are no name: a lone surname in the
body takes a fuller name from a headline only as far as first names and initials reach
('9 Offensive Things Donald Trump Has Said' -> Donald Trump; 'Ted Cruz Hints Trump Is
Wrong' gives Trump no first name). A quoted title ('"… More Important Than Electing Obama
in '08"') and a line's Title Case rest after page debris are headlines too. Council and
assembly titles are titles ('said Alderman William D. Burns' is William D. Burns).
Generated texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

from newsfacet.indexer.speakers import extract_speakers

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
FIRST = ["Marta", "Susan", "Thomas", "Michael", "Laura", "Daniel"]
LEAD = st.sampled_from(["Offensive Things", "Things Latinos Love About", "Stunning Reasons",
                        "NYTimes Casually Conflates", "Why Voters Still Trust"])
VERB = st.sampled_from(["Hints", "Slams", "Compares", "Praises", "Wins Over"])
TAIL = st.sampled_from(["Has Said About Latinos", "Is Wrong On Trade", "Made The Case"])
QUOTE = '"We will not sign this deal," {} said. "Nobody asked the drivers."'


@settings(max_examples=60, deadline=None)
@given(LEAD, st.sampled_from(FIRST), st.sampled_from(LAST), TAIL)
def test_a_headline_lends_a_surname_only_its_first_name(
    lead: str, first: str, last: str, tail: str
) -> None:
    text = f"{lead} {first} {last} {tail}.\n\nThe council met on Monday.\n\n" + QUOTE.format(last)
    assert list(quotes_by_person(text)) == [f"{first} {last}"]


@settings(max_examples=60, deadline=None)
@given(st.data(), VERB, TAIL)
def test_a_headline_verb_is_no_first_name(data: st.DataObject, verb: str, tail: str) -> None:
    lasts = data.draw(st.permutations(LAST))
    first = data.draw(st.sampled_from(FIRST))
    text = (f"{first} {lasts[0]} {verb} {lasts[1]} {tail}.\n\nThe council met on Monday.\n\n"
            + QUOTE.format(lasts[1]))
    names = list(quotes_by_person(text))
    assert names == [lasts[1]], names


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Alderman", "Alderwoman", "Assemblyman", "Assemblywoman",
                        "Councillor", "Chicago Alderman", "State Assemblywoman"]),
       st.sampled_from(FIRST), st.sampled_from(["", "D. "]), st.sampled_from(LAST))
def test_council_and_assembly_titles_are_no_name(
    title: str, first: str, initial: str, last: str
) -> None:
    name = f"{first} {initial}{last}"
    text = f'"People are angry," said {title} {name}, whose district includes Hyde Park.'
    people = [s for s in extract_speakers(text) if s.kind == "person"]
    assert [s.name for s in people] == [name]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(["Important", "Urgent"]))
def test_a_quoted_title_lends_no_words_to_a_name(first: str, last: str, word: str) -> None:
    text = (f"A speechwriter published a column, entitled, “Why Electing {first} in ‘16 is "
            f"More {word} Than Electing {last} in ‘08.” {last} has even made comments.\n\n"
            + QUOTE.format(last))
    assert list(quotes_by_person(text)) == [last]


@settings(max_examples=60, deadline=None)
@given(st.data(), VERB)
def test_a_headline_after_page_debris_is_a_headline(data: st.DataObject, verb: str) -> None:
    lasts = data.draw(st.permutations(LAST))
    first = data.draw(st.sampled_from(FIRST))
    text = (f"ShareLikeReply 5ptsmoderatorFeatured 9:09PM {first} {lasts[0]} {verb} "
            f"{lasts[1]} Would Get Border Wall Contract\n\n"
            f"{data.draw(st.sampled_from(FIRST))} {lasts[1]} often takes full credit.\n\n"
            + QUOTE.format(lasts[1]))
    names = list(quotes_by_person(text))
    assert len(names) == 1 and names[0].endswith(lasts[1]) and verb not in names[0], names
