"""Which words are place mentions (newsfacet.indexer.places.candidates)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from place_checks import by_label, labels

from newsfacet.indexer.gazetteer import get_gazetteer
from newsfacet.indexer.places import extract_places


def test_acronyms_in_capitals_are_not_places() -> None:
    assert labels("ISIS and the SDF clashed; CJTF-OIR said so.") == []


def test_country_titles_and_abbreviations() -> None:
    text = "At the invitation of the Republic of Iraq, U.S. forces stayed."
    places = extract_places(text)
    assert [p.label for p in places] == ["Iraq", "United States"]
    assert [text[s.start : s.end] for p in places for s in p.mentions] == [
        "Republic of Iraq",
        "U.S.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Michael Jordan scored 40 points.",
        "Georgia Smith, a teacher, said no.",
        "Sen. Cleveland voted against it.",
    ],
)
def test_person_names_are_not_places(text: str) -> None:
    assert labels(text) == []


def test_surname_alone_after_full_name_is_not_a_place() -> None:
    text = "Barack Obama spoke. Later Obama left for Chicago."
    assert labels(text) == ["Chicago, United States"]


def test_place_as_institution_modifier_still_counts() -> None:
    assert labels("The Ohio Department of Transportation said so.") == ["Ohio, United States"]


@pytest.mark.parametrize(
    "text",
    [
        "Of course it was.",
        "In March the talks resumed.",
        "Mobile phones were banned; mobile data too.",
        "Reading the report took hours.",
        "Bath time is at six.",
        "Police said so. Many agreed. Unlike them, we left.",
        "Read More: the full story. On Sunday nothing happened.",
        "Due to rain, it stopped.",
        "I’ve seen the White House.",
    ],
)
def test_common_words_are_not_places(text: str) -> None:
    assert labels(text) == []


@settings(max_examples=60, deadline=None)
@given(form=st.sampled_from(sorted(f for f in get_gazetteer().demonyms if " " not in f)))
def test_demonyms_are_not_mentions(form: str) -> None:
    # Issue 18: "British", "Canadian" describe people or things, not a place named.
    # (One-word forms: the suffix rule also derives forms of multi-word names, such as
    # "Papua New Guineaan", whose first word is a place of its own.)
    word = form.capitalize()
    text = f"Officials said {word} troops and {word} envoys met."
    assert [text[s.start : s.end] for p in extract_places(text) for s in p.mentions] == []


def test_demonym_naming_an_organisation_is_not_a_place() -> None:
    assert labels("The Syrian Democratic Forces and American Electric Power agreed.") == []
    assert labels("He is a Native American artist.") == []


def test_country_closing_an_organisation_name_is_a_place() -> None:
    assert labels("Staff of SOS Children's Villages Sudan said so.") == ["Sudan"]
    assert labels("Michael Jordan played.") == []


def test_places_inside_hyphenated_words() -> None:
    text = "Egyptian-US talks resumed, said Rep. Ann Smith, D-Charleston, and Rep. Lee, D-S.C."
    places = by_label(extract_places(text))
    assert set(places) == {"United States", "Charleston, United States",
                           "South Carolina, United States"}
    us = places["United States"].mentions[0]
    assert text[us.start : us.end] == "US"


def test_disease_names_are_not_places() -> None:
    assert labels("A Marburg virus outbreak was declared; Marburg kills.") == []


def test_outlet_in_a_dateline_is_not_a_place() -> None:
    assert labels("ERBIL (Kurdistan 24) - Talks went on.") == ["Erbil, Iraq"]


@pytest.mark.parametrize(
    "text",
    [
        "Driver Virginia L. Lane was hurt.",
        "Grant W. Graham was charged.",
        "Surviving is her son Bryan, of the family farm.",
        "Robertson said the theatre was sold.",
        "Sens. Smith and Jones voted.",
    ],
)
def test_person_contexts_are_not_places(text: str) -> None:
    assert labels(text) == []


def test_name_in_an_organisation_counts_when_it_stands_alone_elsewhere() -> None:
    text = "The Dublin Kennel Club met in Dublin, Ohio."
    places = extract_places(text)
    dublin = by_label(places)["Dublin, United States"]
    assert [text[s.start : s.end] for s in dublin.mentions] == ["Dublin", "Dublin"]
    assert labels("The Dublin Kennel Club met on Monday.") == []


def test_said_before_a_place_modifier_is_not_a_person() -> None:
    text = "He was missing, said Laconia police. He lived in Laconia."
    assert labels(text) == ["Laconia, United States"]


@settings(max_examples=40, deadline=None)
@given(city=st.sampled_from(["BEIRUT", "CINCINNATI", "HUDSON", "NAIROBI", "SAN ANTONIO"]),
       mark=st.sampled_from([" --", " —", ":", " (AP) —", " \x97", " -"]),
       lead=st.sampled_from(["Budget vote delayed again. ",
                             "By Jo Marsh, Staff Writer March 3, 2009 ", ""]))
def test_dateline_in_capitals_inside_the_text_is_a_place(city: str, mark: str, lead: str) -> None:
    text = f"{lead}{city}{mark} Officials met on Monday to discuss the plan."
    places = extract_places(text)
    assert [text[s.start : s.end] for p in places for s in p.mentions] == [city]


def test_a_title_ending_a_sentence_does_not_make_the_next_place_a_name() -> None:
    text = "Voters chose a new Municipal Court Judge. Columbus attorneys welcomed it."
    assert [p.name for p in extract_places(text)] == ["Columbus"]
    assert labels("Police Capt. Cleveland spoke to reporters.") == []


def test_a_place_after_a_preposition_before_said_is_a_place() -> None:
    assert labels("Officials in Gainesville said the roads were closed.") == [
        "Gainesville, United States"]
    assert labels("Gainesville said the roads were closed.") == []


PLACES_BEFORE_AN_OFFICE = [
    (place, rest)
    for place in ["Florida", "Arkansas", "Ohio", "Texas"]
    for rest in ["Highway Patrol troopers", "police officers", "Gov. Mike Huckabee"]
] + [(place, "police officers") for place in ["Philadelphia", "Toledo", "Denver"]]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["Two", "Three", "Four", "Eight", "Twelve", "Dozens of", "Former"]),
       st.sampled_from(PLACES_BEFORE_AN_OFFICE))
def test_a_count_or_former_before_a_place_is_no_first_name(count: str,
                                                           where: tuple[str, str]) -> None:
    """A capitalised word right before a place reads as a first name ("Michael
    Jordan"), but a number word or "Former" opening a sentence is none: "Eight Florida
    Highway Patrol troopers", "Former Arkansas Gov. Mike Huckabee"."""
    place, rest = where
    text = f"The fire spread overnight. {count} {place} {rest} were at the scene."
    start = text.index(f" {place} ") + 1
    spans = [(m.start, m.end) for p in extract_places(text) for m in p.mentions]
    assert (start, start + len(place)) in spans


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["Bridgeport", "Litchfield", "Huntsville", "Hamilton", "Toledo"]),
       st.sampled_from(["Superior Court", "Municipal Court", "High School", "Selectman",
                        "Coroner", "Superintendent", "City Manager", "Police Investigator",
                        "Town Clerk"]),
       st.sampled_from(["on Monday", "Frank Chiaramonte said", "today"]))
def test_a_place_before_a_court_school_or_office_is_a_place(place: str, office: str,
                                                            after: str) -> None:
    """A town names its own courts, schools and officers ("Bridgeport Superior Court",
    "Litchfield Selectman Marsha Bernstein"): the word after it is no surname."""
    text = f"The case went ahead. It was heard at the {place} {office} {after}."
    start = text.index(f" {place} ") + 1
    spans = [(m.start, m.end) for p in extract_places(text) for m in p.mentions]
    assert any(s == start and e >= start + len(place) for s, e in spans)  # or "Toledo City"


SURNAME_TOWNS = ["Bell", "Fairfield", "Tyler", "Madison", "Warren", "Logan", "Lancaster"]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(SURNAME_TOWNS), st.integers(0, 3), st.integers(0, 3),
       st.sampled_from(["walked", "declined", "was", "had", "could", "refused"]))
def test_a_surname_is_a_place_only_where_the_text_puts_it_more_than_it_acts(
        name: str, placed: int, acting: int, verb: str) -> None:
    """Once "Tyrise M. Bell" is a person, a bare "Bell" is the person where the text
    makes it act ("Bell ran", "Bell declined") more often than it puts it after a
    preposition of place ("in Bell"); otherwise the town of that name."""
    sentences = [f"Police said Tyrise M. {name} was hurt on Monday."]
    sentences += [f"Officers went to the store in {name} again."] * placed
    sentences += [f"After the call {name} {verb} not move."] * acting
    text = " ".join(sentences)
    found = any(text[m.start:m.end] == name for p in extract_places(text) for m in p.mentions)
    assert found == (placed > acting)


def _titled_country_names() -> list[tuple[str, str]]:
    """Country names that open with a title ("Democratic People's Republic of Korea"),
    with the ISO code each means."""
    from newsfacet.indexer.place_names import COUNTRY_ALIASES
    titles = ("Republic", "Democratic", "Kingdom", "United", "Federal", "People")
    return sorted((n, c) for n, c in COUNTRY_ALIASES.items()
                  if n.startswith(titles) and " of " in n)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_titled_country_names()), st.sampled_from(["'", "’"]))
def test_a_titled_country_name_means_that_country(case: tuple[str, str], quote: str) -> None:
    """The title before a country's short name counts: "Democratic People's Republic of
    Korea" is North Korea, though "Korea" alone is the South."""
    name, code = case
    name = name.replace("'", quote)
    text = f"Envoys of the {name} met on Monday."
    (place,) = extract_places(text)
    assert place.kind == "country" and place.country_code == code
    start = text.index(name)
    assert [(m.start, m.end) for m in place.mentions] == [(start, start + len(name))]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=5),
       st.integers(0, 70), st.integers(1, 12))
def test_the_excluded_span_test_is_plain_overlap(spans: list[tuple[int, int]], start: int,
                                                 width: int) -> None:
    """The byte mask behind ``_excluded`` answers what the overlap test of every span
    did: [start, end) meets some excluded [s, e)."""
    from newsfacet.indexer.places.candidates import MentionFinder
    from newsfacet.schema.document import Span

    text = "x" * 64
    excluded = [Span(s, s + n) for s, n in spans]
    finder = MentionFinder(get_gazetteer(), text, excluded)
    end = start + width
    assert finder._excluded(start, end) == any(s.start < end and start < s.end
                                               for s in excluded if s.end > s.start)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Metro", "Liberal", "Conservative"]),
       st.sampled_from(["government", "budget", "section", "police", "leader"]))
def test_party_and_paper_words_are_no_towns_unless_qualified(word: str, noun: str) -> None:
    """"the Liberal government", "the Metro section": a town of that name somewhere
    (Liberal, Kansas; Metro, Indonesia) is meant only where the text qualifies it."""
    assert word not in [p.name for p in extract_places(f"He criticised the {word} {noun}.")]
    if word == "Liberal":
        assert labels("She grew up in Liberal, Kansas.")[0] == "Liberal, United States"


def test_a_compass_region_before_a_place_is_a_direction() -> None:
    """"North West England", "North East Texas", "North West Bicester": the words give a
    direction of the place after them, not South Africa's North West province or India's
    North East region; the place after still counts."""
    for text, place in [("The finest aqueduct in North West England.", "England"),
                        ("The North East Texas water group met.", "Texas")]:
        labels = [p.label for p in extract_places(text)]
        assert not any(label.startswith(("North-West", "North West", "North East"))
                       for label in labels), labels
        assert any(label.startswith(place) for label in labels), labels


def test_the_duma_is_the_russian_parliament() -> None:
    """"the State Duma", "Duma deputies": the parliament, not the Syrian town (LGL marks
    none of its six)."""
    text = ("The State Duma on Friday approved the bill, and Duma deputies sent it to "
            "Medvedev in Moscow.")
    assert [p.label for p in extract_places(text)] == ["Moscow, Russia"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Earth", "Canada", "Australia", "Columbus", "Europe", "Victoria"]),
       st.sampled_from(["Ottawa", "Denver", "Lisbon"]))
def test_a_day_named_after_a_place_is_no_mention(day: str, town: str) -> None:
    """"Earth Day", "Canada Day", "Columbus Day" name a day, not the place."""
    text = f"Volunteers in {town} will plant trees on {day} Day, the organisers said."
    places = extract_places(text)
    assert not [p for p in places for m in p.mentions if text[m.start:m.end] == day]
    assert [p.name for p in places] == [town]
