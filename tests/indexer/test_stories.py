"""Story detection: copies and rewrites join one story; same-topic, different events do not."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, need
from newsfacet.indexer.extract import extract
from newsfacet.indexer.readers import read_articles
from newsfacet.indexer.stories import (
    COMMON_SHINGLE_DOCS,
    StoryIndex,
    containment,
    jaccard,
    shingle_hashes,
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


def _words(seed: int, n: int) -> str:
    """Invented text: ``n`` words drawn from a fixed vocabulary, different for each seed."""
    vocabulary = ["harbour", "council", "river", "bridge", "tender", "shift", "union", "crane",
                  "ferry", "quay", "budget", "repair", "engineer", "tide", "station", "summit",
                  "export", "tariff", "coffee", "grain", "barge", "pilot", "storm", "levee",
                  "pump", "canal", "lock", "freight", "rail", "depot", "warehouse"]
    rng = random.Random(seed)
    return " ".join(rng.choice(vocabulary) for _ in range(n))


def test_stories_do_not_grow_by_chains_of_partial_overlaps() -> None:
    first, second, third, fourth = (_words(seed, 60) for seed in (1, 2, 3, 4))
    index = StoryIndex()
    assert index.add("a", f"{first} {second}") == "a"
    assert index.add("b", f"{second} {third}") == "a"  # half of it is a's text
    # half of c is b's, none of it is the story's first document: a story of its own
    assert index.add("c", f"{third} {fourth}") == "c"


def test_an_outlets_template_stops_counting_once_it_recurs() -> None:
    footer = _words(99, 120)  # a press office's boilerplate, longer than its releases
    index = StoryIndex()
    stories = [index.add(f"r{n}", f"{_words(n, 60)} {footer}", "Press Office")
               for n in range(10)]
    # the first releases join on their shared footer before it has recurred often enough
    # to count as the outlet's template; from then on each is a story of its own
    assert stories[COMMON_SHINGLE_DOCS:] == [f"r{n}" for n in range(COMMON_SHINGLE_DOCS, 10)]
    # another outlet republishing a release, footer and all, still joins it
    assert index.add("copy", f"{_words(8, 60)} {footer}", "Daily") == "r8"


def test_counts_follow_deletes_and_rollbacks(tmp_path: Path) -> None:
    footer = _words(99, 120)
    index = StoryIndex(tmp_path / "stories.sqlite")
    for n in range(COMMON_SHINGLE_DOCS):
        index.add(f"r{n}", f"{_words(n, 60)} {footer}", "Press Office")
    index.commit()
    index.add("late", f"{_words(50, 60)} {footer}", "Press Office")
    index.rollback()  # the footer is back to COMMON_SHINGLE_DOCS documents
    index.remove("r0")
    index.commit()
    index.close()
    reopened = StoryIndex(tmp_path / "stories.sqlite")
    # one fewer release holds the footer now, so it is evidence again: a new release joins
    assert reopened.add("late", f"{_words(50, 60)} {footer}", "Press Office") == "r0"
    reopened.close()


vocabulary_words = st.lists(st.sampled_from(["the", "bridge", "council", "vote", "river",
                                             "o'neill", "x"]), max_size=40)


@settings(max_examples=200, deadline=None)
@given(vocabulary_words, st.integers(min_value=1, max_value=6))
def test_a_shingle_hashes_the_same_wherever_it_stands(tokens: list[str], size: int) -> None:
    """A text's hashes are exactly its shingles' hashes, each computed on its own."""
    whole = shingle_hashes(tokens, size)
    if len(tokens) <= size:
        alone = [shingle_hashes(tokens, size)]
    else:
        alone = [shingle_hashes(tokens[i:i + size], size)
                 for i in range(len(tokens) - size + 1)]
    expected = np.unique(np.concatenate(alone)) if alone else np.empty(0, dtype=np.uint32)
    assert whole.tolist() == expected.tolist()
    assert whole.dtype == np.uint32 and np.all(np.diff(whole.astype(np.int64)) > 0)


def test_shingle_hashes_tell_word_order_and_words_apart() -> None:
    texts = [["a", "b", "c", "d", "e"], ["e", "d", "c", "b", "a"], ["a", "b", "c", "d", "f"],
             ["a", "b", "c", "d"], ["ab", "c", "d", "e"]]
    hashes = [shingle_hashes(t).tolist() for t in texts]
    assert all(len(h) == 1 for h in hashes)
    assert len({h[0] for h in hashes}) == len(texts)
    assert shingle_hashes([]).size == 0


def test_sketch_containment_counts_shingles_as_the_sets_do() -> None:
    rng = random.Random(5)
    for _ in range(20):
        base = " ".join(rng.choice(["harbour", "crane", "tide", "ferry", "quay", "budget",
                                    "storm", "lock"]) for _ in range(rng.randint(5, 200)))
        other = " ".join(base.split()[rng.randint(0, 20):]) + " storm tide"
        assert sketch(base).containment(sketch(other)) == pytest.approx(
            containment(shingles(base), shingles(other)))
