"""Extraction time on hostile bodies: one sentence repeated into one long paragraph.

A rule that rescans the text per quote or per mention is invisible on news-sized articles
and quadratic on a 200 KB body (four such paths crept in during issue 18's eighth round).
This prints, per shape, the CPU seconds of ``extract()`` at two sizes and their ratio: a
ratio near the size ratio (4) is linear; well above it, something rescans. Numbers only,
no assertions (speed is measured here, not in tests).

    .venv/bin/python bench/hostile_extraction.py                 # 40 KB and 160 KB
    .venv/bin/python bench/hostile_extraction.py --sizes 50000,200000 --shapes he_said
"""

from __future__ import annotations

import argparse
import time

from newsfacet.indexer.extract import extract
from newsfacet.schema.document import Article

#: One sentence per shape, each aimed at a path that once grew with the text's length.
SHAPES: dict[str, str] = {
    "he_said": '"We will build the bridge before winter," he said. ',
    "mr_quotes": '"The vote is closer than anyone thinks," said Mr. Foxx. ',
    "two_speakers": '"Ready," said Anna Berg. "Not yet," said Tom Lund, the mayor. ',
    "colon_intro": 'Smith told reporters on Tuesday: "We are done with this." ',
    "open_quote": '"An opening mark that never closes and runs on and on ',
    "rivers_islands": "Boats crossed the Douro River near Bergen and Ilha Grande. ",
    "bare_counties": "Officials in DeKalb County and unincorporated DeKalb met. ",
    "place_pairs": "They toured Paris, Texas, London, Ontario, and Athens, Georgia. ",
    "capitals_run": "Grand Old Party Leaders Meet Again In Springfield Today ",
    "datelines": "BERGEN, Norway (Northbound Wire) - The port reopened on Sunday. ",
    "dates": "On Sunday, March 3, 2019, the board met again in Salem. ",
    "organisations": "The Halvorsen Institute for Earth Observation said it would. ",
    "no_spaces": "Ab" * 40 + " ",
}


def body_of(sentence: str, size: int) -> str:
    """``sentence`` repeated to ``size`` characters, as one paragraph."""
    return (sentence * (size // len(sentence) + 1))[:size]


def cpu_seconds(body: str) -> float:
    """CPU seconds of one ``extract()`` of ``body`` (metadata withheld, as the eval does)."""
    article = Article(id="hostile", body=body)
    start = time.process_time()
    extract(article)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="40000,160000",
                        help="two comma-separated body lengths in characters")
    parser.add_argument("--shapes", default=",".join(SHAPES),
                        help=f"comma-separated, of {', '.join(SHAPES)}")
    args = parser.parse_args()
    small, large = (int(s) for s in args.sizes.split(","))
    extract(Article(id="warm-up", body="Officials in Paris said so."))  # loads the gazetteer
    print(f"{'shape':<16} {small:>9,} ch {large:>9,} ch   ratio  (size ratio {large / small:.1f})")
    for name in args.shapes.split(","):
        sentence = SHAPES[name]
        t_small = cpu_seconds(body_of(sentence, small))
        t_large = cpu_seconds(body_of(sentence, large))
        ratio = t_large / t_small if t_small else float("nan")
        print(f"{name:<16} {t_small:>10.2f} s {t_large:>10.2f} s  {ratio:6.1f}")


if __name__ == "__main__":
    main()
