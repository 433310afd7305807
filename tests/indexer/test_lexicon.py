"""The shared word lists agree with the patterns written beside them (newsfacet.indexer.lexicon)."""

from __future__ import annotations

import re

from newsfacet.indexer import lexicon


def _accepted(pattern: str, words: list[str]) -> set[str]:
    return {w for w in words if re.fullmatch(pattern, w)}


def test_month_pattern_accepts_exactly_the_listed_months() -> None:
    # Every prefix of every month name: the pattern takes the names and abbreviations only.
    prefixes = [m[:k].capitalize() for m in lexicon.MONTHS for k in range(1, len(m) + 1)]
    listed = {w.capitalize() for w in lexicon.MONTHS + lexicon.MONTH_ABBREVIATIONS}
    assert _accepted(lexicon.MONTH_PATTERN, prefixes) == listed


def test_weekday_pattern_accepts_exactly_the_listed_weekdays() -> None:
    prefixes = [d[:k].capitalize() for d in lexicon.WEEKDAYS for k in range(1, len(d) + 1)]
    assert _accepted(lexicon.WEEKDAY_PATTERN, prefixes) == {
        d.capitalize() for d in lexicon.WEEKDAYS
    }


def test_calendar_order_is_the_datetime_order() -> None:
    assert lexicon.MONTHS[0] == "january" and len(lexicon.MONTHS) == 12
    assert lexicon.WEEKDAYS[0] == "monday" and len(lexicon.WEEKDAYS) == 7  # date.weekday()
    assert set(lexicon.MONTHS) | set(lexicon.WEEKDAYS) <= lexicon.CALENDAR_WORDS


def test_suffix_pattern_matches_the_written_suffixes() -> None:
    written = set(lexicon.NAME_SUFFIXES.values())
    bare = {w.rstrip(".") for w in written}
    assert _accepted(lexicon.NAME_SUFFIX_PATTERN, sorted(written | bare)) == written | bare
    assert not re.fullmatch(lexicon.NAME_SUFFIX_PATTERN, "V")
    assert set(lexicon.NAME_SUFFIXES) == {w.lower().rstrip(".") for w in written}


def test_titles_keep_their_period() -> None:
    for key, written in lexicon.TITLE_ABBREVIATIONS.items():
        assert written.endswith("."), key
    assert lexicon.HONORIFICS.issubset({*lexicon.TITLE_ABBREVIATIONS.values(), "Miss"})
