"""One sense per document for names the scan read as a person's ("Hillary Clinton",
"Sen. Cleveland"): the text's other uses of the word vote on whether it is a person or
a place wherever it stands alone."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..gazetteer import Gazetteer
from .mention import Mention

#: A preposition of place right before a name: "in Laconia" is a place, whatever else
#: the document does with the word.
LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|from|of|to|outside|across)\s$")


def after_locative(text: str, start: int) -> bool:
    """True when a preposition of place ends right before ``start`` ("in X", "near X"):
    the name there is written where only a place stands."""
    return LOCATIVE_BEFORE.search(text, max(0, start - 8), start) is not None

#: A verb right after a name: a person acting ("Bell ran", "Fairfield declined").
_ACTS_AFTER = re.compile(r"\s(?:was|is|had|has|could|would|will|did|[a-z]{2,}ed)\b")

#: A possessive after a name: "St. John's" is a church or hospital, not Saint John.
POSS = ("'s", "’s")

#: Prior (log10 of the population) under which a town's name read several times as a
#: person's outvotes as many prepositions of place (a town under 250,000).
PERSON_TOWN_PRIOR = 5.4


def _extra_votes(gaz: Gazetteer, key: str, uses: int) -> int:
    """Votes for a person beyond the first from the uses of a town's name read as a
    person's: one per further use, for a town under :data:`PERSON_TOWN_PRIOR` (not
    "the FBIs Cincinnati Field Office" or "Trump Tower Moscow" read as names' ends)."""
    if uses < 2:
        return 0
    entries = gaz.entries_for_key(key)
    return uses - 1 if entries and entries[0].prior < PERSON_TOWN_PRIOR else 0


def places_after_all(gaz: Gazetteer, text: str, mentions: Iterable[Mention],
                     person_uses: dict[str, int]) -> set[str]:
    """The words read as a person's (keys of ``person_uses``, with how often) that the
    text still uses as places: after a preposition of place ("in DeKalb") more often
    than a verb follows them ("Bell ran") and than they were read as a person's beyond
    the first time ("Hillary Clinton" twice outweighs one "extended to Clinton")."""
    votes: dict[str, int] = {}
    for m in mentions:
        if m.key in person_uses:
            # "in Clinton's corner", "a revival of Bush's approach": the preposition
            # governs what the name owns, so it says nothing of the name's kind
            place = text[m.end : m.end + 2] not in POSS and after_locative(text, m.start)
            acts = _ACTS_AFTER.match(text, m.end)
            votes[m.key] = votes.get(m.key, 0) + place - (acts is not None)
    return {key for key, vote in votes.items()
            if vote > _extra_votes(gaz, key, person_uses[key])}
