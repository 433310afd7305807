"""Publication dates and datelines with the metadata withheld.

Reuters-21578 (no extraction split; every NORM story with a body and a dateline): the
text is rebuilt as the wire ran it, ``<DATELINE> - <BODY>`` ("CLEVELAND, Feb 26 - ...").
The dateline states day and month but never the year, so no story states a full
publication date: any date extracted there is invented. Where a full date *is* stated,
accuracy comes from the seeds and the demo article files (expected values listed in
``demo/corpus/README.md``), read as the indexer reads files.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from shared import DATA, DEMO_FILES, SEEDS, read_jsonl, run_file, run_json

from newsfacet.indexer.extract import extract
from newsfacet.schema.document import Article, Extraction

#: Publication dates the demo files and seeds state (None: the file states none).
#: From demo/corpus/README.md ("files/ - expected extraction") and the seed headers.
FILE_DATES: dict[str, str | None] = {
    "port-strike-day2.txt": "2023-09-14",
    "port-deal-press-release.txt": "2023-09-22",
    "tidemark-launch.txt": "2023-11-21",
    "tidemark-anomaly.txt": "2024-04-09",
    "douro-flood-army.txt": None,
    "election-debate.txt": None,
    "election-results.txt": "2024-03-20",
    "trade-summit-opens.txt": "2024-06-11",
    "douro-flood-satellite-map.html": "2024-01-12",
    "tidemark-first-images.html": "2023-12-14",
    "commissioner-mombasa-corridor.html": "2024-06-12",
    "election-recount.html": "2024-04-02",
    "seeds/press-release.txt": "2022-01-24",
    "seeds/news-article.txt": None,
}

#: Every how-many-th Reuters story is also run as a bare text file (header reading on).
TEXT_SAMPLE_EVERY = 10


@dataclass
class DateScore:
    """Counts for the date and dateline figures."""

    stated: int = 0
    stated_ok: int = 0
    unstated: int = 0
    invented: int = 0
    dateline_n: int = 0
    dateline_ok: int = 0
    dateline_found: int = 0
    reuters_n: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, example: str) -> None:
        """Count one error and keep a few short examples."""
        self.errors[kind] += 1
        shown = self.examples.setdefault(kind, [])
        if len(shown) < 6:
            shown.append(example)


def fold(text: str) -> str:
    """Upper case, no accents, single spaces: how datelines are compared."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(plain.upper().replace(".", "").split())


def gold_dateline_place(dateline: str) -> str:
    """The place of a Reuters dateline: what precedes the first comma."""
    return dateline.split(",", 1)[0].split(" - ", 1)[0].strip()


def reuters_stories() -> Iterator[dict]:
    """NORM stories with a body and a dateline, in id order."""
    for doc in read_jsonl(DATA / "reuters21578" / "corpus.jsonl.xz"):
        if doc["text_type"] == "NORM" and doc.get("body") and doc.get("dateline"):
            yield doc


def wire_text(doc: dict) -> str:
    """The story as the wire ran it: dateline, dash, body."""
    return f"{doc['dateline']} - {doc['body']}"


def dateline_of(extraction: Extraction) -> tuple[str | None, str | None]:
    """(dateline place as written, label of the resolved dateline place)."""
    written = extraction.provenance.get("dateline")
    resolved = next((p.label for p in extraction.locations if p.dateline), None)
    return written, resolved


def score_reuters_story(doc: dict, extraction: Extraction, score: DateScore) -> None:
    """Dateline and invented-date checks for one story extracted as a JSON record."""
    score.reuters_n += 1
    score.unstated += 1
    if extraction.published is not None:
        score.invented += 1
        score.note("date invented", f"{doc['id']}: {extraction.published}")
    gold = fold(gold_dateline_place(doc["dateline"]))
    written, resolved = dateline_of(extraction)
    score.dateline_n += 1
    if written is not None:
        score.dateline_found += 1
    if written is not None and fold(written) == gold:
        score.dateline_ok += 1
    elif written is None:
        score.note("dateline not found", f"{doc['dateline']!r}")
    else:
        score.note("dateline place differs", f"{doc['dateline']!r} -> {written!r}")
    if written is not None and resolved is None:
        score.note("dateline place not resolved", f"{written!r}")


def score_dates(extractions: dict[str, Extraction]) -> DateScore:
    """All date and dateline figures; ``extractions`` are the Reuters JSON runs by id."""
    score = DateScore()
    stories = list(reuters_stories())
    for doc in stories:
        score_reuters_story(doc, extractions[str(doc["id"])], score)
    for doc in stories[::TEXT_SAMPLE_EVERY]:  # the same stories as bare .txt files
        found = extract(Article(id=str(doc["id"]), body=wire_text(doc), format="text"))
        score.unstated += 1
        if found.published is not None:
            score.invented += 1
            score.note("date invented (as text file)", f"{doc['id']}: {found.published}")
    for name, expected in FILE_DATES.items():
        path = SEEDS / name.split("/", 1)[1] if name.startswith("seeds/") else DEMO_FILES / name
        published = run_file(path).extraction.published
        if expected is None:
            score.unstated += 1
            if published is not None:
                score.invented += 1
                score.note("date invented", f"{name}: {published}")
            continue
        score.stated += 1
        if published == dt.date.fromisoformat(expected):
            score.stated_ok += 1
        else:
            score.note("stated date missed or wrong", f"{name}: {published} vs {expected}")
    return score


def run_reuters() -> dict[str, Extraction]:
    """Extract every Reuters story once, as a JSON record with the metadata withheld."""
    return {str(d["id"]): run_json(str(d["id"]), wire_text(d)).extraction
            for d in reuters_stories()}
