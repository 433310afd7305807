"""Streets, roads, parks and townships: places in or beside a town, counted as its mentions.

The gazetteer stops at towns, but local news names the streets, highways and parks
where things happen ("1935 Orchard St., Alexandria", "Highway 10 east of Perham"), and
the toponym sets annotate them. Such a name is recognised by its last word ("Street",
"Avenue", "Park") or its form ("Highway 10", "County Road 43"), and taken as a mention
of the town the document places it in (:mod:`.hosts` chooses it). The location facet
thus keeps town granularity: a street adds a highlighted span to a town the text names,
never a facet value of its own, and a document that names no town gets nothing from
its streets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..lexicon import CALENDAR_WORDS
from .candidates import Mention
from .hosts import street_hosts
from .spans import SpanIndex
from .tokens import Token
from .words import COMMON_WORDS

#: Words that end a street's or a park's name. Ambiguous ones ("Court", "Way", "Place",
#: "Circle") are left out: "Supreme Court", "Milky Way".
_FEATURE_WORDS = frozenset({
    "Street", "Avenue", "Road", "Drive", "Boulevard", "Lane", "Parkway", "Highway",
    "Turnpike", "Pike", "Expressway", "Freeway", "Park", "St.", "Ave", "Rd.", "Blvd", "Ln.",
    "Pkwy", "River", "Creek", "Lake", "Township", "Twp", "Bypass", "Trafficway", "Island",
    "Islands"})
#: Abbreviations whose full stop the scan left out of the word ("Ave." is "Ave").
_DOTTED = frozenset({"Ave", "Blvd", "Pkwy", "Twp"})
#: A capitalised word of a street name ("Van", "Dorn", "MacCorkle", "Hyland-Croy"), a
#: short abbreviation ("Jr.", "Mt.", "St."), or a number ("14th"). A longer word with a
#: full stop ends a sentence: "in Texas. Drive carefully" names no "Texas. Drive".
_NAME_WORD = r"(?:[A-Z][a-z]{0,2}\.|[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*|\d+(?:st|nd|rd|th))"
_DIRECTION = r"(?:(?:North|South|East|West|N\.|S\.|E\.|W\.)\s)?"
#: The name before a feature word, matched against the few characters before it.
_NAME_BEFORE = re.compile(r"(?<![\w.])" + _DIRECTION + r"(?:" + _NAME_WORD + r"\s){1,3}$")
#: How far back a street's name can start.
_LOOK_BACK = 60
#: A capitalised word right after: the feature word is inside a longer name ("Wall
#: Street Journal", "St. Louis", "Park Avenue" is found by its last word), unless it is a
#: day or month ("First Avenue Monday") or a compass suffix ("Seventh Street Northwest").
_NAME_AFTER = re.compile(r"\s+([A-Z][a-z]+)")
_SUFFIXES = frozenset({"North", "South", "East", "West", "Northwest", "Northeast",
                       "Southwest", "Southeast"})
#: Words of a street's own that a compass suffix may follow (not "Park", "Lake", "River").
_STREET_WORDS = frozenset({"Street", "St.", "Avenue", "Ave", "Road", "Rd.", "Drive",
                           "Boulevard", "Blvd", "Lane", "Ln.", "Parkway", "Pkwy"})
#: A house number, or "block of", right before the name: an address, so the word after
#: "St." is a new sentence ("1200 E. Broad St. Lanier said"), and "345 Main St." is a
#: street, where a bare "Main Street" is as often the small-business metaphor.
_ADDRESS_BEFORE = re.compile(r"(?:(?<![\w,.$])\d{1,6}[A-Za-z]?|\bblock of) $")
#: Words that carry a name on even in an address ("9025 Indian Lake Road").
_CONTINUING = frozenset({w.rstrip(".") for w in _FEATURE_WORDS} | {"Court", "Way", "Place"})
#: Numbered roads: "Highway 200", "State Route 7", "County Road 43". Not interstates
#: ("Interstate 35", "I-35"): they cross states, so no one town holds them, and the
#: toponym sets mark few of them (LGL's tuning half 3 of 11).
_NUMBER_AFTER = re.compile(r" \d{1,4}(?!\w)")
_NUMBERED_WORDS = frozenset({"Highway", "Route", "Road"})
_NUMBERED_QUALIFIERS = frozenset({"State", "U.S.", "US", "County"})
#: Feature words written before the name: "Lake Lanier", "River Lune".
_NAME_FIRST = frozenset({"Lake", "River"})
#: The name after "Lake" ("Lake Lanier", "Lake St. Clair"): one or two capitalised words.
_LAKE_NAME = re.compile(r" (?:St\. )?[A-Z][\w'’]+(?: [A-Z][\w'’]+)?(?![\w'’])")
#: First words that make the phrase something else than a street or park ("The Park",
#: "Wall Street", "Downing Street": an institution, not a place in a town).
_NOT_FIRST = frozenset({"The", "A", "An", "This", "That", "On", "In", "At", "Of", "And",
                        "But", "From", "To", "For", "By", "With", "Our", "Its", "His", "Her",
                        "Their", "When", "While", "If", "After", "Before", "National",
                        "State", "Theme", "Business", "Industrial", "Science", "Research",
                        "Technology", "Office", "Ball", "Car", "Trailer", "Skate", "Water",
                        "Amusement", "Main", "Wall", "Easy", "Abbey", "Downing", "Sesame",
                        "Jurassic"})


def feature_spans(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Spans of street, road and park names in ``text``, in order, not overlapping.

    ``tokens`` are the capitalised words the mention scan found: a feature word is one
    of them, so the text itself is read only around those few.
    """
    spans: list[tuple[int, int]] = []
    for k, tok in enumerate(tokens):
        word = tok.text
        if word not in _FEATURE_WORDS and word not in _NUMBERED_WORDS and word != "Lake":
            continue  # most words: the tests below are about these alone
        end = tok.end
        prev = tokens[k - 1] if k else None
        after_name = (prev is not None and prev.upper_initial
                      and text[prev.end : tok.start] == " ")
        if word in _NUMBERED_WORDS:
            number = _NUMBER_AFTER.match(text, end)
            if number is not None:
                start = tok.start
                if (prev is not None and prev.text in _NUMBERED_QUALIFIERS
                        and text[prev.end : start] == " "):
                    start = prev.start
                elif after_name:
                    continue  # "Oxford Road 5": a numbered road of a named county's
                spans.append((start, number.end()))
                continue
        if word in _NAME_FIRST and not after_name:
            # "Lake Lanier", "Lake St. Clair"; "the River Lune" (British and Irish rivers)
            name = _LAKE_NAME.match(text, end)
            if (name is not None and name.group().split()[0] not in _NOT_FIRST
                    and name.group().split()[-1] not in _FEATURE_WORDS
                    and name.group().split()[-1].lower() not in COMMON_WORDS):
                spans.append((tok.start, name.end()))
                continue
        if word not in _FEATURE_WORDS:
            continue
        if text[end : end + 1] == "." and word in _DOTTED:
            end += 1
        inside = False
        after = _NAME_AFTER.match(text, end)
        if after is not None and after.group(1).lower() not in CALENDAR_WORDS:
            if (after.group(1) in _SUFFIXES and word in _STREET_WORDS
                    and not _NAME_AFTER.match(text, after.end())):
                end = after.end()
            else:
                inside = True
        pos = tok.start
        name = _NAME_BEFORE.search(text, max(0, pos - _LOOK_BACK), pos)
        if name is None:
            continue
        start = name.start()
        words = text[start:pos].split()
        owner = max((i for i, w in enumerate(words) if w.endswith(("'s", "’s"))), default=-1)
        if owner >= 0:  # "Warden's Memphis Street": the street begins after its owner
            if owner == len(words) - 1:
                continue
            start = text.index(words[owner + 1], start + len(words[owner]))
            words = words[owner + 1 :]
        address = _ADDRESS_BEFORE.search(text, max(0, start - 12), start) is not None
        if inside and not (address and after is not None
                           and after.group(1) not in _CONTINUING):
            continue
        if words[0] in _NOT_FIRST and not (address and words[0] == "Main"):
            continue
        if spans and spans[-1][1] > start:
            continue
        spans.append((start, end))
    return _with_bare_rivers(text, _with_listed_streets(text, spans))


#: Plural street words after a list of names: "Goodwin and Pinevale streets", "Woodfield
#: and Martingale roads", "Crabgrass, Owens and Harris roads".
_PLURALS = re.compile(r" (?:streets|roads|avenues|boulevards|drives|lanes)\b")
_LISTED = r"(?:[A-Z][\w'’]*\.?(?: [A-Z][\w'’]*\.?){0,2})"
#: The list right before the plural: names joined by commas, "and" or a slash.
_STREET_LIST = re.compile(r"(?<![\w'’.])(?:" + _LISTED + r"(?:,? and |, |/))+" + _LISTED + r"$")
_ONE_LISTED = re.compile(_LISTED)


def _with_listed_streets(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` plus each name of a list before a plural street word, which names one
    street each though only the last stands next to the word ("Bourbon and Dauphine
    streets")."""
    listed: list[tuple[int, int]] = []
    for plural in _PLURALS.finditer(text):
        pos = plural.start()
        names = _STREET_LIST.search(text, max(0, pos - _LOOK_BACK), pos)
        if names is None:
            continue
        for name in _ONE_LISTED.finditer(text, names.start(), pos):
            if name.group().split()[0] not in _NOT_FIRST:
                listed.append(name.span())
    if not listed:
        return spans
    taken = SpanIndex(spans)
    listed = [(s, e) for s, e in listed if not taken.overlaps(s, e)]
    return sorted(spans + listed)


def attach_features(text: str, tokens: Sequence[Token],
                    mentions: list[Mention]) -> list[Mention]:
    """``mentions`` plus one for each street or park, resolved to its town.

    A place mention inside a street's name ("Memphis" in "Memphis St.") is the street's,
    so it is dropped; a mention covering the whole name is a place of its own and stays.
    Towns are the mentions resolved to a city.
    """
    spans = feature_spans(text, tokens)
    if not spans:
        return mentions
    # A name the gazetteer knows as a whole is that place ("Elbow Lake", "Lake Charles").
    named = SpanIndex((m.start, m.end) for m in mentions)
    spans = [(s, e) for s, e in spans if not named.holds(s, e)]
    features = SpanIndex(spans)
    kept = [m for m in mentions if m.start < 0 or not features.holds(m.start, m.end)]
    towns = [m for m in kept if (m.start >= 0 or m.dateline) and m.choice is not None
             and m.choice.kind == "city" and m.choice.latitude is not None]
    if not towns:
        return kept
    out = list(kept)
    regions = [m for m in kept if m.start >= 0 and m.choice is not None
               and (m.choice.kind == "country"
                    or (m.choice.kind == "admin" and m.choice.level == 1))]
    hosts = street_hosts(text, spans, towns, regions)
    for (start, end), host in zip(spans, hosts, strict=True):
        if host is not None:
            out.append(replace(host, start=start, end=end, dateline=False, deferred=False))
    out.sort(key=lambda m: m.start)
    return out


#: A river's name with its word ("Neches River", "River Pollagh"), and the bare name
#: after "the" that the text goes on to use ("the Neches forms the boundary").
_RIVER = re.compile(r"\b([A-Z][a-z]{2,}) River\b|\bRiver ([A-Z][a-z]{2,})\b")


def _with_bare_rivers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` plus "the <name>" of each river the text names with its word: a river,
    once named, is written bare ("the Neches", "the Pollagh")."""
    if "River" not in text:
        return spans
    names = {m.group(1) or m.group(2) for m in _RIVER.finditer(text)}
    # "the State", "the Red" (tide, Sox) are other things
    names = {n for n in names if n.lower() not in COMMON_WORDS and n not in ("Red", "Blue")}
    bare: list[tuple[int, int]] = []
    for name in names:
        for m in re.finditer(r"\b[Tt]he " + name + r"\b(?![\w'’-])(?! [A-Z])(?! River)", text):
            bare.append((m.start() + 4, m.end()))
    if not bare:
        return spans
    taken = SpanIndex(spans)
    bare = [(s, e) for s, e in bare if not taken.overlaps(s, e)]
    return sorted(spans + bare)
