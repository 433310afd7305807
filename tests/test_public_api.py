"""``import newsfacet`` is the public surface: what it exports is pinned, loads on use,
ships its types, and embeds as the README says (issue 15)."""

from __future__ import annotations

import importlib.resources
import json
import subprocess
import sys
from pathlib import Path

import newsfacet
from conftest import DEMO

#: The names embedding tools may rely on. A change here is a change of the public API:
#: add with care, remove only with a major version.
EXPORTS = [
    "Article", "DateRange", "DocumentNotFound", "EventDate", "Extraction", "FacetValue",
    "Hit", "IndexBusy", "IndexCorrupt", "IndexNotFound", "IndexNotWritable", "IndexOutdated",
    "IndexReport", "IndexStats", "InvalidDocument", "InvalidParameter", "InvalidQuery",
    "NewsfacetError", "Place", "Quote", "QueryTooCostly", "QuoteHit", "QuoteRequest",
    "QuoteResults", "ReadProblem", "SearchRequest", "SearchResults", "SearchService",
    "Speaker", "SourceError", "StoredDocument", "Story", "StoryMember", "StoryNotFound",
    "UnknownFacet", "__version__", "extract", "index_paths", "reindex",
]


def test_exports_are_pinned() -> None:
    assert sorted(newsfacet.__all__) == sorted(EXPORTS)
    assert {*newsfacet._WHERE, "__version__"} == set(newsfacet.__all__)
    for name in newsfacet.__all__:
        assert getattr(newsfacet, name) is not None, name
    assert issubclass(newsfacet.QueryTooCostly, newsfacet.NewsfacetError)
    assert set(EXPORTS) <= set(dir(newsfacet))


def test_import_is_cheap_and_loads_on_use() -> None:
    """``import newsfacet`` brings neither the engine nor Flask; using a name does."""
    code = ("import sys, newsfacet; print(json.dumps(["
            "'whoosh' in sys.modules, 'flask' in sys.modules, 'dateparser' in sys.modules]));"
            "newsfacet.SearchService; print(json.dumps('whoosh' in sys.modules))")
    run = subprocess.run([sys.executable, "-c", "import json;" + code], capture_output=True,
                         text=True, timeout=120, check=True)
    before, after = (json.loads(line) for line in run.stdout.splitlines())
    assert before == [False, False, False]
    assert after is True


def test_searching_loads_no_extraction_machinery(tmp_path: Path) -> None:
    """A search process (speaker facets merged by name included) never compiles the
    extractors' patterns nor loads dateparser or the gazetteer: they were 0.3 CPU s of a
    cold ``newsfacet search``."""
    newsfacet.index_paths(tmp_path / "index", [DEMO], progress=False)
    code = ("import json, sys; from newsfacet import SearchService;"
            f"index = SearchService({str(tmp_path / 'index')!r});"
            "results = index.search('strike', facets=['speaker', 'outlet', 'location', 'date']);"
            "quotes = index.search_quotes('strike', facets=['speaker']);"
            "assert results.total and results.facets['speaker'] and quotes.total;"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith(("
            "'newsfacet.indexer.speakers.patterns', 'newsfacet.indexer.places', "
            "'newsfacet.indexer.extract', 'dateparser', 'datasketch')))))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    assert json.loads(run.stdout) == []


def test_types_ship_with_the_package() -> None:
    assert importlib.resources.files("newsfacet").joinpath("py.typed").is_file()


def test_embedding_as_the_readme_says(tmp_path: Path) -> None:
    from newsfacet import NewsfacetError, SearchService, index_paths

    report = index_paths(tmp_path / "index", [DEMO], progress=False)
    assert report.added == report.documents > 20 and not report.problems
    with SearchService(tmp_path / "index") as index:
        results = index.search("strike", facets=["outlet"])
        assert results.total > 0 and results.facets["outlet"]
        try:
            index.search('"unbalanced')
        except NewsfacetError as error:
            assert error.status == 400
        else:
            raise AssertionError("an unbalanced quote must be refused")
