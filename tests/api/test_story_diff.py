"""Story diff: the paragraphs and quotes a story member added or dropped against its origin."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS, need
from newsfacet.api.story_diff import StoryChanges, StoryQuote, compare, paragraphs
from newsfacet.indexer.extract import extract
from newsfacet.indexer.readers import read_articles
from newsfacet.schema.document import Extraction, Quote, Speaker

# ------------------------------------------------------------------ invented documents

LEAD = (
    "The town council of Brackwater voted on Tuesday to keep the old lighthouse library "
    "open for another five years."
)
LEAD_REWORDED = (
    "The Town Council of Brackwater voted today to keep the old lighthouse library open "
    "for another five years!"
)
HISTORY = (
    "The library, housed in a decommissioned lighthouse since 1987, lends about nine "
    "thousand books a year to families along the coast."
)
HOLT_QUOTE = "Closing it would cut the village off from the only quiet room for miles"
HOLT = f'"{HOLT_QUOTE}," said librarian Maren Holt.'
HOLT_LONGER_QUOTE = HOLT_QUOTE + " around here"
HOLT_LONGER = f'"{HOLT_LONGER_QUOTE}," said librarian Maren Holt.'
ROOF = "Repairs to the lamp room roof will be paid for out of a regional heritage grant."
WREN_QUOTE = "We never expected the whole harbour to sign the petition within a week"
PETITION = (
    "Fishing families had gathered more than six hundred signatures by the weekend. "
    f'"{WREN_QUOTE}," said organiser Tobias Wren.'
)


def document(doc_id: str, body_paragraphs: list[str], quotes: dict[str, list[str]],
             kinds: dict[str, str] | None = None) -> Extraction:
    """An Extraction whose body joins paragraphs as the cleaner does, with located quotes."""
    body = "\n\n".join(body_paragraphs)
    speakers = []
    for name, texts in quotes.items():
        located = []
        for text in texts:
            start = body.index(text)
            located.append(Quote(text=text, start=start, end=start + len(text), cue="said"))
        speakers.append(Speaker(name=name, kind=(kinds or {}).get(name, "person"),
                                quotes=located))
    return Extraction(id=doc_id, title=doc_id, body=body, outlet=None, published=None,
                      speakers=speakers)


ORIGIN = document("origin", [LEAD, HISTORY, HOLT, ROOF], {"Maren Holt": [HOLT_QUOTE]})


def test_reworded_dropped_and_added_paragraphs_and_quotes() -> None:
    member = document(
        "member",
        [LEAD_REWORDED, HISTORY, HOLT_LONGER, PETITION],
        {"Maren Holt": [HOLT_LONGER_QUOTE], "Tobias Wren": [WREN_QUOTE]},
    )
    changes = compare(ORIGIN, member)
    # The reworded lead ("today", case, "!") and Holt's quote made longer are not changes.
    assert changes.added_paragraphs == [PETITION]
    assert changes.dropped_paragraphs == [ROOF]
    assert changes.added_quotes == [StoryQuote(speaker="Tobias Wren", text=WREN_QUOTE)]
    assert changes.dropped_quotes == []


def test_the_reverse_comparison_swaps_added_and_dropped() -> None:
    member = document(
        "member",
        [LEAD_REWORDED, HISTORY, HOLT_LONGER, PETITION],
        {"Maren Holt": [HOLT_LONGER_QUOTE], "Tobias Wren": [WREN_QUOTE]},
    )
    forward, backward = compare(ORIGIN, member), compare(member, ORIGIN)
    assert backward.added_paragraphs == forward.dropped_paragraphs == [ROOF]
    assert backward.dropped_paragraphs == forward.added_paragraphs == [PETITION]
    assert backward.dropped_quotes == forward.added_quotes
    assert backward.added_quotes == forward.dropped_quotes == []


def test_a_document_compared_with_itself_has_no_changes() -> None:
    assert compare(ORIGIN, ORIGIN) == StoryChanges([], [], [], [])


def test_a_paragraph_split_in_two_or_merged_is_not_a_change() -> None:
    first, second = HISTORY.split(", lends")
    split = document("split", [LEAD, first + ".", "It lends" + second, HOLT, ROOF],
                     {"Maren Holt": [HOLT_QUOTE]})
    assert paragraphs(split.body)[1:3] == [first + ".", "It lends" + second]
    assert compare(ORIGIN, split) == StoryChanges([], [], [], [])
    # The same pair the other way round: two paragraphs merged into one.
    assert compare(split, ORIGIN) == StoryChanges([], [], [], [])


def test_a_new_paragraph_on_the_same_topic_is_added() -> None:
    """Shared words are not enough: the new text must not reappear as runs of words."""
    other = ("The council also voted to close the harbour library on Tuesday, saying few "
             "families used the old building.")
    member = document("member", [LEAD, HISTORY, HOLT, ROOF, other], {"Maren Holt": [HOLT_QUOTE]})
    assert compare(ORIGIN, member).added_paragraphs == [other]


def test_only_quotes_of_people_count_and_are_listed_once() -> None:
    statement = "The building remains structurally sound after the winter storms"
    member = document(
        "member",
        [LEAD, HISTORY, HOLT, ROOF, f'"{statement}," the council said.', HOLT],
        {"Maren Holt": [HOLT_QUOTE, HOLT_QUOTE], "Brackwater Council": [statement]},
        kinds={"Brackwater Council": "organization"},
    )
    # The council's statement is new but is not a person's quote; Holt's is in the origin.
    assert compare(ORIGIN, member).added_quotes == []
    # Against a text with no quote, Holt's quote (twice in the member) is listed once.
    unquoted = document("unquoted", [LEAD, HISTORY, ROOF], {})
    assert compare(ORIGIN, unquoted).dropped_quotes == [
        StoryQuote(speaker="Maren Holt", text=HOLT_QUOTE)
    ]
    assert compare(unquoted, member).added_quotes == [
        StoryQuote(speaker="Maren Holt", text=HOLT_QUOTE)
    ]


def test_short_paragraphs_and_quotes_compare_by_their_words() -> None:
    origin = document("o", ["Library saved", LEAD, '"We will see," said Maren Holt.'],
                      {"Maren Holt": ["We will see"]})
    member = document("m", ["LIBRARY SAVED!", "Update", LEAD,
                            '"We will win this fight," said Maren Holt.'],
                      {"Maren Holt": ["We will win this fight"]})
    changes = compare(origin, member)
    assert changes.added_paragraphs == ["Update", '"We will win this fight," said Maren Holt.']
    assert changes.dropped_paragraphs == ['"We will see," said Maren Holt.']
    # Two common words out of three do not make two short quotes the same quote.
    assert changes.added_quotes == [StoryQuote("Maren Holt", "We will win this fight")]
    assert changes.dropped_quotes == [StoryQuote("Maren Holt", "We will see")]


def test_empty_and_wordless_paragraphs_are_ignored() -> None:
    assert paragraphs("First one.\n\n\n\n* * *\n\n  Second one. \n\n") == [
        "First one.", "Second one."
    ]


# ------------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds() -> dict[str, Extraction]:
    folder: Path = need(SEEDS)
    return {doc.id: doc for doc in (extract(a) for a in read_articles([str(folder)]))}


@pytest.mark.shared
def test_seeds_article_against_the_press_release(seeds: dict[str, Extraction]) -> None:
    release, article = seeds["press-release"], seeds["news-article"]
    changes = compare(release, article)

    # The article's own lead, with its dateline, is not in the release.
    leads = [p for p in changes.added_paragraphs if p.startswith("ERBIL (Kurdistan 24)")]
    assert len(leads) == 1 and "made itself weaker" in leads[0]
    # Paragraphs repeating the release, even with their attribution reworded
    # ("said Maj Gen John W. Brennan, Jr., commander of ... (CJTF-OIR)"), are not new.
    for phrase in ("The groups responsible for this brazen attack",
                   "Many Daesh detainees seized arms",
                   "Coalition forces conducted real-time surveillance",
                   "The coalition also declared that it retains the right",
                   "At the invitation of the Republic of Iraq"):
        assert any(phrase in p for p in paragraphs(article.body)), phrase
        assert not any(phrase in p for p in changes.added_paragraphs), phrase
    assert len(changes.added_paragraphs) < len(paragraphs(article.body)) // 4

    # What the article left out of the release: its opening, the date and the 2014 history.
    dropped = changes.dropped_paragraphs
    assert any(p.startswith("Daesh’s desperate attacks in the past days") for p in dropped)
    assert any("January 20, 2022" in p for p in dropped)
    assert any("answered the call for help back in 2014" in p for p in dropped)
    assert not any("The groups responsible for this brazen attack" in p for p in dropped)

    # Every Brennan quote of the article is in the release, some trimmed or split
    # ("they become" in the article, "they became" in the release), and the other way round.
    assert changes.added_quotes == []
    assert changes.dropped_quotes == []


@pytest.mark.shared
def test_seeds_release_against_the_article(seeds: dict[str, Extraction]) -> None:
    release, article = seeds["press-release"], seeds["news-article"]
    forward, backward = compare(release, article), compare(article, release)
    assert backward.added_paragraphs == forward.dropped_paragraphs
    assert backward.dropped_paragraphs == forward.added_paragraphs
    assert compare(article, article) == StoryChanges([], [], [], [])
