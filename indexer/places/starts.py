"""Which words can start a place name or a demonym: the scan's cheap first test.

About half the capitalised words of news text start no name the gazetteer holds (people,
organisations); the scan skips building their n-grams. Small towns outside the US are
asked through their table's bit filter (:mod:`..small_towns`), once per word.
"""

from __future__ import annotations

import weakref

from ..gazetteer import Gazetteer

#: Words whose answer is remembered, at most (a long run meets ever new surnames).
MEMO = 100_000


class NameStarts:
    """For one gazetteer: whether a normalised word starts some place name or demonym."""

    def __init__(self, gaz: Gazetteer) -> None:
        self._small = gaz.small_world
        self._first = frozenset(k.split(" ", 1)[0] for k in gaz.name_keys())
        self._demonym_first = frozenset(k.split(" ", 1)[0] for k in gaz.demonyms)
        self._memo: dict[str, bool] = {}

    def starts_name(self, word: str) -> bool:
        """True when some place name (small towns' included) starts with ``word``."""
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) >= MEMO:
                self._memo.clear()
            found = self._memo[word] = word in self._first or self._small.may_start(word)
        return found

    def starts_demonym(self, word: str) -> bool:
        """True when some demonym starts with ``word`` ("sri" of "Sri Lankan")."""
        return word in self._demonym_first


_BY_GAZETTEER: weakref.WeakKeyDictionary[Gazetteer, NameStarts] = weakref.WeakKeyDictionary()


def name_starts(gaz: Gazetteer) -> NameStarts:
    """The shared :class:`NameStarts` of ``gaz`` (built on first use: 0.1 s)."""
    starts = _BY_GAZETTEER.get(gaz)
    if starts is None:
        starts = _BY_GAZETTEER[gaz] = NameStarts(gaz)
    return starts
