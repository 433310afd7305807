"""Pure scoring helpers: spans, overlap rules, name matching, precision/recall/F1, distance.

No I/O and no newsfacet imports, so the unit tests run without ``../shared``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def words(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated words."""
    return frozenset(text.split())


#: A half-open character range ``(start, end)``.
Span = tuple[int, int]

#: Words that qualify a name without being one ("Sen.", "President", "Jr.").
_TITLE_TOKENS = words("""
    mr mrs ms mx miss dr prof sir dame lord lady rev gen maj lt col capt sgt adm brig cmdr
    sen sens rep reps gov pres sec amb atty hon jr sr ii iii iv president vice senator
    governor secretary minister prime speaker mayor chairman chairwoman chair director
    commissioner judge justice attorney general representative congressman congresswoman
    ambassador chief leader former state deputy candidate nominee presidential democratic
    republican gop first lady the a an of and
""")
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


def span_length(spans: Sequence[Span]) -> int:
    """Total characters covered by ``spans`` (assumed not to overlap each other)."""
    return sum(max(0, end - start) for start, end in spans)


def overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters that the span lists ``a`` and ``b`` share."""
    return sum(max(0, min(ae, be) - max(as_, bs)) for as_, ae in a for bs, be in b)


def overlaps_half(a: Sequence[Span], b: Sequence[Span]) -> bool:
    """True when ``a`` and ``b`` share at least half of the shorter one (and something)."""
    shared = overlap(a, b)
    shorter = min(span_length(a), span_length(b))
    return shared > 0 and 2 * shared >= shorter


def overlaps_any(a: Span, b: Span) -> bool:
    """True when the two spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def name_tokens(name: str) -> list[str]:
    """Lower-case name tokens without titles, suffixes, initials and possessives."""
    out: list[str] = []
    for raw in _TOKEN.findall(name):
        tok = re.sub(r"['’]s$", "", raw).strip(".'’-").lower()
        if len(tok) > 1 and tok not in _TITLE_TOKENS:
            out.append(tok)
    return out


_NAME_RUN = re.compile(
    r"(?:[A-Z][\w'’.-]*|(?:de|van|von|der|da|di|la|le|bin|al)\b)"
    r"(?:\s+(?:[A-Z][\w'’.-]*|(?:de|van|von|der|da|di|la|le|bin|al)\b))*"
)


def name_head(source: str) -> str:
    """The name in an annotated source span, without its appositive.

    "David Axelrod, a former Obama adviser" -> "David Axelrod"; "Secretary of State
    John Kerry" -> "State John Kerry" (titles are dropped by :func:`name_tokens`).
    """
    before_comma = re.split(r",|\(|\s[–—-]\s", source, maxsplit=1)[0]
    runs = _NAME_RUN.findall(before_comma)
    return max(runs, key=lambda run: len(run.split())) if runs else source


#: Lower-case words after a capitalised run that keep it part of the name phrase ("Lee
#: Zeldin of New York", "Johnny Isakson and John Boozman"); any other lower-case word
#: makes the run a modifier of a description ("Trump campaign chairman Paul Manafort").
_JOINING_WORDS = words("of from in at for and or with to on")
_NEXT_WORD = re.compile(r"\s+([a-z][\w'’-]*)")


def source_name(source: str) -> str:
    """The person an annotated source span names: no appositive after a comma, bracket or
    dash, and no capitalised modifier of a description before the name.

    "Huma Abedin, vice chairwoman for Clinton's campaign" -> "Huma Abedin"; "Trump campaign
    chairman Paul Manafort" -> "Paul Manafort"; "Montclair State University political
    scientist Brigid Harrison" -> "Brigid Harrison"; "A flabbergasted Noah" -> "Noah". A
    reader credits neither Clinton with Abedin's words nor Trump with Manafort's.
    """
    # a bracket is a party or place tag inside the name phrase: "Maricopa County (Ariz.)
    # Sheriff Joe Arpaio", "Sen. Marco Rubio (R-Fla.)"
    head = re.split(r",|\s[–—-]\s", re.sub(r"\([^()]*\)", " ", source), maxsplit=1)[0]
    kept: list[str] = []
    # after "of", "from", …, the runs are the phrase's objects ("Zeldin of New York",
    # "Shirvanian of the Armenian Patriarchate of Jerusalem") until an "and" or "or"
    in_object = False
    for run in _NAME_RUN.finditer(head):
        following = _NEXT_WORD.match(head, run.end())
        word = following.group(1) if following is not None else ""
        if in_object or (word and word not in _JOINING_WORDS):
            in_object = in_object and word not in {"and", "or"}
            continue
        kept.append(run.group())
        # only after a full name: "Secretary of State John Kerry", "RNC Chief of Staff
        # Katie Walsh", "Fight for $15 organizing director Kendall Fells" keep the name
        in_object = word not in {"", "and", "or"} and len(name_tokens(run.group())) >= 2
    return " ".join(kept) if kept else head.strip()


def surname(name: str) -> str | None:
    """The last name token ("John W. Brennan Jr." -> "brennan"), None when there is none."""
    tokens = name_tokens(name)
    return tokens[-1] if tokens else None


def names_match(predicted: str, gold: str) -> bool:
    """True when a predicted speaker name names the gold source: either surname occurs
    among the other's name tokens ("Brennan" ~ "Maj. Gen. John W. Brennan, Jr.")."""
    p_tokens, g_tokens = set(name_tokens(predicted)), set(name_tokens(gold))
    p_last, g_last = surname(predicted), surname(gold)
    return bool((p_last and p_last in g_tokens) or (g_last and g_last in p_tokens))


@dataclass
class PRF:
    """Counts behind a precision/recall/F1 figure."""

    tp_pred: int = 0  # predictions judged correct
    n_pred: int = 0  # predictions scored
    tp_gold: int = 0  # gold items found
    n_gold: int = 0  # gold items in scope

    def add(self, other: PRF) -> None:
        """Accumulate another document's counts."""
        self.tp_pred += other.tp_pred
        self.n_pred += other.n_pred
        self.tp_gold += other.tp_gold
        self.n_gold += other.n_gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def set_f1(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, int, int]:
    """F1 between two sets of people, matched one-to-one with :func:`names_match`.

    Returns (f1, matched, unmatched predictions). Both empty counts as 1.0.
    """
    if not predicted and not gold:
        return 1.0, 0, 0
    free = list(gold)
    matched = 0
    for name in predicted:
        hit = next((g for g in free if names_match(name, g)), None)
        if hit is not None:
            free.remove(hit)
            matched += 1
    p = matched / len(predicted) if predicted else 0.0
    r = matched / len(gold) if gold else 0.0
    return f1(p, r), matched, len(predicted) - matched


def mention_prf(
    predicted: Sequence[Span], gold: Sequence[Span], ignore: Iterable[Span] = ()
) -> tuple[PRF, list[int], list[int]]:
    """Mention detection with overlapping spans.

    A prediction is correct when it overlaps a gold span; one that overlaps nothing in
    ``gold`` but overlaps an ``ignore`` span (annotated, out of scope) is not scored.
    A gold span is found when any prediction overlaps it. Returns the counts plus, for
    each gold span, the index of the first prediction overlapping it (-1 when missed),
    and the indices of the predictions counted wrong.
    """
    ignored = list(ignore)
    counts = PRF(n_gold=len(gold))
    found = [-1] * len(gold)
    wrong: list[int] = []
    for i, p in enumerate(predicted):
        hits = [j for j, g in enumerate(gold) if overlaps_any(p, g)]
        if hits:
            counts.tp_pred += 1
            counts.n_pred += 1
            for j in hits:
                if found[j] < 0:
                    found[j] = i
        elif any(overlaps_any(p, g) for g in ignored):
            continue
        else:
            counts.n_pred += 1
            wrong.append(i)
    counts.tp_gold = sum(1 for j in found if j >= 0)
    return counts, found, wrong


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def ratio(num: int, den: int) -> float | None:
    """num/den, or None when there is nothing to divide by."""
    return num / den if den else None


def ndcg_at(ranked: Sequence[str], gains: dict[str, float], k: int = 10) -> float:
    """Normalised discounted cumulative gain of the first ``k`` of ``ranked``.

    Gains are the judged grades (linear gain, log2 discount, as trec_eval's ``ndcg_cut``);
    the ideal ranking orders every judged document by grade. 0 when nothing is relevant.
    """
    dcg = sum(gains.get(doc, 0.0) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted((g for g in gains.values() if g > 0), reverse=True)[:k]
    best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def average_precision(ranked: Sequence[str], relevant: Iterable[str]) -> float:
    """Mean of the precision at each relevant document's rank, over all relevant ones
    (those never retrieved count 0), as trec_eval's ``map``."""
    wanted = set(relevant)
    if not wanted:
        return 0.0
    found, total = 0, 0.0
    for i, doc in enumerate(ranked, start=1):
        if doc in wanted:
            found += 1
            total += found / i
    return total / len(wanted)
