"""Where the evaluation data lives, how to read it, and how to run the shipped extractor.

Every task runs ``newsfacet.indexer.extract.extract`` (the code path the indexer uses)
with the metadata withheld, then maps offsets in the cleaned body back to the source
text with the cleaner's own segment table, so they compare with gold offsets.
"""

from __future__ import annotations

import json
import lzma
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfacet.indexer.clean import clean_text
from newsfacet.indexer.extract import extract
from newsfacet.indexer.html import parse_html
from newsfacet.indexer.readers import read_articles
from newsfacet.schema.document import Article, Extraction

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
SEEDS = SHARED / "seeds"
DEMO_FILES = REPO / "demo" / "corpus" / "files"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSON Lines file, plain or xz-compressed."""
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@dataclass
class Run:
    """One extraction and the map from cleaned-body offsets back to the source text."""

    extraction: Extraction
    to_source: Callable[[int], int]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """A ``[start, end)`` range of the cleaned body, in source coordinates."""
        if end <= start:
            return self.to_source(start), self.to_source(start)
        return self.to_source(start), self.to_source(end - 1) + 1


def run_json(doc_id: str, body: str) -> Run:
    """Extract from a body given as a JSON Lines record with all metadata withheld."""
    extraction = extract(Article(id=doc_id, body=body, format="json"))
    cleaned = clean_text(body, read_header=False)
    if cleaned.body != extraction.body:  # the mapping below would be wrong
        raise RuntimeError(f"{doc_id}: cleaned body differs from the extraction's body")
    return Run(extraction, cleaned.to_source)


def run_file(path: Path) -> Run:
    """Extract from an article file (.txt/.html) read the way the indexer reads it."""
    articles = [a for a in read_articles([path]) if isinstance(a, Article)]
    if len(articles) != 1:
        raise RuntimeError(f"{path}: expected one article, got {len(articles)}")
    article = articles[0]
    extraction = extract(article)
    if article.format == "html":
        page = parse_html(article.body)
        cleaned = clean_text(page.text, read_header=True, title_known=page.title is not None)
    else:
        cleaned = clean_text(article.body, read_header=article.format == "text")
    return Run(extraction, cleaned.to_source)
