"""A place mention as the scan finds it and the resolution completes it (apart from
:mod:`.candidates`, so the helper modules the scan calls can build one too)."""

from __future__ import annotations

from dataclasses import dataclass

from ..gazetteer import Candidate, Entry


@dataclass(slots=True)
class Mention:
    """A span that matched the gazetteer, before resolution."""

    start: int
    end: int
    key: str
    entries: list[Entry]
    #: Candidate restriction from "X, <state/country>" ("Cleveland, Ohio").
    qualifier: Candidate | None = None
    choice: Candidate | None = None
    dateline: bool = False
    #: Found as a demonym ("Syrian"): resolves to the country.
    demonym: bool = False
    #: Rejected only for the capitalised word after it ("Dublin Veterans Project"):
    #: kept when the same name stands alone elsewhere in the document.
    deferred: bool = False
    #: Found only among the small towns: a US one is kept when the document names its
    #: state (or a town beside it), another country's when the document names the country.
    small: bool = False
    #: Written where only a place stands: after "in", "at", "of", ..., or as a dateline.
    located: bool = False
    #: Stands after a comma as the state or country of the place before it ("Albany,
    #: New York"): resolves to that region.
    region: bool = False
