"""Choosing the place each mention means: the candidate's prior plus what the whole
document says about where it is (countries and US states named, local US news), one
sense per surface form."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from ..gazetteer import Candidate, Entry, Gazetteer, is_us_state, normalize
from .alternates import other_name_only
from .area_codes import phone_regions
from .candidates import Mention
from .home import home_state
from .people import after_locative
from .town_shapes import likeliest_town, town_shaped
from .words import INSTITUTION_WORDS

#: Population below which a single-word foreign town needs its country in the text.
FOREIGN_TOWN_POPULATION = 100_000


#: A candidate this close (km) to a place the rest of the document names is likely the
#: one meant: local news names places near each other ("Decatur" beside "Huntsville").
NEARBY_KM = 80.0
#: Score added for that.
NEARBY_BONUS = 3.0
#: Signs of a North American local paper that never names its state: a time written
#: "7 p.m.", a phone number "903-675-8477", a street address "1301 Lafayette Ave.", a
#: high school, a sheriff. Searched in the whole text, so the pattern opens with the class
#: of its signs' first characters (``re`` then skips to the next one in C instead of trying
#: every alternative at every character); the word-start tests look behind that character.
#: It finds a sign wherever the plain pattern would:
#: ``\b\d{1,2}(?::\d\d)? [ap]\.m\.|\b\d{3}-\d{3}-\d{4}\b|\(\d{3}\) ?\d{3}-\d{4}|\b\d{2,5}
#: (?:[NSEW]\. )?[A-Z][a-z]+ (?:St|Ave|Blvd|Rd|Dr|Ln|Hwy)\.(?!\w)|High School|\bSheriff``.
_US_LOCAL = re.compile(
    r"[\d(HS](?:"
    r"(?<=\d)(?<!\w\d)(?:\d?(?::\d\d)? [ap]\.m\.|\d\d-\d{3}-\d{4}\b"
    r"|\d{1,4} (?:[NSEW]\. )?[A-Z][a-z]+ (?:St|Ave|Blvd|Rd|Dr|Ln|Hwy)\.(?!\w))"
    r"|(?<=\()\d{3}\) ?\d{3}-\d{4}|(?<=H)igh School|(?<=S)(?<!\w.)heriff)")
#: Words after a name that make it a town's: its police, mayor, council, schools, or a
#: person or business from it ("a Lebanon woman": a country would be "Lebanese").
_TOWN_AFTER = re.compile(
    r"(?:'s)? (?:[Pp]olice|Mayor|City (?:Council|Hall|Manager|Schools)|Town (?:Council|Hall)"
    r"|High School|[Mm]iddle [Ss]chool|Elementary|(?:Independent )?School District"
    r"|Fire Department|Street Department|(?:woman|man|resident|residents|girl|boy|teen"
    r"|native|couple|family|company|business|businessman|businesswoman)\b)")
#: ... or before it: "City of Athens", "1301 Lafayette Ave., Lebanon".
_TOWN_BEFORE = re.compile(
    r"(?:\b(?:City|Town|Village) of |\b(?:St|Ave|Blvd|Rd|Dr|Street|Avenue|Road)\.?, )$")
#: "in Penacook": written where only a place stands (not "of Google", "at Quinnipiac").
_IN_BEFORE = re.compile(r"\b(?:in|near|outside)\s$")
#: The capitalised word after a name ("Superior" in "Litchfield Superior Court").
_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)")
#: Words after a town's name that make it the town's: its institutions, "City", "Town".
_TOWN_WORDS = INSTITUTION_WORDS | {"city", "town", "township", "village", "borough"}
#: US states named that make a text a national story, whose states support a small
#: town's name only where it is written "in X" or lies near another place named.
NATIONAL_STATES = 3
#: A small US town of a state the document never names counts when it lies this close
#: (km) to a US town or county the document names.
SMALL_TOWN_KM = 50.0
#: Score added to a town or county of a state or province the document names ("London"
#: beside "Ontario" is London, Ontario).
STATE_NAMED_BONUS = 2.0
#: The senses of a name that count as where the document may be: at most this many,
#: whose prior is within this much of the name's likeliest sense.
ANCHOR_SENSES = 8
ANCHOR_PRIOR_GAP = 1.5
#: Score added to a town or county of the article's home state (:mod:`.home`).
HOME_BONUS = 2.0
#: Words after a town's name that leave it the same town ("Springfield City Council").
_SAME_TOWN_AFTER = (" city", " town", " township", " village", " borough")


#: Words a town's name abbreviates ("St. Petersburg", "Mt. Vernon", "Ft. Worth").
_ABBREVIATED = re.compile(r"\b(?:saint|sainte|mount|fort)\b")
_SHORT = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}


def _short(name: str) -> str:
    """A name with its Saint, Mount and Fort abbreviated, in lower case without full
    stops: "Saint Petersburg" and "St. Petersburg" are one name."""
    name = name.lower().replace(".", "")
    return _ABBREVIATED.sub(lambda w: _SHORT[w.group()], name)


def _inside(cand: Candidate, region: Candidate) -> bool:
    """True when ``cand`` lies in ``region`` (a country, or a state or province)."""
    if cand is region:
        return False
    if region.kind == "country":
        return cand.country_code == region.country_code
    return (region.kind == "admin" and cand.country_code == region.country_code
            and cand.admin1 == region.admin1 and region.level == 1)


def _is_state(c: Candidate) -> bool:
    """A first-level region: a US state, a province, a governorate."""
    return c.kind == "admin" and c.level == 1


@dataclass(slots=True)
class _Context:
    """What the whole document says about where it is: countries and states named."""

    countries: set[str]
    #: (country code, admin1 code) of the states and provinces named.
    states: set[tuple[str, str]]
    #: US states of the US towns the document names (their most likely sense).
    town_states: set[str]
    #: True for local US news: a US state is named and US places outnumber foreign ones.
    us_focus: bool
    #: Positions of the places the document names, by the key that named them.
    anchors: dict[str, list[tuple[float, float]]]
    #: Keys of small towns written once where only a place stands ("in Nenagh").
    located: set[str]
    #: South, north, west and east bounds of the anchors (a quick first test of
    #: nearness), and how many degrees of longitude a degree of latitude's length spans
    #: there at most.
    box: tuple[float, float, float, float, float]
    #: The US state the text's names agree on (:func:`.home.home_state`), if any.
    home: str | None = None
    #: US states whose area codes the text's phone numbers have (:mod:`.area_codes`).
    phone_states: tuple[str, ...] = ()
    #: Countries outside the US where at least two towns the text names lie (their
    #: likeliest sense): a local paper names its towns, not its country.
    town_countries: frozenset[str] = frozenset()
    #: In a national story (:data:`NATIONAL_STATES` US states named or more), the names
    #: the text writes after a preposition of place; None in other texts.
    national: set[str] | None = None


def _context(mentions: list[Mention], text: str = "") -> _Context:
    """Countries and states the document names, and whether it is local US news."""
    countries: set[str] = set()
    states: set[tuple[str, str]] = set()
    town_states: set[str] = set()
    anchors: dict[str, list[tuple[float, float]]] = {}
    foreign_towns: dict[str, set[str]] = {}
    us, foreign, us_state = 0, 0, False
    shared: list[tuple[str, str]] = []
    for m in mentions:
        if m.small:
            continue
        top = m.entries[0].candidate
        state = _us_state_sense(m) if top.kind == "country" and not m.dateline else None
        if state is not None:
            shared.append((top.country_code, state.admin1))  # "Georgia": decided below
        elif top.kind == "country" or m.dateline:
            countries.add(top.country_code)  # a dateline's country is the story's
        elif top.kind == "admin":
            countries.add(top.country_code)
            if top.level == 1:
                states.add((top.country_code, top.admin1))
                us_state = us_state or top.country_code == "US"
            elif top.country_code == "US" and len(m.entries) == 1:
                # "Horry County" lies in one state only: naming it names that state
                states.add(("US", top.admin1))
                us_state = True
        elif top.kind == "city" and top.country_code == "US" and m.qualifier is None:
            town_states.add(top.admin1)
        elif top.kind == "city" and m.entries[0].main:
            foreign_towns.setdefault(top.country_code, set()).add(m.key)
        if top.kind in ("country", "admin") and state is None:
            if top.country_code == "US":
                us += 1
            else:
                foreign += 1
        if m.qualifier is not None and _is_state(m.qualifier):
            states.add((m.qualifier.country_code, m.qualifier.admin1))
        # Every plausible sense of a name is a place the document may be near: senses
        # of different names that lie close together support each other ("Dublin"
        # beside "Columbus" and "Franklin County" is the one in Ohio).
        best = m.entries[0].prior
        for e in m.entries[:ANCHOR_SENSES]:
            c = e.candidate
            if (e.prior >= best - ANCHOR_PRIOR_GAP and c.latitude is not None
                    and c.longitude is not None and c.kind in ("city", "admin")
                    and c.level != 1):
                anchors.setdefault(m.key, []).append((c.latitude, c.longitude))
    # A name both a country's and a US state's ("Georgia") is the state where the text's
    # other regions are mostly American or its towns lie in that state ("Atlanta").
    for country, admin1 in shared:
        if us > foreign or admin1 in town_states:
            states.add(("US", admin1))
            countries.add("US")
            us, us_state = us + 1, True
        else:
            countries.add(country)
            foreign += 1
    # A phone number's area code names its state or province, as the text would
    # ("903-675-8477": Texas)
    phones = phone_regions(text) if "-" in text or "." in text else set()
    states |= phones
    countries.update(country for country, _ in phones)
    called = sum(country == "US" for country, _ in phones)
    us, us_state = us + called, us_state or called > 0
    located = {m.key for m in mentions if m.small and m.located}
    points = [p for ps in anchors.values() for p in ps]
    box = (math.inf, -math.inf, math.inf, -math.inf, 1.0)
    if points:
        south, north = min(p[0] for p in points), max(p[0] for p in points)
        polar = min(89.0, max(abs(south), abs(north)) + 1.0)
        box = (south, north, min(p[1] for p in points), max(p[1] for p in points),
               1.0 / max(math.cos(math.radians(polar)), 0.02))
    # A time "7 p.m.", a phone number, an address beside US places, or beside a name
    # with a US town among its senses ("2517 Memphis St., Alexandria"): the costly tests last.
    us_local = us >= foreign and (us_state or (
        (us > 0 or _names_a_us_town(mentions)) and _US_LOCAL.search(text) is not None))
    return _Context(countries, states, town_states, us_local, anchors, located, box,
                    phone_states=tuple(sorted(r for c, r in phones if c == "US")),
                    town_countries=frozenset(c for c, keys in foreign_towns.items()
                                             if len(keys) >= 2))


def _us_state_sense(m: Mention) -> Candidate | None:
    """The US state among a country's name's senses ("Georgia"), if any."""
    if m.demonym:
        return None
    return next((e.candidate for e in m.entries[1:3] if is_us_state(e.candidate)), None)


def _names_a_us_town(mentions: list[Mention]) -> bool:
    """True when some name of the text has a US town or county among its own senses."""
    return any(e.main and e.candidate.country_code == "US"
               for m in mentions if not m.small for e in m.entries)


def _near(c: Candidate, key: str, ctx: _Context, km: float = NEARBY_KM) -> bool:
    """True when ``c`` lies within ``km`` of a place named by another key."""
    if c.latitude is None or c.longitude is None:
        return False
    lat, lon = c.latitude, c.longitude
    south, north, west, east, widen = ctx.box
    margin = km / 111.2
    if not (south - margin <= lat <= north + margin
            and west - margin * widen <= lon <= east + margin * widen):
        return False  # far from every place named: the distances below are not needed
    scale = math.cos(math.radians(lat))
    for other, points in ctx.anchors.items():
        if other == key:
            continue
        for plat, plon in points:
            dy, dx = lat - plat, (lon - plon) * scale
            if (dx * dx + dy * dy) * 12364.0 <= km * km:  # 111.2 km a degree
                return True
    return False


def _score(e: Entry, m: Mention, ctx: _Context, has_main: bool, big_rival: bool) -> float:
    """A candidate's score: its prior plus what the document says about where it is.

    ``big_rival``: a country, state or continent also has this name ("Ontario",
    "Russia"); local US news then lifts a US town over it only when the town's state is
    named too.
    """
    c = e.candidate
    score = e.prior
    if not e.main and has_main and c.kind == "city" and _short(c.name) != _short(m.key):
        # "Riverdale" is a town of its own, not another town's old name; but "St.
        # Petersburg" is Saint Petersburg's own name, abbreviated
        score -= 3.0
    if c.kind in ("country", "continent", "region"):
        return score
    if c.country_code in ctx.countries:
        score += 1.5
    if _is_state(c):
        # A state that the document's towns lie in ("Georgia" beside "Atlanta").
        if c.country_code == "US" and c.admin1 in ctx.town_states:
            score += 1.0
        return score
    state_named = (c.country_code, c.admin1) in ctx.states
    if state_named:
        score += STATE_NAMED_BONUS
    if c.country_code == "US" and ctx.us_focus and c.kind == "city" and (
            state_named or not big_rival):
        score += 2.5
    if len(m.entries) > 1 and _near(c, m.key, ctx):
        score += NEARBY_BONUS
    if c.country_code == "US" and c.admin1 == ctx.home and not big_rival:
        score += HOME_BONUS  # not over a country's or state's name ("Russia", Ohio)
    return score


def _unsupported(c: Candidate, m: Mention, ctx: _Context) -> bool:
    """True for a small foreign town or district in local US news that never names its
    country.

    "Martin", "Robertson" or "Mary" are towns somewhere; in an article about Kentucky
    that does not mention Slovakia, South Africa or Turkmenistan they are people.
    """
    return (
        c.kind in ("city", "admin")
        and c.country_code != "US"
        and not m.dateline
        and c.population < FOREIGN_TOWN_POPULATION
        and c.country_code not in ctx.countries
        and ctx.us_focus
    )


def _alternate_supported(c: Candidate, m: Mention, ctx: _Context, text: str,
                         mentions: list[Mention]) -> bool:
    """True when the text names the state (abroad, the country) of the town an
    alternate name stands for, or a place near it, or writes the name as a town's
    (:mod:`.alternates`); written with another state ("Sibley, Mo." for Trenton,
    Michigan), it is a town the gazetteer lacks."""
    if m.qualifier is not None:
        return _inside(c, m.qualifier)
    return (m.dateline
            or (c.country_code, c.admin1) in ctx.states
            or (c.country_code != "US" and c.country_code in ctx.countries)
            or _near(c, m.key, ctx, SMALL_TOWN_KM)
            or _written_as_a_town(text, m.key, mentions))


def _written_as_a_town(text: str, key: str, mentions: list[Mention]) -> bool:
    """True when the text writes ``key`` once where only a place stands ("in Penacook")
    or before a town's institution ("Litchfield Superior Court", "Shiloh School
    District"), not "of Google" or "the Quinnipiac poll"."""
    for o in mentions:
        if o.key == key and o.start >= 0:
            nxt = _NEXT_WORD.match(text, o.end)
            if (_IN_BEFORE.search(text, max(0, o.start - 8), o.start)
                    or _TOWN_AFTER.match(text, o.end) is not None
                    or (nxt is not None and nxt.group(1).lower() in _TOWN_WORDS)):
                return True
    return False


def _stray(c: Candidate, m: Mention, ctx: _Context) -> bool:
    """True for a small town or district of a country the text never names, in a text
    that names other countries and is not local US news: "Ribeira" in a story about
    Porto, Portugal, is Porto's riverside quarter, not the Spanish town of 27,000."""
    return (
        c.kind in ("city", "admin")
        and c.country_code != "US"
        and not ctx.us_focus
        and not m.dateline
        and m.qualifier is None
        and c.population < FOREIGN_TOWN_POPULATION
        and bool(ctx.countries)
        and c.country_code not in ctx.countries
        and c.country_code not in ctx.town_countries
    )


def resolve(gaz: Gazetteer, mentions: list[Mention], text: str = "") -> list[Mention]:
    """Choose a candidate per mention: prior, plus document country/state context.

    Small US towns are candidates only in a state the document names; a mention found
    only among them is dropped otherwise. One sense per document: a surface form
    resolves the same way at every mention, unless a qualifier says otherwise.
    """
    ctx = _context(mentions, text)
    ctx.home = home_state(gaz, mentions, ctx.phone_states)
    if sum(country == "US" for country, _ in ctx.states) >= NATIONAL_STATES:
        # "The tragedy in Santa Fe": names the text writes where only a place stands
        ctx.national = {o.key for o in mentions
                        if o.start >= 0 and after_locative(text, o.start)}
    kept: list[Mention] = []
    chosen: dict[str, Candidate | None] = {}
    unplaced: list[Mention] = []
    widened: dict[tuple[str, bool, int], list[Entry]] = {}
    # only a name with a country sense needs the test ("Lebanon"), once it passes
    towns: set[str] = set()
    for m in mentions:
        if (m.key not in towns and any(e.candidate.kind == "country" for e in m.entries)
                and _town_use(m, text)):
            towns.add(m.key)
    for m in mentions:
        entries = m.entries
        if m.qualifier is not None and m.key not in chosen and not m.demonym:
            # "Springfield, Ohio" once: every other "Springfield" of the text is it too
            inside = [e for e in (*entries, *gaz.small_us_entries(m.key))
                      if _inside(e.candidate, m.qualifier)]
            if inside:
                chosen[m.key] = max(inside, key=lambda e: e.prior).candidate
    for m in mentions:
        entries = m.entries
        if not m.demonym:
            # the same for every mention of a name (the distance tests cost)
            same = (m.key, m.small, id(m.qualifier))
            if same not in widened:
                widened[same] = _with_small_towns(gaz, m, ctx)
            entries = widened[same]
        if m.key in towns:
            entries = [e for e in entries if e.candidate.kind != "country"] or entries
        if not entries:
            if m.small:
                unplaced.append(m)
            continue
        if m.qualifier is not None:
            inside = [e for e in entries if _inside(e.candidate, m.qualifier)]
            if inside:
                m.choice = max(inside, key=lambda e: e.prior).candidate
                kept.append(m)
                continue
        if m.region:
            m.choice = entries[0].candidate
        elif m.key in chosen:
            m.choice = chosen[m.key]
        else:
            if any(e.main and e.candidate.kind == "country" for e in entries):
                # a country's own name is no other name of a town: "Puerto Rico" beside
                # "San Juan" (once called so) is the island
                entries = [e for e in entries if e.main or e.candidate.kind != "city"]
            has_main = any(e.main for e in entries)
            big = any(e.main and (e.candidate.kind in ("country", "continent")
                                  or _is_state(e.candidate)) for e in entries)
            def score(e: Entry) -> float:
                return _score(e, m, ctx, has_main, big)  # noqa: B023 (used at once)

            best = max(entries, key=score).candidate
            choice: Candidate | None = best
            if _unsupported(best, m, ctx):
                # in local US news a name with a US sense means that one ("Hamilton High
                # School": Ohio's Hamilton, not Bermuda's capital); others are dropped
                us = [e for e in entries if e.candidate.country_code == "US"]
                choice = max(us, key=score).candidate if us else None
            elif other_name_only(m.key, m.entries) and not _alternate_supported(
                    best, m, ctx, text, mentions):
                choice = None  # "Google" (Topeka), "Quinnipiac" (New Haven)
            elif _stray(best, m, ctx):
                # a story about named countries means a sense in one of them, or none
                inside = [e for e in entries if e.candidate.country_code in ctx.countries]
                choice = max(inside, key=score).candidate if inside else None
            chosen[m.key] = m.choice = choice
        if m.choice is not None:
            kept.append(m)
    _same_town_extended(kept, chosen)
    if unplaced:
        kept = _place_small_towns(gaz, unplaced, kept)
    _place_counties(kept)
    return kept


def _same_town_extended(mentions: list[Mention], chosen: dict[str, Candidate | None]) -> None:
    """A town's name with "City" or "Town" after it means the town the text chose for the
    bare name, when the longer name is only another town's alternate name: after
    "Springfield, Ohio", "Springfield City Area Transit" is not GeoNames' "Springfield
    City" (Massachusetts)."""
    for m in mentions:
        if not m.key.endswith(_SAME_TOWN_AFTER) or m.qualifier is not None or any(
                e.main for e in m.entries):
            continue  # the cheap test first: few names end so
        town = chosen.get(m.key.rpartition(" ")[0])
        if town is not None and town.kind == "city":
            m.choice = town


def _town_use(m: Mention, text: str) -> bool:
    """True when the text uses the name as a town's, not a country's: "Lebanon police",
    "a Lebanon woman", "City of Lebanon", "1301 Lafayette Ave., Lebanon"."""
    if m.start < 0 or m.demonym:
        return False
    return (_TOWN_AFTER.match(text, m.end) is not None
            or _TOWN_BEFORE.search(text, max(0, m.start - 16), m.start) is not None)


def _with_small_towns(gaz: Gazetteer, m: Mention, ctx: _Context) -> list[Entry]:
    """A mention's entries plus the small towns of its name that the text supports: a
    US one in a state the text names; in the home state, where the text writes the name
    where only a place stands ("in Tega Cay") or, in local US news, beside bigger
    namesakes ("Southport", Indiana); inside its qualifier; or (for a name with big
    namesakes) near another place the text names; another country's as
    :func:`_small_foreign` says. A mention found only among small towns keeps only those.
    A US state's own name, unqualified, gets none: "in Florida" beside "New York" and
    "Riverdale" had become Florida, New York, a village of 3,000."""
    if m.qualifier is None and not m.small and is_us_state(m.entries[0].candidate):
        return m.entries  # "in Florida" is the state, not Florida, New York
    # a national story names many states: its own state then says little of a small
    # town's name ("told Congress" beside Arizona), unless written "in X" or near a place
    national = (ctx.national is not None and m.key not in ctx.located
                and m.key not in ctx.national)
    local = [
        e
        for e in gaz.small_us_entries(m.key)
        if (("US", e.candidate.admin1) in ctx.states
            and (not national or _near(e.candidate, m.key, ctx, SMALL_TOWN_KM)))
        or (e.candidate.admin1 == ctx.home
            and (m.key in ctx.located or (not m.small and ctx.us_focus)))
        or (m.qualifier is not None and _inside(e.candidate, m.qualifier))
        or (not m.small and _near(e.candidate, m.key, ctx, SMALL_TOWN_KM))
    ]
    if m.small:
        return local + _small_foreign(gaz.small_world_entries(m.key), m, ctx)
    return m.entries + local


def _small_foreign(entries: list[Entry], m: Mention, ctx: _Context) -> list[Entry]:
    """The small towns of other countries a mention may mean: inside its qualifier
    ("Valemount, B.C."), else in a country the document names, unless it is local US
    news ("Ballina" beside "Ireland"; "Martin" in a Kentucky story is a person)."""
    if m.qualifier is not None:
        return [e for e in entries if _inside(e.candidate, m.qualifier)]
    if ctx.us_focus:
        return []
    located = m.key in ctx.located
    return [e for e in entries if (e.candidate.country_code in ctx.countries
                                   or e.candidate.country_code in ctx.town_countries)
            and (located or _near(e.candidate, m.key, ctx, SMALL_TOWN_KM))]


def _place_small_towns(gaz: Gazetteer, unplaced: list[Mention],
                       kept: list[Mention]) -> list[Mention]:
    """Small US towns of a state the document never names, placed by their neighbours.

    A local paper names its towns without their state ("Harwinton", beside "Torrington"
    and "Litchfield"): a small town within :data:`SMALL_TOWN_KM` of a US town or county
    the document names is the one meant, if the text once writes it where only a place
    stands ("in Harwinton", a dateline); a name built like a town's ("Whitestown", "New
    Concord") is a town wherever the text is not a foreign story
    (:mod:`.town_shapes`); other names stay dropped: "Scott", "Tanner".
    """
    points = [(c.latitude, c.longitude) for c in (m.choice for m in kept)
              if c is not None and c.country_code == "US" and c.kind in ("city", "admin")
              and c.level != 1 and c.latitude is not None and c.longitude is not None]
    local = 2 * len(points) >= len(kept)  # not a foreign story
    located = {m.key for m in unplaced if m.located}
    chosen: dict[str, Candidate | None] = {}
    for m in unplaced:
        if m.key not in chosen:
            entries = gaz.small_us_entries(m.key)
            # "Scott", "Tanner": never written where only a place stands
            near = _nearest(entries, points) if points and m.key in located and local else None
            if near is None and local and town_shaped(m.key):
                near = likeliest_town(entries, points)  # "Whitestown", "New Concord"
            chosen[m.key] = near
        m.choice = chosen[m.key]
        if m.choice is not None:
            kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


def _nearest(entries: list[Entry], points: list[tuple[float, float]]) -> Candidate | None:
    """The candidate closest to one of ``points``, if within :data:`SMALL_TOWN_KM`."""
    best: Candidate | None = None
    best_d = SMALL_TOWN_KM * SMALL_TOWN_KM
    for e in entries:
        c = e.candidate
        if c.latitude is None or c.longitude is None:
            continue
        scale = math.cos(math.radians(c.latitude))
        for plat, plon in points:
            dy, dx = c.latitude - plat, (c.longitude - plon) * scale
            d = (dx * dx + dy * dy) * 12364.0  # km² (111.2 km a degree)
            if d <= best_d:
                best, best_d = c, d
    return best


def _place_counties(mentions: list[Mention]) -> None:
    """Give a county the position of a town of its state that the document names.

    GeoNames, as packaged, has no coordinates for counties; the gazetteer gives them
    their state's centre. A local article's towns are a far better estimate.
    """
    towns: dict[str, Candidate] = {}
    for m in mentions:
        c = m.choice
        if c is not None and c.kind == "city" and c.country_code == "US":
            towns.setdefault(c.admin1, c)
    for m in mentions:
        c = m.choice
        if c is None or c.kind != "admin" or c.geonameid is not None or c.admin1 not in towns:
            continue
        town = towns[c.admin1]
        m.choice = replace(c, latitude=town.latitude, longitude=town.longitude)


def dateline_mention(gaz: Gazetteer, text: str, dateline: str) -> Mention | None:
    """Resolve the dateline string ("ERBIL", "BEIRUT, Lebanon") and find it in the text."""
    parts = [p.strip() for p in dateline.split(",") if p.strip()]
    if not parts:
        return None
    entries = gaz.entries(parts[0])
    if not entries:
        return None
    mention = Mention(-1, -1, normalize(parts[0]), entries, dateline=True)
    if len(parts) > 1:
        q = gaz.entries(parts[1])
        if q and q[0].candidate.kind in ("admin", "country"):
            mention.qualifier = q[0].candidate
    pos = text.find(parts[0])
    if pos >= 0:
        mention.start, mention.end = pos, pos + len(parts[0])
    return mention
