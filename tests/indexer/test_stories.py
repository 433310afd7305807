"""Story detection: copies and rewrites join one story; same-topic, different events do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS, need
from newsfacet.indexer.extract import extract
from newsfacet.indexer.readers import read_articles
from newsfacet.indexer.stories import (
    StoryIndex,
    containment,
    jaccard,
    shingles,
    signature,
    sketch,
)
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


def test_seeds_release_and_rewritten_article_join_one_story() -> None:
    seeds = need(SEEDS)
    docs = {a.id: extract(a) for a in read_articles([seeds]) if isinstance(a, Article)}
    release, article = docs["press-release"], docs["news-article"]
    index = StoryIndex()
    assert index.add(release.id, release.body) == "press-release"
    assert index.add(article.id, article.body) == "press-release"
    assert index.members_of("press-release") == ["press-release", "news-article"]


def test_two_events_on_one_topic_stay_separate_stories() -> None:
    index = StoryIndex()
    assert index.add("vote", BRIDGE_VOTE) == "vote"
    assert index.add("funding", BRIDGE_FUNDING) == "funding"


def test_a_near_copy_added_later_joins_the_existing_story() -> None:
    index = StoryIndex()
    index.add("vote", BRIDGE_VOTE)
    index.add("funding", BRIDGE_FUNDING)
    copy = BRIDGE_VOTE.replace("on Tuesday", "this week").replace("Dana Ortiz", "Ortiz")
    assert index.add("vote-copy", copy.upper()) == "vote"
    assert index.story_of("vote-copy") == "vote"
    assert index.story_of("funding") == "funding"


def test_story_ids_do_not_move_when_an_older_copy_turns_up() -> None:
    index = StoryIndex()
    assert index.add("article", ARTICLE) == "article"
    assert index.add("release", RELEASE) == "article"


def test_removing_the_first_document_keeps_the_story_joinable() -> None:
    index = StoryIndex()
    index.add("release", RELEASE)
    index.add("article", ARTICLE)
    assert index.remove("release") is True
    assert index.remove("release") is False
    assert index.members_of("release") == ["article"]
    assert index.add("reprint", RELEASE.replace("twelve", "12")) == "release"


def test_a_new_story_never_reuses_the_id_of_one_that_lives_on() -> None:
    index = StoryIndex()
    index.add("release", RELEASE)
    index.add("article", ARTICLE)
    index.remove("release")
    # the id comes back with unrelated text: a story of its own, under another name
    assert index.add("release", BRIDGE_VOTE) == "release~2"
    assert index.story_of("article") == "release"


def test_re_adding_a_document_with_new_text_moves_it_to_another_story() -> None:
    index = StoryIndex()
    index.add("vote", BRIDGE_VOTE)
    index.add("funding", BRIDGE_FUNDING)
    assert index.add("later", BRIDGE_VOTE) == "vote"
    assert index.add("later", BRIDGE_FUNDING) == "funding"
    assert index.members_of("vote") == ["vote"]
    assert len(index) == 3


def test_the_story_index_persists_and_a_rollback_forgets(tmp_path: Path) -> None:
    path = tmp_path / "stories.sqlite"
    index = StoryIndex(path)
    index.add("vote", BRIDGE_VOTE)
    index.commit()
    index.add("vote-copy", BRIDGE_VOTE)
    index.rollback()
    index.close()
    reopened = StoryIndex(path)
    assert reopened.members_of("vote") == ["vote"]
    assert reopened.add("copy", BRIDGE_VOTE.lower()) == "vote"
    reopened.close()
    with pytest.raises(ValueError, match="rebuild"):
        StoryIndex(path, threshold=0.5)


def test_short_texts_never_join_a_story() -> None:
    index = StoryIndex()
    assert index.add("a", "Markets closed higher.") == "a"
    assert index.add("b", "Markets closed higher.") == "b"


def test_containment_catches_a_release_rewritten_into_a_longer_article() -> None:
    release, article = shingles(RELEASE), shingles(ARTICLE)
    assert containment(release, article) > 0.7
    assert jaccard(release, article) < containment(release, article)
    assert containment(shingles(BRIDGE_VOTE), shingles(BRIDGE_FUNDING)) < 0.1
    assert containment(set(), article) == 0.0
    assert sketch(RELEASE).containment(sketch(ARTICLE)) == pytest.approx(
        containment(release, article))


def test_signature_ignores_case_and_punctuation() -> None:
    assert signature("The Mayor said: 'no'.").jaccard(signature("the mayor said no")) == 1.0
