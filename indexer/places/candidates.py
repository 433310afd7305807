"""Finding place mentions: capitalised token runs looked up in the gazetteer, longest
first, with the rules that tell a place name from the same word used otherwise."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfacet.schema.document import Span

from ..gazetteer import Candidate, Entry, Gazetteer, normalize
from ..lexicon import ORGANISATION_WORDS, PERSON_TITLES
from .abbreviations import abbreviation_at
from .capitals import bare_dateline, written_in_lower_case
from .hyphens import hyphen_parts
from .initials import country_initials
from .mention import Mention
from .people import LOCATIVE_BEFORE, POSS, after_locative, places_after_all
from .qualify import part_of_what_follows, qualify, qualify_by_people
from .starts import name_starts
from .tokens import Token, tokenize
from .words import (
    CAUSE_WORDS,
    COMMON_WORDS,
    CONNECTORS,
    DISEASE_PLACES,
    INSTITUTION_WORDS,
    NOT_PLACES,
    OTHER_PLACE_SUFFIXES,
    PLACE_PREFIXES,
    PLACE_SUFFIXES,
    RELATION_WORDS,
    SHORT_EXONYMS,
    STATE_WORDS,
)

#: Verbs of saying right after a single capitalised word: "Robertson said" is a person.
_SAID_AFTER = re.compile(r"\s(?:said|says|told|added|explained|noted|asked|recalled)\b")

_SAID_BEFORE = re.compile(r"\b(?:said|says|according\s+to)\s$")

#: A person's initial: "Grant W." / "E.J." right before a name, "Virginia L." after one.
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
#: A compass quarter written short before a town ("N.W. Rochester", "S.E. Paris"): a
#: part of the town, not a person's initials.
_QUARTERS = frozenset({"N.E.", "N.W.", "S.E.", "S.W."})

#: Endings of English contractions ("I've", "We're"): such a token is never a place.
_CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|t)$", re.IGNORECASE)

#: "Republic of Iraq", "Kingdom of Saudi Arabia": the title belongs to the country mention.
_TITLE_NAMES = ("Islamic", "Federal", "People's", "People’s", "Democratic", "Arab", "Socialist",
                "Hashemite", "Syrian", "United", "Plurinational", "Bolivarian", "Independent",
                "Sovereign")
_TITLE_WORDS = r"(?:(?:" + "|".join(_TITLE_NAMES) + r")\s+)"
_COUNTRY_TITLE = re.compile(
    _TITLE_WORDS + r"*(?:(?:Republic|Kingdom|State|Commonwealth|Federation|Emirate|Sultanate"
    r"|Principality|Grand\s+Duchy)\s+of\s+(?:the\s+)?|" + _TITLE_WORDS + r")$"
)
#: The word each match of :data:`_COUNTRY_TITLE` ends with, before its closing spaces.
_TITLE_ENDS = ("of", "the", *_TITLE_NAMES)

#: Words after a name that make it a disease's ("Marburg virus", "Lyme disease").
_DISEASE_AFTER = re.compile(r"\s+(?:virus|viruses|fever|disease|flu|strain|variant)\b",
                            re.IGNORECASE)

#: Words after a disease's name that a place's name seldom has before it.
_OUTBREAK_AFTER = re.compile(r"\s+(?:outbreaks?|cases?|vaccines?|patients?|infections?"
                             r"|epidemics?|deaths|victims|hemorrhagic|haemorrhagic)\b",
                             re.IGNORECASE)

#: A number and a closing bracket after a name in brackets: "(Kurdistan 24)" is an outlet.
_OUTLET_NUMBER = re.compile(r" \d+\)")

#: Characters skipped when looking back for a sentence boundary (spaces, quotes, brackets).
_OPENERS = " \t\"“”‘’'([-–—•*"

#: A model year after "a", before a car's make: "a 1992 Toyota Corolla" (but "the 1946
#: Moore's Ford lynching" is a year).
_MODEL_YEAR = re.compile(r"\b[Aa]n?\s(?:19|20)\d\d\s$")

#: What follows a dateline's place: a dash, a colon, or a bracket ("(AP)").
_DATELINE_AFTER = re.compile(r"\s*(?:--|[—–\x97]|-\s|:\s|\()")
#: A byline's date right before a dateline ("March 30, 2009 NEWARK --").
_YEAR_BEFORE = re.compile(r"\b(?:19|20)\d\d\s$")

MAX_NGRAM = 4
#: Longest title written abbreviated with a full stop ("Capt.", "Sgt."): a longer title
#: before ". " ends a sentence ("... Municipal Court Judge. Columbus attorney ...").
_ABBREVIATED_TITLE = 4


def _is_country_state_or_county(c: Candidate) -> bool:
    """A country, a first-level region (a US state, a province) or a US county (named
    with its "County", which no person is)."""
    return c.kind == "country" or (c.kind == "admin" and (c.level == 1 or c.country_code == "US"))


def _sentence_initial(text: str, pos: int) -> bool:
    """True when ``pos`` starts a sentence, line or quotation."""
    k = pos - 1
    while k >= 0 and text[k] in _OPENERS:
        k -= 1
    return k < 0 or text[k] in ".!?:;\n|"


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """True when two tokens are separated by a single space (same phrase)."""
    return text[left.end : right.start] == " "


def country_title(text: str, start: int) -> re.Match[str] | None:
    """The title right before a country's name at ``start`` ("Republic of"), if any.

    Most country names have none, and the search tries every one of the 60 characters
    before; a title ends with one of :data:`_TITLE_ENDS` and spaces, tested first.
    """
    lo = max(0, start - 60)
    if not text[lo:start].rstrip().endswith(_TITLE_ENDS):
        return None
    return _COUNTRY_TITLE.search(text, lo, start)


#: The first words of every gazetteer name, per gazetteer: a capitalised word that
#: starts none (about half of them in news text) is passed without building its n-grams.
class MentionFinder:
    """One article's extraction state (tokens, lower-case vocabulary, mentions)."""

    def __init__(self, gaz: Gazetteer, text: str, exclude: Sequence[Span]) -> None:
        self.gaz = gaz
        self.starts = name_starts(gaz)
        self.text = text
        self.tokens = tokenize(text)
        self._lower: dict[str, bool] = {}
        #: One byte per character, 1 inside an excluded span: a test is one C-level find.
        self._excluded_chars = bytearray(len(text))
        for span in exclude:
            if span.end > span.start:
                self._excluded_chars[span.start : span.end] = b"\x01" * (span.end - span.start)
        #: Single words rejected as part of a person-like name, and whether the last
        #: rejection was of that kind.
        self.person_words: set[str] = set()
        #: How often each of them was read as a person's ("Hillary Clinton" twice).
        self.person_uses: dict[str, int] = {}
        self._person_like = False
        self._deferred = False
        #: Demonyms of several words the text uses ("South Africans"): (start, end, country).
        self.peoples: list[tuple[int, int, Candidate]] = []

    def written_in_lower_case(self, word: str) -> bool:
        """True when the text also writes ``word`` in lower case ("mobile home")."""
        found = self._lower.get(word)
        if found is None:
            found = self._lower[word] = written_in_lower_case(self.text, word)
        return found

    # -- matching ---------------------------------------------------------------------

    def _excluded(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps an excluded span (a speaker's name, say)."""
        return self._excluded_chars.find(1, start, end) >= 0

    def excluded(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps an excluded span (for the later steps)."""
        return self._excluded_chars.find(1, start, end) >= 0

    def _caps_context(self, i: int) -> bool:
        """True when the token stands in an all-capitals stretch (headline, dateline)."""
        toks = self.tokens
        neighbours = [toks[k] for k in (i - 1, i + 1) if 0 <= k < len(toks)]
        for n in neighbours:
            if n.all_caps and len(n.text) > 2:
                return True
        nxt = self.text[self.tokens[i].end : self.tokens[i].end + 3]
        return (_sentence_initial(self.text, toks[i].start)
                and nxt[:2] in (" (", ", ", " –", " -", " —")) or self._dateline_like(i, i)

    def _dateline_like(self, i: int, j: int) -> bool:
        """Tokens i..j in capitals where a dateline stands: opening a sentence (or after
        the date of a byline) and followed by a dash, a colon or a bracket ("... lake.
        HUDSON -- Officials", "BEIRUT: The body", "March 30, 2009 NEWARK --")."""
        toks = self.tokens
        if not all(t.all_caps for t in toks[i : j + 1]):
            return False
        start = toks[i].start
        opens = (_sentence_initial(self.text, start)
                 or _YEAR_BEFORE.search(self.text, max(0, start - 6), start) is not None)
        return ((opens and _DATELINE_AFTER.match(self.text, toks[j].end) is not None)
                or bare_dateline(self.text, toks, i, j))

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
        """Rules that tell a place name from the same word used otherwise.

        A rejection may note why: ``_person_like`` (the name reads as a person's) or
        ``_deferred`` (only the capitalised word after it speaks against it).
        """
        self._person_like = False
        big = entries[0].candidate.kind in ("country", "admin")
        return not (
            self._common_word(i, j, entries)
            or self._after_a_name(i, j, big)
            or self._vehicle(i, j, big)
            or self._before_a_name(i, j, entries, big)
            or self._alternate_opening_a_sentence(i, j, entries, big)
            or self._outlet_in_brackets(i, j)
            or self._disease(i, j)
            or self._named_day(j)
            or (i < j and part_of_what_follows(self.gaz, self.text, self.tokens[j], entries))
        )

    def _named_day(self, j: int) -> bool:
        """A day named after a place ("Earth Day", "Columbus Day") is no mention of it."""
        nxt = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
        return nxt is not None and nxt.text == "Day" and _adjacent(self.text, self.tokens[j], nxt)

    def _disease(self, i: int, j: int) -> bool:
        """A name before "virus" or "fever" names a disease ("Marburg virus"), as does a
        place a disease is named after before "outbreak" or "cases" ("the Marburg
        outbreak"); the document's other uses of the word are taken the same way."""
        end = self.tokens[j].end
        if _DISEASE_AFTER.match(self.text, end) or (
                _OUTBREAK_AFTER.match(self.text, end)
                and normalize(self.text[self.tokens[i].start : end]) in DISEASE_PLACES):
            self._person_like = True
            return True
        return False

    def _vehicle(self, i: int, j: int, big: bool) -> bool:
        """A make after a model year and before its model ("a 2007 Toyota Corolla", "a
        2003 Honda Accord"); the document's other uses of the word are taken the same way."""
        toks, start = self.tokens, self.tokens[i].start
        if (big or i != j or j + 1 >= len(toks) or not toks[j + 1].upper_initial
                or not _adjacent(self.text, toks[j], toks[j + 1])
                or not _MODEL_YEAR.search(self.text, max(0, start - 12), start)):
            return False
        self._person_like = True
        return True

    def _outlet_in_brackets(self, i: int, j: int) -> bool:
        """A name in brackets before a number, as a dateline credits an outlet:
        "ERBIL (Kurdistan 24)", "(France 24)"."""
        start, end = self.tokens[i].start, self.tokens[j].end
        return (self.text[start - 1 : start] == "("
                and _OUTLET_NUMBER.match(self.text, end) is not None)

    def _common_word(self, i: int, j: int, entries: list[Entry]) -> bool:
        """A code, an acronym in capitals, or a common word used as one ("mobile home")."""
        toks = self.tokens
        first, last = toks[i], toks[j]
        best = entries[0].candidate
        single = i == j
        if (single and not entries[0].main and best.kind == "city" and len(first.text) < 5
                and normalize(first.text) not in SHORT_EXONYMS):
            return True  # short alternate names are mostly codes and foreign words
        surface = self.text[first.start : last.end]
        alias_ok = not entries[0].main and surface in ("US", "UK", "USA", "UAE", "DRC", "USSR")
        caps = any(t.all_caps and "." not in t.text for t in toks[i : j + 1])
        if caps and not alias_ok and (len(surface) < 4 or not (
                self._caps_context(i) or self._qualified(j))):  # "By NAIROBI, Kenya"
            return True
        lower = first.text.lower()
        # A common word, or a town name the text also uses in lower case ("mobile home"),
        # is a place only when qualified: "Mobile, Alabama".
        common = lower in COMMON_WORDS or (
            best.kind == "city" and self.written_in_lower_case(lower))
        return single and not first.all_caps and common and not self._qualified(j)

    def _after_a_name(self, i: int, j: int, big: bool) -> bool:
        """Part of a person's name: after a title ("Sen. Cleveland") or another capitalised
        word ("Michael Jordan"), or a single word in a person's context."""
        toks = self.tokens
        first = toks[i]
        gap = self.text[toks[i - 1].end : first.start] if i > 0 else ""
        title = toks[i - 1].text.lower().rstrip(".") if i > 0 else ""
        # "Capt. Cleveland" (an abbreviation) but not "... said the judge. Columbus ..."
        titled = gap == " " or (gap == ". " and len(title) <= _ABBREVIATED_TITLE)
        if titled and title in PERSON_TITLES:
            self._person_like = True
            return True
        if i == j and not big and self._person_context(i):
            self._person_like = True
            return True
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
                and not self._dateline_like(i, j)  # "Associated Press WASHINGTON (AP)"
                # "SOS Children's Villages Sudan", "Education Minnesota": a country or
                # a state or province closing an organisation's name is where it works.
                and not (first.text[:1].isupper() and big
                         and (pl in ORGANISATION_WORDS or pl in INSTITUTION_WORDS
                              or pl in CAUSE_WORDS))
            ):
                self._person_like = True
                return True
        return False

    def _before_a_name(self, i: int, j: int, entries: list[Entry], big: bool) -> bool:
        """Followed by a word that makes it part of a longer name: "Georgia Smith",
        "Laurel County" (another place); kept aside as ``_deferred`` unless an initial."""
        toks = self.tokens
        first, last = toks[i], toks[j]
        best = entries[0].candidate
        if j + 1 < len(toks) and _adjacent(self.text, last, toks[j + 1]):
            nxt = toks[j + 1]
            nl = nxt.text.lower()
            if best.kind == "city" and nl in OTHER_PLACE_SUFFIXES:
                return True
            if (nxt.upper_initial and self.gaz.has_key(normalize(nxt.text))
                    and all(t.text.lower() in PLACE_PREFIXES for t in toks[i : j + 1])):
                return True  # "North West England", "North East Texas": a direction
            dotted = "." in last.text and best.kind == "country"  # "U.S. Army"
            if (
                not dotted
                and not (_is_country_state_or_county(best) and self._modifier_of_a_name(j))
                and nxt.upper_initial
                and not (nxt.all_caps and not first.all_caps)
                and nl not in PLACE_SUFFIXES
                and nl not in COMMON_WORDS
                and nl not in INSTITUTION_WORDS
                and not (big and self.gaz.has_key(normalize(nxt.text)))
                and not self._dateline_like(i, j)  # "SAN ANTONIO Turner Sports ..."
            ):
                self._deferred = not _INITIALS.match(nxt.text)
                return True
        return False

    def _modifier_of_a_name(self, j: int) -> bool:
        """A country or state before a longer name it qualifies ("Tennessee Arts
        Commission", "Texas Ranger"): the place still counts, unless a person's name
        follows ("Georgia Smith": a capitalised word, then a verb of saying or a lower-case
        word, is a person) or the text is in capitals."""
        toks = self.tokens
        nxt = toks[j + 1]
        if nxt.all_caps or _INITIALS.match(nxt.text):
            return False
        return not (_SAID_AFTER.match(self.text, nxt.end)
                    or self.text[nxt.end : nxt.end + 1] in (",", ""))

    def _alternate_opening_a_sentence(
        self, i: int, j: int, entries: list[Entry], big: bool
    ) -> bool:
        """A sentence-initial word that is common or only an alternate name ("Due" for
        Douai)."""
        first = self.tokens[i]
        return (
            i == j
            and not big
            and _sentence_initial(self.text, first.start)
            and not self._dateline_like(i, j)
            and (first.text.lower() in COMMON_WORDS or not entries[0].main)
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
        if (i > 0 and _adjacent(text, toks[i - 1], tok) and _INITIALS.match(toks[i - 1].text)
                and toks[i - 1].text not in _QUARTERS):
            return True
        before = text[max(0, tok.start - 20) : tok.start]
        word = before.rstrip(" ,").rsplit(" ", 1)[-1].lower()
        if word in RELATION_WORDS and before.endswith(" "):
            return True
        said_before = _SAID_BEFORE.search(before) and text[tok.end : tok.end + 1] in ",.;"
        if LOCATIVE_BEFORE.search(before):
            return False  # "officials in Gainesville said": a place
        if _SAID_AFTER.match(text, tok.end) or said_before:
            entries = self.gaz.entries_for_key(normalize(tok.text))
            top = entries[0] if entries else None
            return top is None or (top.prior < 5.5 and top.candidate.kind == "city")
        return False

    def _demonym_at(self, i: int, first: str) -> tuple[int, Candidate] | None:
        """A demonym at token i ("Syrian", "Sri Lankan"), whose normalised first word is
        ``first``: (last token index, country).

        Not when it starts or continues a longer proper noun ("Syrian Democratic Forces",
        "Native American"): an organisation named after a people is not a place mention.
        """
        toks, text = self.tokens, self.text
        if not self.starts.starts_demonym(first):
            return None  # the cheap test first: most capitalised words start no demonym
        for j in (i + 1, i):
            if j >= len(toks) or (j > i and not _adjacent(text, toks[i], toks[j])):
                continue
            country = self.gaz.demonym(text[toks[i].start : toks[j].end])
            if country is None:
                continue
            if j == i and self._names_a_region(i):
                return None  # "Dominican Republic", "British Indian Ocean Territory"
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

    def _names_a_region(self, i: int) -> bool:
        """True when token i starts a country's or region's name of several words
        ("Dominican Republic", "Indian Ocean")."""
        toks = self.tokens
        for k in range(i + 1, min(i + MAX_NGRAM, len(toks))):
            if not _adjacent(self.text, toks[k - 1], toks[k]):
                break
            key = normalize(self.text[toks[i].start : toks[k].end])
            if any(e.candidate.kind in ("country", "admin", "region", "continent")
                   for e in self.gaz.entries_for_key(key)):
                return True
        return False

    def _qualified(self, j: int) -> bool:
        """True when token j is followed by ", <US state or country>" ("Mobile, Alabama",
        "Superior, Wis.")."""
        toks = self.tokens
        if j + 1 >= len(toks) or self.text[toks[j].end : toks[j + 1].start] != ", ":
            return False
        if self._abbreviation(j + 1):
            return True
        for k in range(min(len(toks) - 1, j + 3), j, -1):
            key = normalize(self.text[toks[j + 1].start : toks[k].end])
            entries = self.gaz.entries_for_key(key)
            if entries and entries[0].candidate.kind in ("admin", "country"):
                return True
        return False

    def _abbreviation(self, i: int) -> list[Entry]:
        """A state or province abbreviation at token i, else nothing."""
        return abbreviation_at(self.gaz, self.text, self.tokens, i)[0]

    def find(self) -> list[Mention]:
        """Greedy longest-match scan over capitalised token runs, one sense per document."""
        mentions: list[Mention] = []
        toks = self.tokens
        i = 0
        while i < len(toks):
            word = toks[i].text
            if toks[i].upper_initial and not (
                    ("'" in word or "’" in word) and _CONTRACTION.search(word)):
                i = self._match_at(i, mentions)
            else:
                i += 1  # connectors and contractions ("We've") never start a place
        return self._one_sense(country_initials(self.gaz, self.text, toks, mentions,
                                                self.peoples))

    def _match_at(self, i: int, mentions: list[Mention]) -> int:
        """Add the place that capitalised token i starts to ``mentions``, if any; the index
        of the next token to try."""
        toks = self.tokens
        abbr, end, last = abbreviation_at(self.gaz, self.text, toks, i)
        if abbr:
            tok = toks[i]
            mentions.append(Mention(tok.start, end, normalize(self.text[tok.start:end]), abbr))
            return last + 1
        # the token's normalised first word, which the demonym and name tests both ask
        first = normalize(toks[i].text).split(" ", 1)[0]
        demonym = self._demonym_at(i, first)
        if demonym is not None:
            # "Syrian", "British": an adjective of a people, not a mention of the place.
            if demonym[0] > i:
                self.peoples.append((toks[i].start, toks[demonym[0]].end, demonym[1]))
            return demonym[0] + 1
        matched, i = self._longest_match(i, mentions, first)
        if not matched:
            if "-" in toks[i].text:
                mentions.extend(hyphen_parts(self, i))
            i += 1
        return i

    def _longest_match(self, i: int, mentions: list[Mention], first: str) -> tuple[bool, int]:
        """The longest gazetteer name starting at token i (normalised first word ``first``)
        that the rules accept.

        Returns (True, the token after it) when one is added; else (False, the token the
        scan goes on from: i, or the end of a name kept aside as ``deferred``).
        """
        toks = self.tokens
        if not self.starts.starts_name(first):
            return False, i  # no name starts with this word
        for j in self._ngram_end(i):
            start, end = toks[i].start, toks[j].end
            key = normalize(self.text[start:end])
            entries = self.gaz.entries_for_key(key)
            small = False
            if not entries:
                # "St. John's Health System": a saint's, not a small town's
                entries = self.gaz.small_us_entries(key, self.text[end:end + 2] not in POSS)
                world = self.gaz.small_world_entries(key)
                entries = entries + world if entries and world else entries or world
                small = True
            if not entries:
                continue
            if key in NOT_PLACES or self._excluded(start, end):
                break
            self._deferred = False
            if not self._accept(i, j, entries):
                if i == j and self._person_like:
                    self.person_words.add(key)
                    self.person_uses[key] = self.person_uses.get(key, 0) + 1
                elif self._deferred:
                    mentions.append(Mention(start, end, key, entries, deferred=True,
                                            small=small))
                    i = j
                break
            if small:
                located = after_locative(self.text, start) or self._dateline_like(i, j)
                mentions.append(Mention(start, end, key, entries, small=True, located=located))
                return True, j + 1
            if entries[0].candidate.kind == "country":
                title = country_title(self.text, start)
                # "Democratic People's Republic of Korea" is not the Republic of Korea,
                # "Democratic Republic of the Congo" not the Republic of the Congo
                full = self.gaz.entries_for_key(normalize(self.text[title.start():end])
                                                ) if title else []
                if title and (full or " of" in title.group()):
                    start, entries = title.start(), full or entries
                    while mentions and mentions[-1].end > start:
                        mentions.pop()
            mentions.append(Mention(start, end, key, entries))
            return True, j + 1
        return False, i

    def _one_sense(self, mentions: list[Mention]) -> list[Mention]:
        """Drop what the document shows is a name, not a place, and link "X, Y" pairs."""
        # One sense per document: "Obama" alone is the person "Barack Obama" was, unless
        # the document also puts the name after a preposition of place ("in DeKalb").
        # ... and said more often than it acts: "Bell ran", "Fairfield declined".
        self.person_words -= places_after_all(self.gaz, self.text, mentions,
                                              self.person_uses)
        mentions = [
            m
            for m in mentions
            if not (m.key in self.person_words and m.entries[0].candidate.kind == "city")
        ]
        standalone = {m.key for m in mentions if not m.deferred}
        mentions = [m for m in mentions if not m.deferred or m.key in standalone]
        qualify(self.gaz, self.text, mentions)
        qualify_by_people(self.gaz, self.text, mentions)
        return mentions
