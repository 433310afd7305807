"""Merging one person's name variants across documents for the speaker facet."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from newsfacet.api import SearchService
from newsfacet.api.speaker_names import merge_names


def test_middle_initials_and_bare_surnames_merge_into_the_commonest_form() -> None:
    shown = merge_names(Counter({"Donald Trump": 33, "Donald J. Trump": 7, "Trump": 9}))
    assert shown == {"Donald Trump": "Donald Trump", "Donald J. Trump": "Donald Trump",
                     "Trump": "Donald Trump"}


def test_suffixes_keep_father_and_son_apart() -> None:
    shown = merge_names(Counter({"Donald Trump": 5, "Donald Trump Jr.": 2}))
    assert shown["Donald Trump Jr."] == "Donald Trump Jr."
    assert shown["Donald Trump"] == "Donald Trump"


def test_a_bare_surname_shared_by_several_people_stays_as_it_is() -> None:
    shown = merge_names(Counter({"Hillary Clinton": 5, "Bill Clinton": 4, "Clinton": 6}))
    assert shown["Clinton"] == "Clinton"
    assert shown["Bill Clinton"] == "Bill Clinton"


def test_different_first_names_are_different_people() -> None:
    shown = merge_names(Counter({"John W. Brennan Jr.": 2, "John Brennan": 1,
                                 "Mary Brennan": 1}))
    assert shown["John W. Brennan Jr."] == "John W. Brennan Jr."
    assert shown["Mary Brennan"] == "Mary Brennan"


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
