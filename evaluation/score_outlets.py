"""Outlets inferred from texts whose metadata is withheld.

Sets: Reuters stories (the 1987 wire has no "(Reuters)" in its datelines, only a
trailing "Reuter" sign-off), the two seeds, the twelve demo article files, and the
PolNeAR dev articles (gold = the publisher code). An outlet counts as correct when its
folded name equals or contains the gold name or one of its aliases.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from score_dates import fold
from shared import DATA, DEMO_FILES, SEEDS, read_jsonl, run_file, run_json

from newsfacet.schema.document import Extraction

#: Expected outlets of the demo files (demo/corpus/README.md) and the seeds.
FILE_OUTLETS: dict[str, str] = {
    "port-strike-day2.txt": "Northbound Wire",
    "port-deal-press-release.txt": "Maritime Commissioner Press Office",
    "tidemark-launch.txt": "Northbound Wire",
    "tidemark-anomaly.txt": "Halvorsen Institute Newsroom",
    "douro-flood-army.txt": "The Tidewater Courier",
    "election-debate.txt": "The Tidewater Courier",
    "election-results.txt": "Lantern Public Radio",
    "trade-summit-opens.txt": "Kestrel Daily",
    "douro-flood-satellite-map.html": "Halvorsen Institute Newsroom",
    "tidemark-first-images.html": "Lantern Public Radio",
    "commissioner-mombasa-corridor.html": "Maritime Commissioner Press Office",
    "election-recount.html": "Kestrel Daily",
}
SEED_OUTLETS = {"press-release.txt": "CJTF-OIR Public Affairs", "news-article.txt": "Kurdistan 24"}
#: PolNeAR publisher codes -> the names an outlet could be given under.
POLNEAR_OUTLETS = {
    "breitbart": ["Breitbart"], "huff-post": ["HuffPost", "Huffington Post"],
    "nyt": ["New York Times"], "politico": ["Politico"], "usa-today": ["USA Today"],
    "wash-post": ["Washington Post"], "west-journal": ["Western Journal", "WesternJournalism"],
}


@dataclass
class OutletScore:
    """Per-set counts: documents, outlets given, correct ones."""

    n: int = 0
    given: int = 0
    correct: int = 0
    #: Outlet names the wire service the metadata credits (PolNeAR ``wire``/``credit``).
    credited: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def wrong(self) -> int:
        return self.given - self.correct - self.credited


def outlet_matches(predicted: str, gold: list[str]) -> bool:
    """Folded equality or containment either way ("Reuters" ~ "Reuter")."""
    p = fold(predicted)
    return any(g2 in p or p in g2 for g2 in (fold(g) for g in gold) if p and g2)


def _add(score: OutletScore, extraction: Extraction, gold: list[str], label: str,
         credited: tuple[str, ...] = ()) -> None:
    score.n += 1
    if extraction.outlet is None:
        return
    score.given += 1
    if outlet_matches(extraction.outlet, gold):
        score.correct += 1
    elif credited and outlet_matches(extraction.outlet, list(credited)):
        score.credited += 1
    elif len(score.examples) < 6:
        score.examples.append(f"{label}: {extraction.outlet!r} (gold {gold[0]!r})")


def score_outlets(reuters: dict[str, Extraction]) -> dict[str, OutletScore]:
    """Outlet figures per set; ``reuters`` are the Reuters JSON runs by id."""
    scores: dict[str, OutletScore] = {}
    s = scores["reuters21578"] = OutletScore()
    for doc_id, extraction in reuters.items():
        _add(s, extraction, ["Reuters", "Reuter"], doc_id)
    s = scores["seeds + demo files"] = OutletScore()
    for name, outlet in SEED_OUTLETS.items():
        _add(s, run_file(SEEDS / name).extraction, [outlet], name)
    for name, outlet in FILE_OUTLETS.items():
        _add(s, run_file(DEMO_FILES / name).extraction, [outlet], name)
    s = scores["polnear dev"] = OutletScore()
    for doc in read_jsonl(DATA / "polnear-attribution" / "annotations.jsonl.xz"):
        if doc["compartment"] == "dev":
            gold = POLNEAR_OUTLETS.get(doc["outlet"], [doc["outlet"]])
            credited = tuple(c for c in (doc.get("wire"), doc.get("credit")) if c)
            _add(s, run_json(doc["id"], doc["text"]).extraction, gold, doc["id"][:30],
                 credited)
    return scores
