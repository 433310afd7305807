"""The speaker facet and quote search show one merged name per person (merge_names)."""

from __future__ import annotations

from pathlib import Path

from newsfacet.api import SearchService


def test_the_facet_and_quote_search_show_the_merged_name(tmp_path: Path) -> None:
    bodies = [
        '"We will build it," said Senator Maria J. Delgado of Ohio.',
        '"We will fund it," said Sen. Maria Delgado.',
        '"Maria Delgado spoke first." Later, "It is done," Delgado said. She added nothing.',
    ]
    with SearchService(tmp_path / "index") as service:
        service.add([{"id": f"d{i}", "title": "Bridge", "body": body, "outlet": "Test"}
                     for i, body in enumerate(bodies)])
        facet = service.search(facets=["speaker"]).facets["speaker"]
        assert [(v.value, v.count) for v in facet] == [("Maria Delgado", 3)]
        assert service.search(speaker=["Maria J. Delgado"]).total == 3
        quotes = service.search_quotes(facets=["speaker"])
        assert {v.value for v in quotes.facets["speaker"]} == {"Maria Delgado"}
        assert {h.speaker for h in quotes.hits} == {"Maria Delgado"}
