"""The records passed between the steps of speaker extraction, before the schema's
:class:`~newsfacet.schema.document.Speaker` is built from them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Source:
    """Who an attribution points at, before names are merged across the document."""

    kind: str  # "person", "pronoun", "anon", "org"
    surface: str = ""
    name: str = ""
    title: str | None = None
    role: str | None = None
    cue: str = ""


@dataclass
class Statement:
    """A quote (or unquoted reported statement) waiting for a speaker."""

    start: int
    end: int
    para: int
    open_pos: int
    chain: int
    closed: bool
    whole_para: bool
    sentence_open: bool
    reported: bool = False
    source: Source | None = None
    speaker: int | None = None  # index into the mention groups
    cue: str = ""
    words: int = 0
    aliases: list[str] = field(default_factory=list)


@dataclass
class Group:
    """All mentions of one person (or one organisation) in the document."""

    key: tuple[str, str]
    names: list[tuple[str, str | None]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    items: list[Statement] = field(default_factory=list)
    kind: str = "person"  # or "organization": such groups never take a person's mention
    #: The genders its names and aliases have shown so far, and how many of each were read
    #: (:func:`.gender.group_gender` reads only what was added since).
    genders_seen: tuple[int, int, frozenset[str]] = (0, 0, frozenset())
