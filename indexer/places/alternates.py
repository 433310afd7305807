"""Alternate names that only a text about their town's region may mean.

GeoNames lists, beside a town's names, old names, neighbourhoods and oddities: "Google"
is an alternate name of Topeka (the city's stunt of 2010), "Quinnipiac" of New Haven,
"The Bank" of Portsmouth, "Newtown" of eight US cities. A local paper does write its
neighbourhoods ("Shockoe" in Richmond, "Penacook" in Concord), beside its town or
state; political news writes "Google" and "Quinnipiac" for a company and a poll. So a
name known only as such an alternate, spelled unlike the town's own name and of a town
under a million people, counts only where the text names the town's state (or, abroad,
its country) or a place near it. Spellings of the same name ("Irbil" for Erbil, "Raqqa"
for Raqqah, "Vegas") and big cities' nicknames and exonyms ("the Big Apple", "Kiev")
need nothing.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..gazetteer import Entry, normalize

#: Towns at least this big keep every alternate name ("Big Apple", "Kiev", "Bombay").
BIG_CITY = 1_000_000
#: Least likeness (difflib's ratio) of an alternate to the town's own name for it to
#: count as a spelling of that name: "irbil"/"erbil" 0.8, "vegas"/"las vegas" 0.71,
#: "google"/"topeka" 0.33, "newtown"/"hartford" 0.13.
SPELLING_RATIO = 0.6


def other_name_only(key: str, entries: list[Entry]) -> bool:
    """True when every sense of ``key`` is an alternate name of a town under
    :data:`BIG_CITY`, spelled unlike that town's own name."""
    if not entries or any(e.main or e.candidate.kind != "city" for e in entries):
        return False
    return all(e.candidate.population < BIG_CITY
               and SequenceMatcher(None, key, normalize(e.candidate.name)).ratio()
               < SPELLING_RATIO for e in entries)
