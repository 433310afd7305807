"""Choose the ranking settings by leave-one-collection-out over TIME, CISI and Cranfield.

    make loo                                             # the tables (~15 min, 2 busy cores)
    .venv/bin/python evaluation/ranking_loo.py --check   # fast scorer vs SearchService
    .venv/bin/python evaluation/ranking_loo.py --analyzers porter none   # fewer variants

Each collection is indexed once per analyzer variant through the real pipeline, each
query parsed once by the engine's parser, and every setting of the grid (k1, b, the
IDF, the title weight and b, the proximity weight, slop and form) re-scored in numpy
from the index's postings (``loo_scorer.py``): no governor, no timeout, seconds a grid.
For each held-out collection the setting chosen on the two others is the one with the
best *worst* ratio to the best untuned peer (never far behind beats winning most), and
its held-out figure is what a collection we never saw can expect.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ranking as rk
from loo_scorer import Collection, Setting
from metrics import ndcg_at
from shared import DATA
from whoosh.lang import porter, porter2

from newsfacet.api.engine import query as engine_query
from newsfacet.api.engine import ranking as engine_ranking
from newsfacet.indexer.store import IndexStore
from newsfacet.schema import fields as schema_fields

#: The grid: every combination is scored on every collection and analyzer.
K1S = (0.9, 1.2, 1.5, 1.8, 2.1, 2.4)
BS = (0.5, 0.65, 0.75, 0.85, 1.0)
#: Whoosh's IDF lost at every k1 and b in the previous run (docs/quality.md): ``--idf``
#: adds it back.
IDFS = ("rsj",)
TITLES = (0.5, 1.0)
PROXIMITY = ((0.0, 3, "sum"), (0.05, 3, "sum"), (0.1, 3, "sum"), (0.1, 1, "sum"),
             (0.2, 3, "sum"), (0.2, 3, "idf"), (0.4, 3, "idf"))
#: How a repeated query word weighs: n ** exponent (1 each repeat, 0.5 a square root,
#: 0 once as Whoosh's own parser has it).
REPEATS = (1.0, 0.5, 0.0)
#: The setting the engine ships (api/engine/ranking.py), and the one it shipped before.
SHIPPED = Setting(k1=float(engine_ranking.WEIGHTING.K1), b=float(engine_ranking.WEIGHTING.B),
                  title_b=engine_ranking.TITLE_B, title=engine_ranking.TITLE_QUERY_WEIGHT,
                  proximity=engine_ranking.PROXIMITY_BOOST, slop=engine_ranking.PROXIMITY_SLOP,
                  repeats=engine_ranking.REPEAT_EXPONENT)
BEFORE = Setting(k1=1.8, b=0.85)
STANDARD = Setting(k1=1.2, b=0.75, title=1.0, proximity=0.0, idf="rsj")


def _plural(word: str) -> str:
    """Harman's S-stemmer: plurals only."""
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def _normal(stem: Callable[[str], str], stops: bool = True,
            possessive: bool = True) -> Callable[[str], tuple[str, bool]]:
    def normal_word(word: str) -> tuple[str, bool]:
        text = word.lower().translate(schema_fields._ACCENTS)
        if possessive and text.endswith(schema_fields._POSSESSIVE) and len(text) > 2:
            text = text[:-2]
        if len(text) >= schema_fields.MIN_WORD and not (stops and text in
                                                        schema_fields.STOP_WORDS):
            return stem(text), False
        return text, True
    return normal_word


#: Analyzer variants: the word normaliser swapped into the schema's filter.
ANALYZERS: dict[str, Callable[[str], tuple[str, bool]]] = {
    "porter": schema_fields.normal_word,
    "porter2": _normal(porter2.stem),
    "plural": _normal(_plural),
    "none": _normal(lambda w: w),
    "porter-allwords": _normal(porter.stem, stops=False),
    "porter-keep-'s": _normal(porter.stem, possessive=False),
}


@contextmanager
def analyzer(name: str) -> Iterator[None]:
    """Index and parse with one word normaliser (the schema's filter reads it by name)."""
    shipped = schema_fields.normal_word
    schema_fields.normal_word = ANALYZERS[name]  # type: ignore[assignment]
    try:
        yield
    finally:
        schema_fields.normal_word = shipped  # type: ignore[assignment]


@contextmanager
def raw_boosts() -> Iterator[None]:
    """Parse with every weight the grid varies at 1 and repeats counted in full, so a
    leaf's boost is how often the query says the word (the scorer applies the rest)."""
    saved = (engine_query.PROXIMITY_BOOST, engine_query.TITLE_QUERY_WEIGHT,
             engine_ranking.REPEAT_EXPONENT)
    engine_query.PROXIMITY_BOOST, engine_query.TITLE_QUERY_WEIGHT = 1.0, 1.0
    engine_ranking.REPEAT_EXPONENT = 1.0
    try:
        yield
    finally:
        (engine_query.PROXIMITY_BOOST, engine_query.TITLE_QUERY_WEIGHT,
         engine_ranking.REPEAT_EXPONENT) = saved


Key = tuple[str, Setting]  # (analyzer, setting)


def settings(idfs: tuple[str, ...] = IDFS) -> list[Setting]:
    return [Setting(k1=k1, b=b, idf=idf, title=t, proximity=p, slop=s, near=form, repeats=r)
            for k1, b, idf, t, (p, s, form), r in itertools.product(
                K1S, BS, idfs, TITLES, PROXIMITY, REPEATS)]


def score_collection(name: str, analyzers: list[str], grid: list[Setting],
                     out: dict[str, dict[Key, float]]) -> None:
    """nDCG@10 of every (analyzer, setting) on one collection."""
    collection = rk.COLLECTIONS[name]
    folder = DATA / collection.folder
    queries = dict((qid, text) for qid, text in rk._read_tsv(folder / "queries.tsv"))
    gains: dict[str, dict[str, float]] = defaultdict(dict)
    for qid, _, doc, grade in rk._read_tsv(folder / "qrels.tsv"):
        if float(grade) > 0:
            gains[qid][doc] = float(grade)
    judged = sorted(gains, key=int)
    for variant in analyzers:
        with analyzer(variant), tempfile.TemporaryDirectory(prefix=f"loo-{name}-") as tmp:
            index = IndexStore(Path(rk._index(collection, Path(tmp)))).open()
            with index.searcher() as searcher:
                ids = [searcher.stored_fields(d)["id"] for d in range(searcher.doc_count_all())]
                data = Collection(searcher, ids)
                with raw_boosts():
                    leaves = [data.leaf(engine_query.parse(
                        rk.plain_query(queries[q]), searcher.schema,
                        engine_query.SEARCH_FIELDS, None, "or")) for q in judged]
                # the saturation is the costly part: once per query, k1 and b
                shapes: dict[tuple[float, float, float], list[Setting]] = defaultdict(list)
                for s in grid:
                    shapes[(s.k1, s.b, s.title_b)].append(s)
                per: dict[Setting, list[float]] = defaultdict(list)
                for q, leaf in zip(judged, leaves, strict=True):
                    for same in shapes.values():
                        sat = data.saturation(leaf, same[0])
                        for s in same:
                            per[s].append(ndcg_at(data.top(leaf, s, sat=sat), gains[q], 10))
                for s in grid:
                    out[name][(variant, s)] = statistics.fmean(per[s])
        print(f"  {collection.name} {variant}: indexed and scored", file=sys.stderr)


def worst(scores: dict[str, dict[Key, float]], key: Key, names: list[str]) -> float:
    return min(scores[c][key] / rk.COLLECTIONS[c].best_peer for c in names)


def distance(key: Key) -> float:
    """How far a setting is from textbook BM25 with the shipped analyzer."""
    variant, s = key
    return (abs(s.k1 - STANDARD.k1) + abs(s.b - STANDARD.b) + s.proximity
            + (variant != "porter") + (s.idf != STANDARD.idf) + abs(s.title - 1.0) / 2
            + abs(s.repeats - STANDARD.repeats))


#: The grid's ordered settings: a neighbour is one step along one of them (the
#: analyzer, the IDF and the weight of repeats are kinds, not steps).
AXES = ("k1", "b", "title", "proximity")


def neighbours(key: Key, scored: dict[Key, float] | set[Key],
               axes: dict[str, list[float]]) -> list[Key]:
    """The nearest scored setting on each side along each axis (the proximity weight
    within its form and slop, as the others are not scored at every weight)."""
    variant, s = key
    found = []
    for axis, values in axes.items():
        at = values.index(getattr(s, axis))
        for side in (range(at - 1, -1, -1), range(at + 1, len(values))):
            for step in side:
                other = (variant, replace(s, **{axis: values[step]}))
                if other in scored:
                    found.append(other)
                    break
    return found


def _steady(scores: dict[str, dict[Key, float]], train: list[str],
            common: list[Key]) -> dict[Key, float]:
    """Each setting's worst ratio to the best peer, over ``train`` and over the setting
    and its grid neighbours: what it keeps if any one of its values is a step off."""
    plain = {k: worst(scores, k, train) for k in common}
    axes = {axis: sorted({getattr(s, axis) for _, s in common}) for axis in AXES}
    return {k: min([plain[k], *(plain[n] for n in neighbours(k, plain, axes))])
            for k in common}


def choose(scores: dict[str, dict[Key, float]], train: list[str],
           rule: str = "maximin", form: Form | None = None) -> Key:
    """The setting ``train`` chooses. ``maximin`` (the rule the engine's setting is
    chosen by): the best worst ratio to the best peer over the training collections,
    ties to the one nearest textbook BM25. ``steady``: the best worst ratio over the
    setting *and* its grid neighbours (a narrow peak is not chosen). ``textbook``
    (the rule before): within 0.005 of the best worst ratio, the one nearest textbook
    BM25, which chose k1 1.2 for the TIME fold from two collections that cannot tell
    k1 apart. Given a ``form``, only its settings are candidates."""
    common = sorted((k for k in set.intersection(*(set(scores[c]) for c in train))
                     if form is None or form.holds(k)), key=str)
    own = {k: worst(scores, k, train) for k in common}
    if rule == "maximin":
        return max(common, key=lambda k: (own[k], -distance(k)))
    if rule == "textbook":
        top = max(own.values())
        near = [k for k in common if own[k] >= top - 0.005]
        return min(near, key=lambda k: (distance(k), -own[k]))
    if rule != "steady":
        raise ValueError(f"no rule {rule!r}")
    steady = _steady(scores, train, common)
    return max(common, key=lambda k: (steady[k], own[k], -distance(k)))


RULES = ("maximin", "steady", "textbook")


@dataclass(frozen=True)
class Form:
    """The structure of a scoring, fixed before k1, b and the weights are chosen: the
    analyzer, the IDF, the proximity term's form and slop, how repeats weigh."""

    analyzer: str = "porter"
    idf: str = "rsj"
    near: str = "sum"
    slop: int = 3
    repeats: float = 1.0

    def holds(self, key: Key) -> bool:
        variant, s = key
        return ((variant, s.idf, s.repeats) == (self.analyzer, self.idf, self.repeats)
                and (s.proximity == 0 or (s.near, s.slop) == (self.near, self.slop)))

    def label(self) -> str:
        near = f"{self.near} slop {self.slop}"
        return f"{self.analyzer}, {self.idf} IDF, proximity {near}, repeats ^{self.repeats}"


#: The form the engine ships.
SHIPPED_FORM = Form(near=SHIPPED.near, slop=SHIPPED.slop, repeats=SHIPPED.repeats)


def forms(scores: dict[str, dict[Key, float]]) -> list[Form]:
    """Every form the scores hold, the shipped one first."""
    found = {Form(v, s.idf, s.near, s.slop, s.repeats)
             for name in scores for v, s in scores[name] if s.proximity > 0}
    return sorted(found, key=lambda f: (f != SHIPPED_FORM, str(f)))


def describe(key: Key) -> str:
    variant, s = key
    near = "off" if s.proximity == 0 else f"{s.proximity} {s.near} slop {s.slop}"
    return (f"{variant} | {s.idf} | {s.k1} | {s.b} | {s.title} | {near} | {s.repeats}")


def report(scores: dict[str, dict[Key, float]]) -> None:
    names = [n for n in rk.COLLECTIONS if scores.get(n)]
    columns = "analyzer | IDF | k1 | b | title weight | proximity | repeats"
    if len(names) > 2:
        print("Each form, k1, b, the title weight and the proximity weight chosen by "
              "maximin on two collections (held-out nDCG@10 against the best peer):")
        print("| form | " + " | ".join(f"{rk.COLLECTIONS[n].name} held out" for n in names)
              + " | every fold at its peer | chosen on all three | in sample |")
        print("|---|" + "---|" * len(names) + "---|---|---|")
        for form in forms(scores):
            cells, met = [], True
            for held in names:
                key = choose(scores, [n for n in names if n != held], form=form)
                met &= scores[held][key] >= rk.COLLECTIONS[held].best_peer
                cells.append(f"{scores[held][key]:.3f} (k1 {key[1].k1}, b {key[1].b})")
            _, s = choose(scores, names, form=form)
            chosen = choose(scores, names, form=form)
            print(f"| {form.label()} | " + " | ".join(cells) + f" | {'yes' if met else 'no'} | "
                  f"k1 {s.k1}, b {s.b}, title {s.title}, proximity {s.proximity} | "
                  + " / ".join(f"{scores[n][chosen]:.3f}" for n in names) + " |")
        print("\nBy rule, in the shipped form and with every form free:")
        print(f"| rule | forms | held out | {columns} | nDCG@10 held out | best peer | "
              "best in hindsight |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for scope, form in (("shipped", SHIPPED_FORM), ("all", None)):
            for rule in RULES:
                for held in names:
                    train = [n for n in names if n != held]
                    key = choose(scores, train, rule, form)
                    print(f"| {rule} | {scope} | {rk.COLLECTIONS[held].name} | "
                          f"{describe(key)} | {scores[held][key]:.3f} | "
                          f"{rk.COLLECTIONS[held].best_peer:.3f} | "
                          f"{max(scores[held].values()):.3f} |")
    print("\nNamed settings, in sample:")
    print(f"| setting | {columns} | "
          + " | ".join(rk.COLLECTIONS[n].name for n in names) + " | worst / peer |")
    print("|---|---|---|---|---|---|---|---|" + "---|" * (len(names) + 1))
    named = {"shipped": ("porter", SHIPPED), "before issue 18": ("porter", BEFORE),
             "issue 18, second round": ("porter", Setting(k1=1.5)),
             "textbook BM25": ("porter", STANDARD),
             "textbook, Whoosh IDF": ("porter", Setting(k1=1.2, b=0.75, title=1.0,
                                                         proximity=0.0, idf="whoosh")),
             "chosen on all, shipped form": choose(scores, names, form=SHIPPED_FORM),
             "chosen on all, any form": choose(scores, names)}
    for label, key in named.items():
        if all(key in scores[n] for n in names):
            print(f"| {label} | {describe(key)} | "
                  + " | ".join(f"{scores[n][key]:.3f}" for n in names)
                  + f" | {worst(scores, key, names):.3f} |")
    print("\nOne change at a time from the setting before issue 18, in sample:")
    base = ("porter", BEFORE)
    changes = [(f"analyzer {a}", (a, BEFORE)) for a in ANALYZERS if a != "porter"]
    changes += [(label, ("porter", s)) for label, s in (
        ("Whoosh IDF", Setting(idf="whoosh")), ("k1 1.5 (second round)", Setting(k1=1.5)),
        ("k1 1.2", Setting(k1=1.2)),
        ("b 0.75", Setting(b=0.75)), ("k1 1.2, b 0.75", Setting(k1=1.2, b=0.75)),
        ("no proximity", Setting(proximity=0.0)), ("proximity slop 1", Setting(slop=1)),
        ("proximity as flat IDF bonus 0.2", Setting(proximity=0.2, near="idf")),
        ("title weight 1", Setting(title=1.0)),
        ("repeats weigh a square root", Setting(repeats=0.5)),
        ("repeats weigh once (Whoosh)", Setting(repeats=0.0)),
        ("k1 2.1, repeats a square root (shipped)", Setting(k1=2.1, repeats=0.5)))]
    print("| change | " + " | ".join(rk.COLLECTIONS[n].name for n in names) + " |")
    print("|---|" + "---|" * len(names))
    for label, key in [("before", base), *changes]:
        if all(key in scores[n] for n in names):
            print(f"| {label} | " + " | ".join(
                f"{scores[n][key]:.3f} ({scores[n][key] - scores[n][base]:+.3f})"
                for n in names) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analyzers", nargs="+", choices=sorted(ANALYZERS),
                        default=["porter"],
                        help="analyzer variants to index with (each multiplies the time; "
                             "the shipped Porter only by default)")
    parser.add_argument("--only", choices=sorted(rk.COLLECTIONS), action="append",
                        help="score only this collection (repeatable)")
    parser.add_argument("--save", type=Path, help="also write every score to this JSON file")
    parser.add_argument("--load", type=Path, nargs="+",
                        help="report from --save files, scoring nothing")
    parser.add_argument("--idf", action="store_true",
                        help="also score Whoosh's IDF (doubles the grid)")
    parser.add_argument("--check", action="store_true",
                        help="score the shipped setting only (compare with make eval)")
    args = parser.parse_args(argv)
    chosen = args.only or list(rk.COLLECTIONS)
    missing = [rk.COLLECTIONS[c].folder for c in chosen
               if not args.load and not (DATA / rk.COLLECTIONS[c].folder).is_dir()]
    if missing:
        print(f"needs {', '.join(missing)} in {DATA} (absent on this machine)", file=sys.stderr)
        return 2
    scores: dict[str, dict[Key, float]] = defaultdict(dict)
    if args.check:
        for name in chosen:
            score_collection(name, ["porter"], [SHIPPED], scores)
            print(f"{rk.COLLECTIONS[name].name}: {scores[name][('porter', SHIPPED)]:.3f}")
        return 0
    for path in args.load or ():
        for name, rows in json.loads(path.read_text()).items():
            for variant, fields, value in rows:
                scores[name][(variant, Setting(**fields))] = value
    if not args.load:
        grid = settings(("rsj", "whoosh") if args.idf else IDFS)
        for name in chosen:
            score_collection(name, args.analyzers, grid, scores)
    if args.save:
        args.save.write_text(json.dumps({name: [[v, asdict(s), x] for (v, s), x in rows.items()]
                                         for name, rows in scores.items()}))
    report(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
