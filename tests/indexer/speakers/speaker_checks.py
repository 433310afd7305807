"""Checks the speaker tests share: seeds, one person, offsets, quotes by speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacet.indexer.speakers import extract_speakers
from newsfacet.schema.document import Speaker

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"


def read_seed(name: str) -> str:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip("needs ../shared/seeds")
    return path.read_text(encoding="utf-8")


def only_person(speakers: list[Speaker]) -> Speaker:
    people = [s for s in speakers if s.kind == "person"]
    assert len(people) == 1, [s.name for s in people]
    return people[0]


def check_offsets(text: str, speakers: list[Speaker]) -> None:
    for speaker in speakers:
        starts = [q.start for q in speaker.quotes]
        assert starts == sorted(starts)
        assert len(set(starts)) == len(starts)
        for quote in speaker.quotes:
            assert text[quote.start : quote.end] == quote.text
            assert quote.text and quote.text[0] not in '"“”' and quote.text[-1] not in '"“”'


def quotes_by_speaker(text: str, kind: str | None = None) -> dict[str, list[str]]:
    """Each speaker's quotes (of ``kind`` only, if given), offsets checked."""
    speakers = extract_speakers(text)
    check_offsets(text, speakers)
    return {s.name: [q.text for q in s.quotes] for s in speakers
            if kind is None or s.kind == kind}


def quotes_by_organisation(text: str) -> dict[str, list[str]]:
    return quotes_by_speaker(text, "organization")


def quotes_by_person(text: str) -> dict[str, list[str]]:
    return quotes_by_speaker(text, "person")
