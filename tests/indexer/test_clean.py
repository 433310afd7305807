"""Cleaning: site chrome, captions, Read More lines and footers are not body text."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsfacet.indexer.clean import FOOTER_LINE_MAX, clean_text, header_date

PAGE = """Skip to main content
HOME : NEWSROOM : Press Releases
NEWS | Mar. 5, 2024

Harbour cranes idle as strike spreads

By Northline Wire Staff

ROTTERDAM (Northline Wire) – Cranes stood idle on Tuesday.

Dockers gather at the gate, March 1, 2023. (Photo: Jane Doe/Harbor Gazette)

Read More: Talks collapse at midnight

"We are not moving," said Ana Lindqvist.

Media inquiries: +1 (555) 010-2345
"""


def test_header_gives_title_byline_and_date() -> None:
    cleaned = clean_text(PAGE, read_header=True)
    assert cleaned.title == "Harbour cranes idle as strike spreads"
    assert cleaned.byline == "Northline Wire Staff"
    assert cleaned.header_date == "Mar. 5, 2024"


def test_chrome_captions_read_more_and_footer_are_dropped() -> None:
    body = clean_text(PAGE, read_header=True).body
    assert body.startswith("ROTTERDAM (Northline Wire)")
    for junk in ("Skip to", "HOME :", "(Photo:", "Read More", "Media inquiries", "March 1, 2023"):
        assert junk not in body
    assert '"We are not moving," said Ana Lindqvist.' in body


def test_dateline_place_and_outlet() -> None:
    cleaned = clean_text(PAGE, read_header=True)
    assert (cleaned.dateline_place, cleaned.dateline_outlet) == ("ROTTERDAM", "Northline Wire")
    wire = clean_text("CLEVELAND, Feb 26 - Shares rose.", read_header=False)
    assert (wire.dateline_place, wire.dateline_outlet) == ("CLEVELAND", None)


def test_offsets_map_back_to_the_source() -> None:
    cleaned = clean_text(PAGE, read_header=True)
    start = cleaned.body.index("We are not moving")
    source_start = cleaned.to_source(start)
    assert PAGE[source_start : source_start + 17] == "We are not moving"


def test_json_lines_bodies_keep_their_first_line() -> None:
    cleaned = clean_text("Short opening line.\n\nSecond paragraph.", read_header=False)
    assert cleaned.title is None
    assert cleaned.body == "Short opening line.\n\nSecond paragraph."


def test_header_date_needs_a_short_line_with_a_full_date() -> None:
    assert header_date("NEWS | Jan. 24, 2022") == "Jan. 24, 2022"
    assert header_date("Published March 5, 2024") == "March 5, 2024"
    assert header_date("The attack began on January 20, 2022, officials said.") is None
    assert header_date("NEWS | Jan. 24") is None


def test_wire_sign_off_names_the_outlet_and_leaves_the_body() -> None:
    cleaned = clean_text("Shares rose 2 pct in early trade.\n    Reuter\n", read_header=False)
    assert cleaned.sign_off == "Reuters"
    assert cleaned.body == "Shares rose 2 pct in early trade."
    assert clean_text("He met Reuter later.", read_header=False).sign_off is None


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(["the", "council", "voted", "on", "a", "budget", "for",
                                       "roads", "and", "parks", "today"]),
                      min_size=70, max_size=120),
       phone=st.from_regex(r"\(\d{3}\) \d{3}-\d{4}", fullmatch=True))
def test_a_paragraph_giving_a_phone_number_is_body_text(words: list[str], phone: str) -> None:
    # A one-line article that gives a number to call was dropped whole as a footer.
    line = " ".join(words).capitalize() + f". For details call {phone}."
    assume(len(line) > FOOTER_LINE_MAX)  # a shorter line giving a number is a contact line
    assert clean_text(line, read_header=False).body == line
    assert clean_text(f"{line}\n\nContact: {phone}", read_header=False).body == line


def test_a_one_line_article_ending_with_a_photo_credit_is_kept() -> None:
    story = (
        "Ferry service resumes after the storm. Crews in Harwick cleared the slipway on "
        "Monday, and the first crossing left at noon with forty passengers aboard. "
    ) * 5 + "Pictured: the ferry at the slipway. (AP Photo/Harwick Harbour Board)"
    assert clean_text(story, read_header=False).body == story.strip()
    assert clean_text("The ferry at the slipway. (AP Photo/Harwick Harbour Board)",
                      read_header=False).body == ""


BYLINE_NAMES = st.sampled_from(["JILL COLVIN", "Jill Colvin and Gillian Wong", "L.B. WHYDE",
                                "RACHEL E. SHEELEY", "Tom O'Neil"])
BYLINE_ROLES = st.sampled_from([", Associated Press", " The Associated Press", " Reuters",
                                " Advocate Reporter", " STAFF WRITER", " AP Correspondent"])
DATELINE_PLACES = st.sampled_from(["WASHINGTON", "NEWARK", "HANOVER", "ST. JOHN'S",
                                   "EAST HAMPTON", "BEIRUT"])


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["", "Doctor returns home after a year abroad. "]),
       st.sampled_from(["By", "BY"]), BYLINE_NAMES, BYLINE_ROLES,
       st.sampled_from(["", " March 30, 2009"]), DATELINE_PLACES,
       st.sampled_from([" --", " —", " (AP) —", " -"]))
def test_a_dateline_after_a_byline_is_read(headline: str, by: str, name: str, role: str,
                                           date: str, place: str, dash: str) -> None:
    """A byline that ends in an agency or a reporter's job ("By JILL COLVIN, Associated
    Press WASHINGTON (AP) —", "BY ABBEY ROY Advocate Reporter March 30, 2009 NEWARK --")
    is followed by the dateline, opening the text or after its headline."""
    text = f"{headline}{by} {name}{role}{date} {place}{dash} Officials said on Monday."
    assert clean_text(text, read_header=False).dateline_place == place


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["By the time", "By Monday", "By law"]),
       st.sampled_from(["the reporter", "a writer", "Reuters"]), DATELINE_PLACES)
def test_a_sentence_opening_with_by_is_no_byline(opening: str, who: str, place: str) -> None:
    """"By the time the reporter arrived, HUD -- and others" opens a sentence, not a
    byline: a word in capitals later on is no dateline."""
    text = f"{opening} {who} arrived, {place} -- and others -- had left."
    assert clean_text(text, read_header=False).dateline_place is None


_WORDS = st.lists(st.sampled_from(["the", "council", "voted", "on", "a", "budget", "for",
                                   "roads", "and", "parks", "mayor", "says"]),
                  min_size=3, max_size=14)


@settings(max_examples=40, deadline=None)
@given(headline=_WORDS, stop=st.sampled_from(["", "?", "'"]),
       read_more=st.sampled_from(["Read more", "Read More", "READ MORE"]),
       marker=st.sampled_from(["Story Continued Below", "Continue reading the main story",
                               "Article continues below"]))
def test_links_to_other_stories_and_continuation_marks_are_dropped(
        headline: list[str], stop: str, read_more: str, marker: str) -> None:
    """A headline closed by "Read more" (an inline link to another story) and a
    "Story Continued Below" line (an advertisement's place) are page furniture."""
    first = "The council met on Tuesday to vote on the budget."
    last = '"We will fix the roads," the mayor said.'
    link = " ".join(headline).capitalize() + stop + " " + read_more
    body = clean_text(f"{first}\n\n{link}\n\n{marker}\n\n{last}", read_header=False).body
    assert body == f"{first}\n\n{last}"


@settings(max_examples=40, deadline=None)
@given(words=_WORDS)
def test_a_sentence_about_reading_more_stays(words: list[str]) -> None:
    line = " ".join(words).capitalize() + " so that children read more."
    assert clean_text(line, read_header=False).body == line
