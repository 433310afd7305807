"""Crash safety: an indexer killed with SIGKILL at any moment leaves an index that opens,
keeps every document committed before the kill, and converges when the command is re-run.

Each trial runs the real ``newsfacet index`` command on a new version of a corpus (a third
of the documents changed, some added) and kills its process group after a random delay
(seeded, so a failure replays). Between trials the index is opened from scratch and
checked; after the last, the command runs to the end and the index must hold exactly the
last version.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from newsfacet.api import SearchService
from newsfacet.indexer.extract import extract
from newsfacet.indexer.pipeline import content_hash, index_paths
from newsfacet.indexer.store import PENDING, GenerationWriter, IndexStore
from newsfacet.schema.document import Article

TRIALS = 20
SEED = 20261123
DOCUMENTS = 240
NEWSFACET = Path(sys.executable).with_name("newsfacet")
PLACES = ("Rotterdam", "Antwerp", "Hamburg", "Porto", "Lyon", "Bergen", "Mombasa", "Erbil")
PEOPLE = ("Ana Lindqvist", "Joris Vermeulen", "Ingrid Solberg", "Rui Albergaria")


def record(n: int, version: int) -> dict[str, object]:
    """An invented article; ``version`` changes its text (and so its content hash)."""
    place, person = PLACES[n % len(PLACES)], PEOPLE[n % len(PEOPLE)]
    return {
        "id": f"doc-{n:04d}", "title": f"Harbour report {n} ({version})",
        "outlet": f"Outlet {n % 5}", "published": f"2024-0{1 + n % 9}-1{n % 10}",
        "body": (f"{place.upper()} (Outlet {n % 5}) - Port workers in {place} met on "
                 f"Tuesday to discuss shift number {n}, revision {version}.\n\n"
                 f"\"We have waited long enough for revision {version},\" said {person}, "
                 f"who leads the union branch in {place}.\n\nTalks resume next week."),
    }


def write_version(path: Path, version: int, rng: random.Random,
                  versions: dict[str, int]) -> dict[str, int]:
    """A corpus where about a third of the documents move to ``version``; a few are new."""
    count = min(DOCUMENTS, 160 + 4 * version)
    changed = dict(versions)
    for n in range(count):
        doc_id = f"doc-{n:04d}"
        if doc_id not in changed or rng.random() < 0.33:
            changed[doc_id] = version
    path.write_text("".join(json.dumps(record(int(d[4:]), v)) + "\n"
                            for d, v in sorted(changed.items())), encoding="utf-8")
    return changed


def run_index(index: Path, corpus: Path, kill_after: float | None) -> float:
    """Run the command; kill it after ``kill_after`` seconds, or wait. Seconds it ran."""
    began = time.monotonic()
    process = subprocess.Popen(
        [str(NEWSFACET), "index", "--quiet", "--index", str(index), str(corpus)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    if kill_after is None:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
        return time.monotonic() - began
    time.sleep(kill_after)
    # the indexer and any worker it started; if it finished first, that is a trial too
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    return time.monotonic() - began


def indexed_versions(index: Path) -> dict[str, int]:
    """Id -> version of every document, read through a fresh service (it must open)."""
    with SearchService(index) as service:
        hits = service.search("", per_page=100, page=1, highlight=False)
        ids: list[str] = []
        page = 1
        while True:
            ids += [h.id for h in hits.hits]
            if page * 100 >= hits.total:
                break
            page += 1
            hits = service.search("", per_page=100, page=page, highlight=False)
        counts = Counter(ids)
        assert not [d for d, n in counts.items() if n > 1], "a document is in the index twice"
        assert service.count() == len(counts)
        versions = {}
        for doc_id in counts:
            title = service.get(doc_id).title or ""
            versions[doc_id] = int(title.rsplit("(", 1)[1].rstrip(")"))
        quotes = service.search_quotes("", per_page=100)
        assert quotes.total <= len(counts)  # one quote per document at most, no leftovers
    return versions


def test_sigkill_at_random_moments_never_loses_or_duplicates(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    index, corpus = tmp_path / "index", tmp_path / "corpus.jsonl"
    written = write_version(corpus, 0, rng, {})
    full = run_index(index, corpus, None)  # how long a whole run takes on this machine
    committed = indexed_versions(index)
    assert committed == written
    outcomes: Counter[str] = Counter()

    def trial(version: int, share: float) -> None:
        nonlocal written, committed
        written = write_version(corpus, version, rng, written)
        run_index(index, corpus, kill_after=full * share)
        IndexStore(index).check_schema()  # the live generation and its metadata read
        now = indexed_versions(index)
        lost = set(committed) - set(now)
        assert not lost, f"trial {version}: committed documents lost: {sorted(lost)[:5]}"
        # each document is as committed before, or as this run wrote it: never anything else
        wrong = {d: v for d, v in now.items() if v not in (committed.get(d), written[d])}
        assert not wrong, f"trial {version}: unexpected versions {list(wrong.items())[:5]}"
        outcomes["committed" if now != committed else "not committed"] += 1
        committed = now

    for version in range(1, TRIALS + 1):
        # from start-up to past the end, often near the commit, where a kill hurts most
        trial(version, rng.uniform(0.1, 1.25) if version % 2 else rng.uniform(0.75, 1.1))
    # a loaded machine can make every run slower (or faster) than the first: until the
    # kills have landed on both sides of a commit, move them further out (or in)
    for extra in range(1, 9):
        if outcomes["committed"] and outcomes["not committed"]:
            break
        share = 1.0 + extra if not outcomes["committed"] else 0.5 ** extra
        trial(TRIALS + extra, share)
    run_index(index, corpus, None)
    assert indexed_versions(index) == written
    # the kills must have landed on both sides of a commit, or the trials proved little
    assert outcomes["committed"] and outcomes["not committed"], outcomes


def _write_interrupted(store: IndexStore, records: list[dict[str, object]]) -> None:
    """Write ``records`` and die between the quote and the document commits."""
    writer = GenerationWriter(store)
    for data in records:
        article = Article.from_record(data)
        writer.add(extract(article), content_hash(article), replace=data["id"] == "doc-0000")

    def killed() -> None:
        raise KeyboardInterrupt("killed between the commits")

    writer.docs.commit = killed
    with pytest.raises(KeyboardInterrupt):
        writer.commit()
    writer.docs.cancel()  # what the process's death does to Whoosh's lock


def test_quotes_of_an_interrupted_commit_are_hidden_then_repaired(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(record(0, 1)) + "\n", encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    index_paths(store, [corpus], progress=False)
    # doc-0000 rewritten (version 2) and doc-0001 added; only their quotes commit
    _write_interrupted(store, [record(0, 2), record(1, 2)])
    assert (store.current_path() / PENDING).exists()
    with store.open_quotes().reader() as reader:
        assert reader.doc_count() == 2  # the new quotes did land

    with SearchService(store.path) as service:
        # quotes of versions that did not land are not shown (nor counted, nor matched);
        # the committed version's quote was replaced, so it waits for the repair
        assert service.search_quotes("", per_page=10).total == 0
        assert service.search_quotes("revision").total == 0
        assert service.search_quotes("", facets=["speaker"]).facets["speaker"] == []

    # the next write, with nothing to do itself, puts quotes and stories back in line
    assert index_paths(store, [corpus], progress=False).unchanged == 1
    assert not (store.current_path() / PENDING).exists()
    with store.open_quotes().searcher() as searcher:
        kept = [(s["doc_id"], s["text"]) for s in searcher.all_stored_fields()]
    assert len(kept) == 1 and kept[0][0] == "doc-0000" and "revision 1" in kept[0][1]
    with SearchService(store.path) as service:
        assert service.search_quotes("revision").total == 1
    stories = store.open_stories()
    try:
        assert stories.story_of("doc-0001") is None
        assert stories.story_of("doc-0000") is not None
    finally:
        stories.close()
