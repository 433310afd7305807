"""Story detection: copies and rewrites join one story; same-topic, different events do not."""

from __future__ import annotations

import pytest

from conftest import SEEDS, need
from newsfacet.indexer.extract import extract
from newsfacet.indexer.readers import read_articles
from newsfacet.indexer.stories import StoryIndex, containment, jaccard, shingles, signature
from newsfacet.schema.document import Article

# Invented texts: two different events on the same topic in the same week.
BRIDGE_VOTE = (
    "The city council voted on Tuesday to close the old river bridge for repairs after "
    "engineers found cracks in two of its steel supports. Council member Dana Ortiz said the "
    "closure would last at least six months and that buses would be rerouted over the north "
    "bridge. Residents of the east side complained that the detour adds twenty minutes to "
    "their commute, and shop owners near the bridge said they feared losing customers. The "
    "repair contract, worth four million dollars, will be put out to tender next month."
)
BRIDGE_FUNDING = (
    "State lawmakers approved a transport budget on Thursday that sets aside money for "
    "bridge maintenance across the region, after a report found that one in five bridges "
    "needs urgent work. Senator Paul Meyer said the plan would speed up inspections and "
    "fund new sensors to detect corrosion early. Critics said the sum was too small to clear "
    "the backlog and called for a toll on heavy trucks. The budget now goes to the governor, "
    "who is expected to sign it before the end of the month."
)
# A release, and an article that wraps most of it in its own lead and ending.
RELEASE = (
    "The harbour authority today opened a new ferry terminal on the south quay, which will "
    "handle up to two million passengers a year. The terminal has twelve boarding gates, a "
    "covered waiting hall and direct access to the tram line. Construction took three years "
    "and was completed on budget, the authority said in a statement."
)
ARTICLE = (
    "Commuters queued from early morning to see the building. " + RELEASE.replace(
        "today opened", "on Monday opened") + " Local traders welcomed the terminal but "
    "warned that parking near the quay was already scarce, and asked the city to build a "
    "car park before the summer season brings more visitors to the harbour."
)


def test_seeds_release_and_rewritten_article_join_one_story_named_after_the_release() -> None:
    seeds = need(SEEDS)
    docs = {a.id: extract(a) for a in read_articles([seeds]) if isinstance(a, Article)}
    release, article = docs["press-release"], docs["news-article"]
    index = StoryIndex()
    assert index.add(release.id, release.body, str(release.published)) == "press-release"
    assert index.add(article.id, article.body, None) == "press-release"
    assert index.earliest["press-release"][1] == "press-release"


def test_two_events_on_one_topic_stay_separate_stories() -> None:
    index = StoryIndex()
    assert index.add("vote", BRIDGE_VOTE, "2024-05-07") == "vote"
    assert index.add("funding", BRIDGE_FUNDING, "2024-05-09") == "funding"


def test_a_near_copy_added_later_joins_the_existing_story() -> None:
    index = StoryIndex()
    index.add("vote", BRIDGE_VOTE, "2024-05-07")
    index.add("funding", BRIDGE_FUNDING, "2024-05-09")
    copy = BRIDGE_VOTE.replace("on Tuesday", "this week").replace("Dana Ortiz", "Ortiz")
    assert index.add("vote-copy", copy.upper(), "2024-05-08") == "vote"
    assert index.story_of("vote-copy") == "vote"
    assert index.story_of("funding") == "funding"


def test_an_older_document_added_later_keeps_the_story_id_stable() -> None:
    index = StoryIndex()
    assert index.add("article", ARTICLE, "2024-06-04") == "article"
    assert index.add("release", RELEASE, "2024-06-03") == "article"  # id stays: stable ids
    assert index.earliest["article"] == ("2024-06-03", "release")


def test_containment_catches_a_release_rewritten_into_a_longer_article() -> None:
    release, article = shingles(RELEASE), shingles(ARTICLE)
    assert containment(release, article) > 0.7
    assert jaccard(release, article) < containment(release, article)
    assert containment(shingles(BRIDGE_VOTE), shingles(BRIDGE_FUNDING)) < 0.1
    assert containment(set(), article) == 0.0


def test_signature_ignores_case_and_punctuation() -> None:
    assert signature("The Mayor said: 'no'.").jaccard(signature("the mayor said no")) == 1.0


def test_adding_the_same_id_twice_is_an_error() -> None:
    index = StoryIndex()
    index.add("vote", BRIDGE_VOTE)
    with pytest.raises(ValueError, match="'vote' is already"):
        index.add("vote", BRIDGE_VOTE)
