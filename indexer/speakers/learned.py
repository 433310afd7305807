"""A learned choice of speaker for the quotes the rules leave without one.

The rules attribute a quote when an attribution stands next to it ('," said X'); a quote
with none, and no quote before it in its chain or paragraph to take over from, used to go
to nobody. Here every person named near such a quote (the paragraph, the two before and
the one after) is a candidate, described by a few numbers (distance, same sentence, next
to a cue verb, sentence subject, quoted before, gender agreement with a "he"/"she"
nearby...), and a logistic regression trained on PolNeAR train (``make train``,
``evaluation/train_attribution.py``) scores each pair. The best candidate takes the quote
when its probability reaches the threshold chosen in training; otherwise nobody does.

The model is a list of coefficients in ``attribution_model.json`` beside this module:
scoring is a dot product per candidate, in plain Python.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .coreference import gender_of
from .mentions import Flags, PersonMentions
from .model import Source, Statement
from .people import Resolver
from .sentences import CONTEXT_CHARS, sentence_start

MODEL_PATH = Path(__file__).with_name("attribution_model.json")

#: The features, in the order of the model's coefficients.
FEATURES: tuple[str, ...] = (
    "bias",
    "dist_before",  # log distance from the nearest mention before the quote, scaled
    "dist_after",  # log distance to the nearest mention after the quote, scaled
    "none_before",  # no mention before the quote in the window
    "none_after",
    "same_sentence",  # a mention in the quote's sentence
    "same_para",
    "prev_para",
    "cue_after_mention",  # 'X said', 'X told': a cue verb right after a mention
    "cue_before_mention",  # 'said X'
    "sentence_subject",  # a mention opens its sentence
    "object",  # a mention after a preposition ('with X', 'to X')
    "in_quotes",  # every mention sits inside quotation marks
    "quoted_before",  # the candidate already speaks in the document
    "last_speaker",  # the candidate spoke last
    "mentions",  # log number of mentions in the window
    "pronoun_agrees",  # a 'he'/'she' next to the quote agrees with the candidate's gender
    "pronoun_disagrees",
    "full_name",  # the candidate is named in full somewhere in the window
    "whole_para",  # the quote fills its paragraph
    "short_quote",  # a fragment of at most three words
    "nearest",  # the candidate has the mention closest to the quote
    "log_words",  # the quote's length
    "sentence_open",  # the quote opens its sentence
    "first_person",  # the quote says I, we, my, our: speech, not a title or scare quote
)

_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|we|We|my|My|our|Our|me|us)\b")

_PRONOUN_NEAR = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)


@dataclass
class Candidate:
    """One person named near a quote, with the numbers the model reads."""

    source: Source
    features: list[float]


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> tuple[tuple[float, ...], float]:
    """(coefficients in :data:`FEATURES` order, probability threshold) from the JSON file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: features differ from the code's; run make train")
    return tuple(float(c) for c in data["coefficients"]), float(data["threshold"])


def probability(coefficients: tuple[float, ...], features: list[float]) -> float:
    """The logistic model's probability that a candidate is the speaker."""
    z = sum(c * f for c, f in zip(coefficients, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def candidates(
    text: str,
    paras: list[tuple[int, int]],
    item: Statement,
    resolver: Resolver,
    last_person: int | None,
    mentions: PersonMentions | None = None,
) -> list[Candidate]:
    """The people named around ``item`` (two paragraphs before to one after), one
    candidate per surname, each with its feature values."""
    ps, pe = paras[item.para]
    prev_ps = paras[item.para - 1][0] if item.para > 0 else ps
    s0 = sentence_start(text, ps, item.open_pos)
    found: dict[str, list[tuple[int, int, Source]]] = {}
    flags: dict[int, Flags] = {}
    if mentions is None:
        mentions = PersonMentions(text, paras)
    first, last = max(0, item.para - 2), min(len(paras) - 1, item.para + 1)
    window = mentions.between(
        first, last, item.open_pos - CONTEXT_CHARS, item.end + CONTEXT_CHARS)
    for a, b, key, src, fl in window:
        if not item.open_pos <= a < item.end:  # not a name inside the quote itself
            found.setdefault(key, []).append((a, b, src))
            flags[a] = fl
    if not found:
        return []
    pronoun = _pronoun_near(text, item, pe)
    nearest_key = min(
        found, key=lambda k: min(_distance(item, a, b) for a, b, _ in found[k])
    )
    first_person = 1.0 if _FIRST_PERSON.search(text, item.start, item.end) else 0.0
    out: list[Candidate] = []
    for key, named in found.items():
        before = [(a, b) for a, b, _ in named if b <= item.open_pos]
        after = [(a, b) for a, b, _ in named if a >= item.end]
        best = max(named, key=lambda x: len(x[2].name.split()))[2]
        group = next(
            (i for i, g in enumerate(resolver.groups) if g.kind == "person" and g.key[0] == key),
            None,
        )
        gender = gender_of(best.name, best.title)
        own = [flags[a] for a, _, _ in named]
        all_quoted = all(f[0] for f in own)
        cue_after, cue_before, obj, subject = (
            1.0 if any(f[k] for f in own) else 0.0 for k in (1, 2, 3, 4)
        )
        d_before = item.open_pos - max(b for _, b in before) if before else None
        d_after = min(a for a, _ in after) - item.end if after else None
        features = [
            1.0,
            math.log1p(d_before) / 8.0 if d_before is not None else 0.0,
            math.log1p(d_after) / 8.0 if d_after is not None else 0.0,
            0.0 if before else 1.0,
            0.0 if after else 1.0,
            1.0 if any(s0 <= a < pe for a, _, _ in named) and _same_sentence(
                text, ps, pe, item, named) else 0.0,
            1.0 if any(ps <= a < pe for a, _, _ in named) else 0.0,
            1.0 if any(prev_ps <= a < ps for a, _, _ in named) and item.para > 0 else 0.0,
            cue_after,
            cue_before,
            subject,
            obj,
            1.0 if all_quoted else 0.0,
            1.0 if group is not None and resolver.groups[group].items else 0.0,
            1.0 if group is not None and group == last_person else 0.0,
            math.log1p(len(named)),
            1.0 if pronoun and gender and gender == pronoun else 0.0,
            1.0 if pronoun and gender and gender != pronoun else 0.0,
            1.0 if len(best.name.split()) >= 2 else 0.0,
            1.0 if item.whole_para else 0.0,
            1.0 if item.words <= 3 else 0.0,
            1.0 if key == nearest_key else 0.0,
            math.log1p(item.words) / 4.0,
            1.0 if item.sentence_open else 0.0,
            first_person,
        ]
        out.append(Candidate(best, features))
    return out


def _distance(item: Statement, a: int, b: int) -> int:
    return item.open_pos - b if b <= item.open_pos else a - item.end


def _same_sentence(
    text: str, ps: int, pe: int, item: Statement, mentions: list[tuple[int, int, Source]]
) -> bool:
    """A mention in the sentence that holds the quote's opening mark."""
    s0 = sentence_start(text, ps, item.open_pos)
    return any(ps <= a < pe and sentence_start(text, ps, a) == s0 for a, _, _ in mentions)


def _pronoun_near(text: str, item: Statement, para_end: int) -> str:
    """'m'/'f' for a "he"/"she" right after the quote or just before it, else ''."""
    after = text[item.end : min(para_end, item.end + 25)]
    before = text[max(0, item.open_pos - 25) : item.open_pos]
    m = _PRONOUN_NEAR.search(after) or _PRONOUN_NEAR.search(before)
    if m is None:
        return ""
    return "m" if m.group().lower() == "he" else "f"


def choose(item: Statement, found: list[Candidate]) -> Source | None:
    """The candidate the model gives the quote, or None below the trained threshold."""
    if not found:
        return None
    coefficients, threshold = load_model()
    scored = [(probability(coefficients, c.features), i) for i, c in enumerate(found)]
    p, i = max(scored)
    return found[i].source if p >= threshold else None
