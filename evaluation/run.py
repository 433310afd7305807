"""Score newsfacet's extraction against the annotated sets in ../shared/data; print one table.

    .venv/bin/python evaluation/run.py                        # print the table
    .venv/bin/python evaluation/run.py --write docs/quality.md  # also rewrite its figures
    .venv/bin/python evaluation/run.py --errors               # plus error tallies/examples

docs/quality.md says how every figure is computed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared import DATA, REPO, SEEDS

#: How the places rows name the parts of each set (see ``score_places.HALVES``).
PLACE_PARTS = {"all": "all", "dev": "dev half, tuned on", "test": "test half, not tuned on"}


def _commit() -> str:
    """The short commit hash of the checkout (read-only git), or "unknown"."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True,
                             capture_output=True, check=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _print_errors(title: str, errors: Counter[str], examples: dict[str, list[str]]) -> None:
    print(f"\n## {title}")
    for kind, count in errors.most_common():
        print(f"  {count:6d}  {kind}")
        for example in examples.get(kind, [])[:4]:
            print(f"            e.g. {example}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, metavar="FILE",
                        help="rewrite the figures section of FILE (docs/quality.md)")
    parser.add_argument("--errors", action="store_true",
                        help="also print error tallies with short examples")
    args = parser.parse_args(argv)
    if not DATA.is_dir() or not SEEDS.is_dir():
        print(f"evaluation needs the shared data at {DATA.parent} (absent on this machine)",
              file=sys.stderr)
        return 2

    import report as rp
    import score_dates
    import score_outlets
    import score_places
    import score_quotes

    began = time.monotonic()
    rows: list[rp.Row] = []
    polnear = score_quotes.score_polnear("dev")
    seeds = score_quotes.score_seeds()
    for scores, data in ((polnear, "polnear-attribution (dev, 84 docs)"),
                         (seeds, "seeds (2 docs, hand gold)")):
        for scope in score_quotes.SCOPES:
            s = scores[scope]
            q = s.quotes
            headline = scope == "direct"
            label = "direct quotes" if headline else "all attributions"
            rows.append(rp.Row("quotes", data, f"quote F1, {label}", q.f1,
                               f"P {q.precision:.3f} R {q.recall:.3f}, gold {q.n_gold}",
                               rp.QUOTE_F1 if headline else None))
            rows.append(rp.Row("speakers", data, f"speaker F1/doc, {label}", s.speaker_f1,
                               f"{len(s.speaker_f1s)} docs scored",
                               rp.SPEAKER_F1 if headline else None))
            if headline:
                pp = s.people
                rows.append(rp.Row("speakers", data, "quoted people P (micro), direct",
                                   pp.precision, f"{pp.tp_pred}/{pp.n_pred}", rp.PEOPLE_P))
                rows.append(rp.Row("speakers", data, "quoted people R (micro), direct",
                                   pp.recall, f"{pp.tp_gold}/{pp.n_gold}", rp.PEOPLE_R))
                pa = s.people_any_source
                rows.append(rp.Row("speakers", data,
                                   "quoted people P, any attribution's source (not the goal)",
                                   pa.precision, f"{pa.tp_pred}/{pa.n_pred}"))
    model = score_quotes.learned_model_cv()
    if model is not None:
        rows.append(rp.Row("speakers", "polnear-attribution (train, 10x 5-fold CV)",
                           "learned speaker: quotes it adds that are right", model[0],
                           f"{model[1]} added per split at threshold {model[2]}; make train"))

    places = {"lgl-toponyms": score_places.score_lgl(),
              "geowebnews-toponyms": score_places.score_geowebnews()}
    for name, halves in places.items():
        for part in ("all", *score_places.HALVES):
            p = halves[part]
            m = p.mentions
            data = f"{name} ({PLACE_PARTS[part]}, {p.docs} docs)"
            rows.append(rp.Row("places", data, "toponym mention F1", m.f1,
                               f"P {m.precision:.3f} R {m.recall:.3f}, gold {m.n_gold}",
                               rp.MENTION_F1))
            rows.append(rp.Row("places", data, "acc@161km (found, with coords)", p.accuracy,
                               f"{p.resolved_ok}/{p.resolved_n}", rp.ACC_161))
            rows.append(rp.Row("places", data, "acc@161km end to end (all gold)", p.end_to_end,
                               f"{p.resolved_ok}/{p.gold_with_coords}", rp.ACC_161_E2E))

    reuters = score_dates.run_reuters()
    d = score_dates.score_dates(reuters)
    rows.append(rp.Row("dates", f"seeds + demo files ({d.stated} state a date)",
                       "publication date accuracy, where stated",
                       d.stated_ok / d.stated if d.stated else None,
                       f"{d.stated_ok}/{d.stated}", rp.DATE_ACC))
    rows.append(rp.Row("dates", f"reuters21578 + files stating none ({d.unstated})",
                       "dates invented where none stated",
                       d.invented / d.unstated if d.unstated else None,
                       f"{d.invented}/{d.unstated}", rp.NO_INVENTED))
    rows.append(rp.Row("datelines", f"reuters21578 (all NORM with dateline, {d.dateline_n})",
                       "dateline place accuracy",
                       d.dateline_ok / d.dateline_n if d.dateline_n else None,
                       f"{d.dateline_ok}/{d.dateline_n}, found {d.dateline_found}",
                       rp.DATELINE_ACC))

    for data, o in score_outlets.score_outlets(reuters).items():
        credited = f", wire credited {o.credited}" if o.credited else ""
        rows.append(rp.Row("outlets", f"{data} ({o.n})", "outlet inferred and correct",
                           o.correct / o.n if o.n else None,
                           f"given {o.given}, correct {o.correct}{credited}"))
        rows.append(rp.Row("outlets", f"{data} ({o.n})", "wrong outlet given",
                           o.wrong / o.n if o.n else None, f"{o.wrong}/{o.n}"))

    elapsed = time.monotonic() - began
    table = rp.render(rows)
    print(table)
    print(f"\n{elapsed:.0f} s, commit {_commit()}")

    if args.errors:
        for scope in score_quotes.SCOPES:
            s = polnear[scope]
            _print_errors(f"PolNeAR dev, {scope}", s.errors, s.examples)
        for data, halves in places.items():
            _print_errors(f"{data}, dev half", halves["dev"].errors, halves["dev"].examples)
        _print_errors("dates and datelines", d.errors, d.examples)

    if args.write:
        stamp = (f"Generated by `make eval` on {dt.date.today().isoformat()} at commit "
                 f"`{_commit()}` in {elapsed:.0f} s.")
        target = args.write if args.write.is_absolute() else REPO / args.write
        rp.write_figures(target, table, stamp)
        print(f"wrote the figures into {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
