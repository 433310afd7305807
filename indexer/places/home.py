"""The US state a local article is about, inferred from all the places it names.

A local paper rarely qualifies its own towns: "Richmond", "Madison County", "Berea" and
"Irvine" together only make sense in Kentucky, though each alone is likelier elsewhere
(Richmond, Virginia; Irvine, California). Every name votes once for each state that
holds a town or county of that name, and a named state ("Kentucky") votes twice for itself.
The state with clearly the most votes is the article's home: its namesakes are
preferred over bigger ones elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..gazetteer import Gazetteer, is_us_state
from .candidates import Mention

#: The home state needs at least this many names voting for it ...
HOME_MIN_VOTES = 2
#: ... and this many more than the runner-up.
HOME_MARGIN = 1
#: Votes a state's own name casts: the text says it outright ("Kentucky"), where a town's
#: name only says the state holds a town so named.
STATE_NAME_VOTES = 2


def home_state(gaz: Gazetteer, mentions: list[Mention],
               called: Iterable[str] = ()) -> str | None:
    """The admin1 code of the US state the names of the text agree on, if one clearly
    leads; None otherwise (a national or foreign story, or too few names). ``called``:
    the states of the text's phone numbers, which vote as the state's name does."""
    votes: Counter[str] = Counter()
    for state in called:
        votes[state] += STATE_NAME_VOTES
    seen: set[str] = set()
    # a phone number, a state's name or a name that means a US place first
    american = bool(called)
    for m in mentions:
        if m.key in seen or m.demonym or not m.entries:
            continue
        seen.add(m.key)
        # A state's name votes for the state alone, even where a country comes first
        # ("Georgia"); a country's, a continent's or a region's not at all; other names
        # for every state holding a town or county so named.
        states = {e.candidate.admin1 for e in m.entries if is_us_state(e.candidate)}
        named = bool(states)
        american = american or named or m.entries[0].candidate.country_code == "US"
        if not named and m.entries[0].candidate.kind in ("country", "continent", "region"):
            continue  # "Germany", "France": the US towns so named say nothing
        if not named:
            states = {e.candidate.admin1 for e in m.entries
                      if e.candidate.country_code == "US" and e.candidate.kind in ("city", "admin")}
            states.update(e.candidate.admin1 for e in gaz.small_us_entries(m.key))
        if m.qualifier is not None and is_us_state(m.qualifier):
            states.add(m.qualifier.admin1)
        weight = STATE_NAME_VOTES if named else 1
        for state in states:
            votes[state] += weight
    if not votes or not american:
        return None  # nothing American in the text: "Rotterdam" and "Bergen" abroad
    ranked = votes.most_common(2)
    best, n = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    if n >= HOME_MIN_VOTES and n - runner >= HOME_MARGIN:
        return best
    return None
