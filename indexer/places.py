"""Location extraction: place names in an article body (and its dateline) -> GeoNames places.

How it works, and why:

* Capitalised token runs of 1-4 words are looked up in the precomputed gazetteer index
  (:mod:`newsfacet.indexer.gazetteer`), longest first. Scanning the gazetteer per article
  would be far too slow for 80,000 articles; a dict lookup per candidate n-gram is not.
* Rules reject matches that are capitalised for another reason: common English words
  that happen to be towns ("Of", "March", "Mobile", "Reading"), sentence-initial words,
  acronyms in capitals ("ISIS"), and names inside a longer proper noun: a capitalised
  word right before or after ("Michael Jordan", "Georgia Smith", "Washington Post").
* Resolution picks, per mention, the candidate with the best prior (countries and US
  states over cities, then population), boosted for candidates in a country or US state
  the document mentions ("Cleveland, Ohio"; "Hasakah ... Syria"). One sense per
  document: a surface form resolves the same way at every mention.
* Demonyms ("Syrian", "Sri Lankan", "Palestinians") resolve to their country. One that
  begins an organisation's name ("Syrian Democratic Forces", "American Electric") is not
  extracted at all, so an organisation named after a people adds nothing to the location
  facet; government words after it ("Georgian Foreign Ministry") keep it a mention.
* Document context: local US news (a US state named, US places at least as many as
  foreign ones) lifts US towns over same-name foreign cities ("Paris" beside "Texas"),
  and small foreign towns there need their country named ("Martin said" is a person).
  US towns under 15,000 inhabitants and counties' coordinates come from the text's state.
* Metonymy is not filtered: "Washington said" resolves to the US capital, since for a
  location facet the capital is the place the article is about; and telling a
  government from its city needs more than rules.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsfacet.schema.document import Place, Span

from .gazetteer import Candidate, Entry, Gazetteer, get_gazetteer, normalize
from .lexicon import CALENDAR_WORDS, PERSON_TITLES, words

#: Words that are common English (function words, frequent nouns and adjectives, and the
#: calendar's days and months) but also GeoNames towns; capitalised they are sentence
#: starts or titles.
COMMON_WORDS: frozenset[str] = words(
    """
    a about above after again against all also although am among an and another any are
    as at be because been before being below between both but by can could did do does
    down during each even every few for from further had has have he her here hers him his
    how however i if in into is it its just least less like many may me might more most much
    must my neither no nor not now of off on once one only or other our out over own per
    same she should since so some still such than that the their them then there these they
    this those though through thus to too under unless unlike until up upon us very was we
    were what when where whether which while who whom whose why will with within without
    would yet you your yes
    today tomorrow yesterday spring summer autumn fall winter
    read reading more mobile bath police many said says say news home story stories page
    photo video live world market union bay beach bridge center centre church city club
    college court early east north south west central middle new old university hospital
    school street road park lake river valley hill hills island islands mount point port
    fort station airport state states county region province district area village town
    white black green brown gray grey gold silver golden royal grand great little long
    best good bad big small major minor general chief deputy senior president governor
    mayor minister officer sheriff sergeant captain commander colonel judge senator
    opportunity independence liberty freedom unity victoria hope faith grace justice
    peace paradise progress concord harmony enterprise commerce industry eureka
    ocean sea gulf coast cape bank banks mission garden gardens plaza mall
    ivory orange lime olive cherry apple pine oak cedar maple palm rose lily
    man woman boy girl men women children kids family people friends
    time day days week weeks month year years night morning evening
    first second third last next many several
    after before today tonight late early
    police fire rescue emergency health public service services due republic kingdom
    federation emirate sultanate commonwealth army navy
    """
) | CALENDAR_WORDS

#: Capitalised words that may stand right before a place without making it part of a
#: longer proper noun ("Northern Iraq", "Greater London", "Downtown Cleveland").
PLACE_PREFIXES: frozenset[str] = words(
    """
    north south east west northern southern eastern western northeast northwest southeast
    southwest northeastern northwestern southeastern southwestern central greater upper
    lower downtown metro mid inner outer rural urban
    """
)

#: Capitalised words that may follow a place name ("Hasakah Province").
PLACE_SUFFIXES: frozenset[str] = words(
    """
    province governorate county city state region district area metro municipality
    prefecture oblast
    """
)

#: Capitalised words after which a town's name names another place ("Laurel County" is
#: not Laurel): the gazetteer has no counties, so such phrases are left out.
OTHER_PLACE_SUFFIXES: frozenset[str] = frozenset(
    ["county", "parish", "township", "borough", "street", "avenue", "road", "river", "lake"]
)

#: Capitalised phrases that name something else in news text far more often than the
#: town of that name ("White House" is a Tennessee city, "Hamas" a Libyan village).
NOT_PLACES: frozenset[str] = frozenset(
    [
        "white house",
        "god",
        "hamas",
        "olympic",
        "human",
        "allah",
        "jesus",
        "christ",
        "lord",
        "sens",
        "reps",
        "obama",
        "buy",
        "noma",
    ]
)

#: Lower-case words after which a capitalised word is a person ("his son Bryan",
#: "spokesman Stuart Green"), not a town.
RELATION_WORDS: frozenset[str] = words(
    """
    son sons daughter daughters wife husband brother sister mother father grandson
    granddaughter spokesman spokeswoman spokesperson officer officers judge coach named
    nephew niece uncle aunt cousin friend partner fiancé fiancee
    """
)

#: Verbs of saying right after a single capitalised word: "Robertson said" is a person.
_SAID_AFTER = re.compile(r"\s(?:said|says|told|added|explained|noted|asked|recalled)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|according\s+to)\s$")
#: A preposition of place right before a name: "in Laconia" is a place, whatever else
#: the document does with the word.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|from|of|to|outside|across)\s$")
#: Words after a demonym that keep it a statement about the country ("Georgian Foreign
#: Ministry", "Russian troops"), unlike the rest of an organisation's name ("American
#: Electric", "Syrian Democratic Forces"), which is not a place mention.
STATE_WORDS: frozenset[str] = words(
    """
    foreign interior defense defence ministry ministries embassy consulate government
    parliament troops officials authorities prime border forces military
    """
)
#: A person's initial: "Grant W." / "E.J." right before a name, "Virginia L." after one.
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
#: Population below which a single-word foreign town needs its country in the text.
FOREIGN_TOWN_POPULATION = 100_000

#: Endings of English contractions ("I've", "We're"): such a token is never a place.
_CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|t)$", re.IGNORECASE)

#: Capitalised words that make a place name the modifier of an institution ("Ohio
#: Department of Transportation", "Dublin City Council"): the place still counts, unlike
#: a capitalised word of unknown kind after it, which is more often a surname.
INSTITUTION_WORDS: frozenset[str] = words(
    """
    department council court senate house university college school schools bureau
    commission association coalition agency office police fire sheriff national supreme
    assembly legislature government attorney board authority museum hospital medical center
    centre community historical society arts army guard highway turnpike airport library
    club chamber league party republican democratic public health environmental education
    veterans recreation church zoo symphony division ministry parliament embassy forces
    military air navy marines electric power energy bank federal metropolitan international
    regional sports branch village shopping festival fair orchestra theatre theater
    development transportation schools district capital campus
    """
)

#: Lower-case words allowed inside a multi-word place name ("Isle of Man", "Rio de Janeiro").
CONNECTORS: frozenset[str] = words(
    "of de la le les del della di da do dos das du des al el upon on the and y en"
)

#: "Republic of Iraq", "Kingdom of Saudi Arabia": the title belongs to the country mention.
_COUNTRY_TITLE = re.compile(
    r"(?:(?:Islamic|Federal|People's|People’s|Democratic|Arab|Socialist|Hashemite|Syrian"
    r"|Arab|United|Plurinational|Bolivarian|Independent|Sovereign)\s+)*"
    r"(?:Republic|Kingdom|State|Commonwealth|Federation|Emirate|Sultanate|Principality"
    r"|Grand\s+Duchy)\s+of\s+(?:the\s+)?$"
)

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?")
_POSSESSIVE = re.compile(r"['’]s?$")
#: Characters skipped when looking back for a sentence boundary (spaces, quotes, brackets).
_OPENERS = " \t\"“”‘’'([-–—•*"

MAX_NGRAM = 4


@dataclass(slots=True)
class _Token:
    """A word of the text, with the facts the rules ask about."""

    start: int
    end: int
    text: str
    upper_initial: bool
    all_caps: bool


@dataclass(slots=True)
class _Mention:
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
    #: Found only among the small US towns: kept when the document names its state.
    small: bool = False
    #: Stands after a comma as the state or country of the place before it ("Albany,
    #: New York"): resolves to that region.
    region: bool = False


def _tokenize(text: str) -> tuple[list[_Token], set[str]]:
    """Capitalised words and connectors with offsets, and the set of other lower-case words.

    Plain lower-case words never start or continue a place name, so they get no token
    (a gap between tokens then reads as "not adjacent"); that keeps long articles cheap.
    Trailing full stops and possessives are not part of a word.
    """
    tokens: list[_Token] = []
    lower_words: set[str] = set()
    append = tokens.append
    for m in _TOKEN.finditer(text):
        word = m.group()
        if not word[0].isupper():
            if word in CONNECTORS:
                append(_Token(m.start(), m.end(), word, False, False))
            else:
                lower_words.add(word.rstrip("."))
            continue
        start, end = m.span()
        if word[-1] == "." and len(word) > 3 and "." not in word[:-1]:
            end -= 1  # sentence full stop, not an abbreviation ("Syria." vs "St.")
            word = word[:-1]
        if "'" in word or "’" in word:
            poss = _POSSESSIVE.search(word)
            if poss and poss.start() > 0:
                end -= len(poss.group())
                word = word[: poss.start()]
        append(_Token(start, end, word, True, len(word) > 1 and word.isupper()))
    return tokens, lower_words


def _sentence_initial(text: str, pos: int) -> bool:
    """True when ``pos`` starts a sentence, line or quotation."""
    k = pos - 1
    while k >= 0 and text[k] in _OPENERS:
        k -= 1
    return k < 0 or text[k] in ".!?:;\n|"


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    """True when two tokens are separated by a single space (same phrase)."""
    return text[left.end : right.start] == " "


class _Extractor:
    """One article's extraction state (tokens, lower-case vocabulary, mentions)."""

    def __init__(self, gaz: Gazetteer, text: str, exclude: Sequence[Span]) -> None:
        self.gaz = gaz
        self.text = text
        self.tokens, self.lower_words = _tokenize(text)
        self.exclude = sorted((s.start, s.end) for s in exclude)
        #: Single words rejected as part of a person-like name, and whether the last
        #: rejection was of that kind.
        self.person_words: set[str] = set()
        self._person_like = False
        self._deferred = False

    # -- matching ---------------------------------------------------------------------

    def _excluded(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps an excluded span (a speaker's name, say)."""
        return any(s < end and start < e for s, e in self.exclude)

    def _caps_context(self, i: int) -> bool:
        """True when the token stands in an all-capitals stretch (headline, dateline)."""
        toks = self.tokens
        neighbours = [toks[k] for k in (i - 1, i + 1) if 0 <= k < len(toks)]
        for n in neighbours:
            if n.all_caps and len(n.text) > 2:
                return True
        nxt = self.text[self.tokens[i].end : self.tokens[i].end + 3]
        return _sentence_initial(self.text, toks[i].start) and nxt[:2] in (" (", ", ", " –", " -")

    def _ngram_end(self, i: int) -> list[int]:
        """Indices j such that tokens i..j form a candidate place phrase, longest first."""
        toks = self.tokens
        ends: list[int] = []
        j = i
        while j < len(toks) and j - i < MAX_NGRAM + 2:
            tok = toks[j]
            if j > i and not _adjacent(self.text, toks[j - 1], tok):
                break
            if tok.upper_initial:
                ends.append(j)
            elif tok.text.lower() not in CONNECTORS:
                break
            if tok.text.endswith(".") and "." not in tok.text[:-1] and len(tok.text) > 3:
                break
            j += 1
        return [e for e in reversed(ends) if e - i < MAX_NGRAM]

    def _accept(self, i: int, j: int, entries: list[Entry]) -> bool:
        """Rules that tell a place name from the same word used otherwise."""
        toks = self.tokens
        first, last = toks[i], toks[j]
        best = entries[0].candidate
        single = i == j
        self._person_like = False
        if single and not entries[0].main and best.kind == "city" and len(first.text) < 5:
            return False  # short alternate names are mostly codes and foreign words
        big = best.kind in ("country", "admin")
        surface = self.text[first.start : last.end]
        alias_ok = not entries[0].main and surface in ("US", "UK", "USA", "UAE", "DRC")
        caps = any(t.all_caps and "." not in t.text for t in toks[i : j + 1])
        if caps and not alias_ok and (len(surface) < 4 or not self._caps_context(i)):
            return False
        lower = first.text.lower()
        # A common word, or a town name the text also uses in lower case ("mobile home"),
        # is a place only when qualified: "Mobile, Alabama".
        common = lower in COMMON_WORDS or (best.kind == "city" and lower in self.lower_words)
        if single and not first.all_caps and common and not self._qualified(j):
            return False
        # Part of a longer proper noun: "Michael Jordan", "Georgia Smith".
        titled = i > 0 and self.text[toks[i - 1].end : first.start] in (" ", ". ")
        if titled and toks[i - 1].text.lower().rstrip(".") in PERSON_TITLES:
            self._person_like = True
            return False
        if single and not big and self._person_context(i):
            self._person_like = True
            return False
        if i > 0 and _adjacent(self.text, toks[i - 1], first):
            prev = toks[i - 1]
            pl = prev.text.lower().rstrip(".")
            if (
                prev.upper_initial
                and not prev.all_caps
                and pl not in PLACE_PREFIXES
                and pl not in COMMON_WORDS
                and pl not in CONNECTORS
                and not prev.text.endswith(".")
            ):
                self._person_like = True
                return False
        if j + 1 < len(toks) and _adjacent(self.text, last, toks[j + 1]):
            nxt = toks[j + 1]
            nl = nxt.text.lower()
            if best.kind == "city" and nl in OTHER_PLACE_SUFFIXES:
                return False
            dotted = "." in last.text and best.kind == "country"  # "U.S. Army"
            if (
                not dotted
                and nxt.upper_initial
                and not (nxt.all_caps and not first.all_caps)
                and nl not in PLACE_SUFFIXES
                and nl not in COMMON_WORDS
                and nl not in INSTITUTION_WORDS
                and not (big and self.gaz.has_key(normalize(nxt.text)))
            ):
                self._deferred = not _INITIALS.match(nxt.text)
                return False
        # A sentence-initial word that is only an alternate name ("Due" for Douai).
        return not (
            single
            and not big
            and _sentence_initial(self.text, first.start)
            and (lower in COMMON_WORDS or not entries[0].main)
        )

    def _person_context(self, i: int) -> bool:
        """True when the single word at token i reads as a person's name.

        An initial before or after it ("Grant W. Graham", "Virginia L. Lane"), a
        relation or job word before it ("his son Bryan"), or a verb of saying right after
        or before it ("Robertson said", "said Robertson").
        """
        toks, text = self.tokens, self.text
        tok = toks[i]
        after = i + 1 < len(toks) and _adjacent(text, tok, toks[i + 1])
        if after and _INITIALS.match(toks[i + 1].text):
            return True
        if i > 0 and _adjacent(text, toks[i - 1], tok) and _INITIALS.match(toks[i - 1].text):
            return True
        before = text[max(0, tok.start - 20) : tok.start]
        word = before.rstrip(" ,").rsplit(" ", 1)[-1].lower()
        if word in RELATION_WORDS and before.endswith(" "):
            return True
        said_before = _SAID_BEFORE.search(before) and text[tok.end : tok.end + 1] in ",.;"
        if _SAID_AFTER.match(text, tok.end) or said_before:
            entries = self.gaz.entries_for_key(normalize(tok.text))
            top = entries[0] if entries else None
            return top is None or (top.prior < 5.5 and top.candidate.kind == "city")
        return False

    def _demonym_at(self, i: int) -> tuple[int, Candidate] | None:
        """A demonym at token i ("Syrian", "Sri Lankan"): (last token index, country).

        Not when it starts or continues a longer proper noun ("Syrian Democratic Forces",
        "Native American"): an organisation named after a people is not a place mention.
        """
        toks, text = self.tokens, self.text
        for j in (i + 1, i):
            if j >= len(toks) or (j > i and not _adjacent(text, toks[i], toks[j])):
                continue
            country = self.gaz.demonym(text[toks[i].start : toks[j].end])
            if country is None:
                continue
            if toks[i].all_caps or (j > i and toks[j].all_caps):
                return None
            if i > 0 and _adjacent(text, toks[i - 1], toks[i]) and toks[i - 1].upper_initial:
                pl = toks[i - 1].text.lower().rstrip(".")
                if pl not in PLACE_PREFIXES and pl not in COMMON_WORDS:
                    return None
            if j + 1 < len(toks) and _adjacent(text, toks[j], toks[j + 1]):
                nxt = toks[j + 1]
                nl = nxt.text.lower()
                if (
                    nxt.upper_initial
                    and nl not in COMMON_WORDS
                    and nl not in STATE_WORDS
                    and not self.gaz.demonym(nl)
                ):
                    return None
                if nl == "democratic":  # "Syrian Democratic Forces", a party or militia
                    return None
            return j, country
        return None

    def _hyphen_parts(self, i: int) -> list[_Mention]:
        """Places inside a hyphenated word: "Egyptian-US", "D-Charleston", "Atlanta-area"."""
        tok = self.tokens[i]
        out: list[_Mention] = []
        pos = tok.start
        for part in tok.text.split("-"):
            start, end = pos, pos + len(part)
            pos = end + 1
            if len(part) < 2 or not part[0].isupper() or self._excluded(start, end):
                continue
            country = self.gaz.demonym(part)
            if country is not None:
                entry = Entry(country, country_prior(country), False)
                out.append(_Mention(start, end, normalize(part), [entry], demonym=True))
                continue
            key = normalize(part)
            entries = self.gaz.entries_for_key(key)
            alias_ok = part in ("US", "UK", "USA", "UAE")
            if not entries or key in NOT_PLACES or (key in COMMON_WORDS and not alias_ok):
                continue
            top = entries[0]
            if part.isupper() and not alias_ok:
                continue
            if top.candidate.kind in ("country", "admin") or (top.main and len(part) > 3):
                out.append(_Mention(start, end, key, entries))
        return out

    def _qualified(self, j: int) -> bool:
        """True when token j is followed by ", <US state or country>" ("Mobile, Alabama")."""
        toks = self.tokens
        if j + 1 >= len(toks) or self.text[toks[j].end : toks[j + 1].start] != ", ":
            return False
        for k in range(min(len(toks) - 1, j + 3), j, -1):
            key = normalize(self.text[toks[j + 1].start : toks[k].end])
            entries = self.gaz.entries_for_key(key)
            if entries and entries[0].candidate.kind in ("admin", "country"):
                return True
        return False

    def _abbreviation(self, i: int) -> list[Entry]:
        """A US state abbreviation after a comma ("Columbus, Ind."), else nothing."""
        tok = self.tokens[i]
        if self.text[max(0, tok.start - 2) : tok.start] != ", ":
            return []
        surface = self.text[tok.start : tok.end + 1] if not tok.text.endswith(".") else tok.text
        entry = self.gaz.abbreviations.get(surface)
        return [entry] if entry else []

    def find(self) -> list[_Mention]:
        """Greedy longest-match scan over capitalised token runs."""
        toks = self.tokens
        mentions: list[_Mention] = []
        i = 0
        while i < len(toks):
            if not toks[i].upper_initial or _CONTRACTION.search(toks[i].text):
                i += 1
                continue
            abbr = self._abbreviation(i)
            if abbr:
                tok = toks[i]
                end = tok.end if tok.text.endswith(".") else tok.end + 1
                mentions.append(_Mention(tok.start, end, normalize(tok.text), abbr))
                i += 1
                continue
            demonym = self._demonym_at(i)
            if demonym is not None:
                j, country = demonym
                start, end = toks[i].start, toks[j].end
                if not self._excluded(start, end):
                    entry = Entry(country, country_prior(country), False)
                    key = normalize(self.text[start:end])
                    mentions.append(_Mention(start, end, key, [entry], demonym=True))
                i = j + 1
                continue
            matched = False
            for j in self._ngram_end(i):
                start, end = toks[i].start, toks[j].end
                key = normalize(self.text[start:end])
                entries = self.gaz.entries_for_key(key)
                small = False
                if not entries:
                    entries = self.gaz.small_us_entries(key)
                    small = True
                if not entries:
                    continue
                if key in NOT_PLACES or self._excluded(start, end):
                    break
                self._deferred = False
                if not self._accept(i, j, entries):
                    if i == j and self._person_like:
                        self.person_words.add(key)
                    elif self._deferred:
                        mentions.append(_Mention(start, end, key, entries, deferred=True))
                        i = j
                    break
                if small:
                    mentions.append(_Mention(start, end, key, entries, small=True))
                    i = j + 1
                    matched = True
                    break
                if entries[0].candidate.kind == "country":
                    title = _COUNTRY_TITLE.search(self.text, max(0, start - 60), start)
                    if title:
                        start = title.start()
                        while mentions and mentions[-1].end > start:
                            mentions.pop()
                mentions.append(_Mention(start, end, key, entries))
                i = j + 1
                matched = True
                break
            if not matched:
                if "-" in toks[i].text:
                    mentions.extend(self._hyphen_parts(i))
                i += 1
        # One sense per document: "Obama" alone is the person "Barack Obama" was, unless
        # the document also puts the name after a preposition of place ("in DeKalb").
        self.person_words -= {
            m.key
            for m in mentions
            if _LOCATIVE_BEFORE.search(self.text, max(0, m.start - 8), m.start)
        }
        mentions = [
            m
            for m in mentions
            if not (m.key in self.person_words and m.entries[0].candidate.kind == "city")
        ]
        standalone = {m.key for m in mentions if not m.deferred}
        mentions = [m for m in mentions if not m.deferred or m.key in standalone]
        self._qualify(mentions)
        return mentions

    def _qualify(self, mentions: list[_Mention]) -> None:
        """Link "X, Y" pairs where Y is a state or country: X must lie inside Y."""
        for a, b in itertools.pairwise(mentions):
            if self.text[a.end : b.start] != ", ":
                continue
            region = next((e for e in b.entries if e.candidate.kind in ("admin", "country")), None)
            if region is not None and not b.demonym:
                a.qualifier = region.candidate
                b.entries = [region] + [e for e in b.entries if e is not region]
                b.region = True


def country_prior(country: Candidate) -> float:
    """The prior a demonym gives its country (that of the country's own name)."""
    return 9.0


def _inside(cand: Candidate, region: Candidate) -> bool:
    """True when ``cand`` lies in ``region`` (a country, or a US state)."""
    if region.kind == "country":
        return cand.country_code == region.country_code and cand is not region
    return cand.country_code == "US" and cand.admin1 == region.admin1 and cand is not region


@dataclass(slots=True)
class _Context:
    """What the whole document says about where it is: countries and US states named."""

    countries: set[str]
    states: set[str]
    #: US states of the US towns the document names (their most likely sense).
    town_states: set[str]
    #: True for local US news: a US state is named and US places outnumber foreign ones.
    us_focus: bool


def _context(mentions: list[_Mention]) -> _Context:
    """Countries and US states the document names, and whether it is local US news."""
    countries: set[str] = set()
    states: set[str] = set()
    town_states: set[str] = set()
    us, foreign = 0, 0
    for m in mentions:
        if m.small:
            continue
        top = m.entries[0].candidate
        if top.kind == "country":
            countries.add(top.country_code)
            if top.country_code == "US":
                us += 1
            else:
                foreign += 1
        elif top.kind == "admin":
            countries.add("US")
            states.add(top.admin1)
            us += 1
        elif top.country_code == "US" and m.qualifier is None:
            town_states.add(top.admin1)
        if m.qualifier is not None and m.qualifier.kind == "admin":
            states.add(m.qualifier.admin1)
    return _Context(countries, states, town_states, bool(states) and us >= foreign)


def _score(e: Entry, m: _Mention, ctx: _Context, has_main: bool) -> float:
    """A candidate's score: its prior plus what the document says about where it is."""
    c = e.candidate
    score = e.prior
    if not e.main and has_main and c.kind == "city":
        score -= 3.0  # "Riverdale" is a town of its own, not another town's old name
    if c.kind == "country":
        return score
    if c.country_code in ctx.countries:
        score += 1.5
    if c.country_code != "US":
        return score
    if c.kind == "admin" and c.geonameid is not None:
        # A state that the document's towns lie in ("Georgia" beside "Atlanta").
        if c.admin1 in ctx.town_states:
            score += 1.0
        return score
    if ctx.us_focus:
        score += 2.5
    if c.admin1 in ctx.states:
        score += 2.0 if ctx.us_focus else 1.0
    return score


def _unsupported(c: Candidate, m: _Mention, ctx: _Context) -> bool:
    """True for a small foreign town in local US news that never names its country.

    "Martin", "Robertson" or "Mary" are towns somewhere; in an article about Kentucky
    that does not mention Slovakia, South Africa or Turkmenistan they are people.
    """
    return (
        c.kind == "city"
        and c.country_code != "US"
        and not m.dateline
        and c.population < FOREIGN_TOWN_POPULATION
        and c.country_code not in ctx.countries
        and ctx.us_focus
    )


def _resolve(gaz: Gazetteer, mentions: list[_Mention]) -> list[_Mention]:
    """Choose a candidate per mention: prior, plus document country/state context.

    Small US towns are candidates only in a state the document names; a mention found
    only among them is dropped otherwise. One sense per document: a surface form
    resolves the same way at every mention, unless a qualifier says otherwise.
    """
    ctx = _context(mentions)
    kept: list[_Mention] = []
    chosen: dict[str, Candidate | None] = {}
    for m in mentions:
        entries = m.entries
        if not m.demonym and not m.dateline:
            local = [
                e
                for e in gaz.small_us_entries(m.key)
                if e.candidate.admin1 in ctx.states
                or (m.qualifier is not None and _inside(e.candidate, m.qualifier))
            ]
            entries = local if m.small else entries + local
        if not entries:
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
            has_main = any(e.main for e in entries)
            best = max(entries, key=lambda e: _score(e, m, ctx, has_main)).candidate
            chosen[m.key] = best if not _unsupported(best, m, ctx) else None
            m.choice = chosen[m.key]
        if m.choice is not None:
            kept.append(m)
    _place_counties(kept)
    return kept


def _place_counties(mentions: list[_Mention]) -> None:
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


def _dateline_mention(gaz: Gazetteer, text: str, dateline: str) -> _Mention | None:
    """Resolve the dateline string ("ERBIL", "BEIRUT, Lebanon") and find it in the text."""
    parts = [p.strip() for p in dateline.split(",") if p.strip()]
    if not parts:
        return None
    entries = gaz.entries(parts[0])
    if not entries:
        return None
    mention = _Mention(-1, -1, normalize(parts[0]), entries, dateline=True)
    if len(parts) > 1:
        q = gaz.entries(parts[1])
        if q and q[0].candidate.kind in ("admin", "country"):
            mention.qualifier = q[0].candidate
    pos = text.find(parts[0])
    if pos >= 0:
        mention.start, mention.end = pos, pos + len(parts[0])
    return mention


def _place(c: Candidate) -> Place:
    """The schema Place for a candidate (mentions added by the caller)."""
    return Place(
        name=c.name,
        country=c.country,
        country_code=c.country_code,
        kind=c.kind,
        geonameid=c.geonameid,
        latitude=c.latitude,
        longitude=c.longitude,
    )


def extract_places(
    text: str,
    dateline: str | None = None,
    exclude: Sequence[Span] = (),
    gazetteer: Gazetteer | None = None,
) -> list[Place]:
    """Places mentioned in `text`; `dateline` is the dateline place string as written
    (e.g. "ERBIL"), resolved too and marked Place.dateline=True; spans in `exclude`
    (e.g. speakers' names) are not places. ``gazetteer`` overrides the shared one (tests,
    tuning); one Place per distinct place, ordered by first mention.
    """
    gaz = gazetteer or get_gazetteer()
    extractor = _Extractor(gaz, text, exclude)
    mentions = extractor.find()
    date_mention = _dateline_mention(gaz, text, dateline) if dateline else None
    if date_mention is not None:
        mentions = [
            m for m in mentions if not (m.start < date_mention.end and date_mention.start < m.end)
        ]
        mentions.append(date_mention)
        mentions.sort(key=lambda m: m.start)
    mentions = _resolve(gaz, mentions)
    places: dict[tuple[str, int | None, str, str, str], Place] = {}
    for m in mentions:
        c = m.choice
        if c is None:
            continue
        key = (c.kind, c.geonameid, c.country_code, c.name, c.admin1)
        place = places.get(key)
        if place is None:
            place = places[key] = _place(c)
        if m.start >= 0:
            place.mentions.append(Span(m.start, m.end))
        if m.dateline:
            place.dateline = True
    return sorted(places.values(), key=lambda p: p.mentions[0].start if p.mentions else -1)
