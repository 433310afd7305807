"""A hit read from the card column is the hit read from the stored document."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from conftest import TINY_RECORDS
from newsfacet.api import SearchService
from newsfacet.api.engine.hits import document_hit

#: A word no document has: asking for its snippets takes the stored-document path.
ABSENT = {"qqqxzzyqq"}


def check_cards(service: SearchService) -> int:
    """Assert every live document's hit is the same both ways; return how many."""
    backend: Any = service.backend
    view = backend.searchers.current()
    checked = 0
    for docnum in range(view.table.size):
        if not view.table.live[docnum]:
            continue
        from_card = document_hit(view.searcher, view.table, docnum, 1.5, set())
        from_stored = document_hit(view.searcher, view.table, docnum, 1.5, ABSENT)
        assert from_card == from_stored, docnum
        checked += 1
    return checked


def test_cards_show_what_stored_documents_show(demo_index: Path, tmp_path: Path) -> None:
    """Over the demo corpus, then with a second segment (an update and a new document)
    and a deletion: the card of every document says what its stored fields say."""
    index = tmp_path / "index"
    shutil.copytree(demo_index, index)
    with SearchService(index) as service:
        total = service.search().total
        assert check_cards(service) == total
        service.add(TINY_RECORDS)
        first = service.search(per_page=1).hits[0].id
        assert service.delete([first]) == 1
        assert check_cards(service) == service.search().total


def test_cards_on_real_articles(allsides_sample: tuple[list[dict], Path]) -> None:
    with SearchService(allsides_sample[1]) as service:
        assert check_cards(service) == service.search().total > 0
