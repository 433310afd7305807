"""Organisation sources ("the Pentagon said", "read the coalition press release", "it read"):
canonical names and their groups, never merged with people. Documents on their own ("the
statement said") and countries are not organisations."""

from __future__ import annotations

import re

from ..lexicon import COMPANY_WORDS, ORGANISATION_WORDS, PLACE_WORDS
from .letters import PARENTHESES, WHITESPACE
from .model import Group, Source, Statement
from .names import STOP_WORDS, canonical_name, classify_name
from .patterns import NAME_SEQ_RE, QUOTE_MARK
from .people import Resolver
from .sentences import sentence_start

# fmt: off
#: Nouns for what was issued rather than who issued it ("the statement said", "the ad says"):
#: such a source is dropped, unless an organisation owns it ("the coalition press release").
_DOCUMENT_NOUNS = {
    "statement", "statements", "report", "reports", "release", "releases", "ad", "ads",
    "advert", "advertisement", "advertisements", "commercial", "letter", "letters", "memo",
    "memorandum", "filing", "filings", "document", "documents", "announcement", "communique",
    "communiqué", "email", "e-mail", "tweet", "tweets", "post", "posts", "notice", "study",
    "survey", "poll", "polls", "video", "website", "message", "bulletin", "transcript",
    "complaint", "lawsuit", "summary", "update", "article", "story", "editorial", "proposal",
    "bill", "note", "notes", "analysis", "assessment", "readout", "account", "guidance",
    "conference", "briefing", "tweeted", "headline", "caption", "record",
}

#: Words that only qualify a document noun: "press release", "written statement".
_DOCUMENT_MODIFIERS = {
    "press", "news", "written", "joint", "official", "latest", "new", "emailed", "separate",
    "brief", "short", "earlier", "later", "recent", "final", "annual", "internal", "weekly",
    "daily", "its", "their", "a", "an", "the",
}

#: Lower-case nouns that stand for an organisation named elsewhere: "the coalition said".
_GENERIC_ORGS = {
    "coalition", "company", "firm", "ministry", "department", "government", "agency",
    "police", "army", "military", "navy", "union", "council", "committee", "commission",
    "bank", "court", "administration", "campaign", "party", "board", "authority", "alliance",
    "organization", "organisation", "university", "hospital", "airline", "embassy", "office",
    "bureau", "regulator", "operator", "group", "league", "association", "federation",
    "institute", "foundation", "charity", "club", "network", "broadcaster", "newspaper",
    "utility", "insurer", "lender", "retailer", "carrier", "manufacturer", "automaker",
    "carmaker", "watchdog", "cabinet", "parliament", "senate", "congress", "legislature",
    "tribunal", "prosecutor's office", "port", "consortium", "movement",
    "ministry's", "militia", "rebels", "regime", "junta", "secretariat", "directorate",
}

#: Generic nouns that never name one organisation by themselves: "the company said" is the
#: company the text named last, or nobody; never a speaker called "Company" or "Office".
_NEEDS_NAME = {
    "company", "firm", "office", "operator", "group", "carrier", "lender", "insurer",
    "retailer", "manufacturer", "automaker", "carmaker", "utility", "airline", "bank",
    "club", "network", "newspaper", "broadcaster", "hospital", "charity", "port",
    "consortium", "organization", "organisation",
}

#: Name heads that make a capitalised name a business "the company" may stand for.
_BUSINESS_HEADS = COMPANY_WORDS | {"company", "inc", "corp", "co", "llc", "ltd", "group"}

#: Lower-case words allowed between the capitalised words of a name: "Ministry of Defence".
_ORG_CONNECTORS = {"of", "for", "and", "&", "the", "on", "de", "du", "des", "la", "le"}

#: Words that open a clause after an organisation's name: "the Coalition charged with ...".
_ORG_CLAUSE = {
    "which", "that", "who", "whose", "charged", "tasked", "responsible", "known", "created",
    "formed", "established", "headed", "set", "fighting", "leading", "overseeing", "in", "at",
}

#: Lower-case words that open a subject clause before its source: "as police said".
_ORG_LEAD = {"as", "and", "but", "while", "when", "so", "then", "because", "though", "also"}

#: Words of place names that count as organisation words elsewhere ("North Korea", "United
#: States"): a source named by these alone is a country or place, not an organisation.
_GEO_WORDS = {
    "korea", "arabia", "africa", "america", "europe", "asia", "zealand", "emirates", "states",
    "republic", "kingdom", "county", "city", "province", "district", "region", "valley",
    "island", "islands", "north", "south", "east", "west", "united", "new", "us", "uk", "usa",
    "u.s", "u.k", "eu",
}
# fmt: on

#: Modifiers in front of a generic noun that do not name it: "the US-led coalition".
_LED = re.compile(r"-(?:led|backed|based|run|owned|controlled|funded|allied|linked)$")

#: Verbs that make a sentence's subject a source: 'The coalition press release also revealed
#: that ...' makes the coalition what a following '"...," it read' points back to.
_ORG_SUBJECT = re.compile(
    r"(?:(?:And|But|Meanwhile|Later|Earlier|Separately|Instead),?[ ]+)?"
    r"(?P<subj>[^,.;:!?\"“”\n]{2,60}?)[ ]+"
    r"(?:(?:also|later|then|earlier|previously|further|separately|again)[ ]+)?"
    r"(?:said|says|added|adds|read|reads|stated|states|declared|declares|announced"
    r"|announces|revealed|reveals|reported|reports|noted|notes|wrote|writes|explained"
    r"|warned|warns|confirmed|confirms|insisted|claimed|claims|acknowledged|continued"
    r"|argued|stressed|denied|rejected|urged|told)\b"
)


def _strip_possessive(tok: str) -> str:
    return re.sub(r"['’]s?$", "", tok) if tok[-2:] in {"'s", "’s"} or tok[-1:] in "'’" else tok


def _org_surface(surface: str) -> str:
    """A source phrase without brackets, edge punctuation and a trailing clause ("the
    Coalition charged with advising ..." -> "the Coalition")."""
    s = WHITESPACE.sub(" ", PARENTHESES.sub("", surface.replace("\u00a0", " "))).strip(" ,;:—–-.")
    toks = [t for t in s.split(" ") if t]
    while len(toks) > 1 and toks[0] in _ORG_LEAD:
        toks = toks[1:]  # ", as police said" -> "police"
    for i, tok in enumerate(toks):
        if i > 0 and tok in _ORG_CLAUSE:
            return " ".join(toks[:i]).rstrip(" ,")
    return " ".join(toks)


def _head_noun(name: str) -> str:
    """The noun that heads an organisation's name, which "the <noun>" repeats: "Institute"
    in "Halvorsen Institute for Earth Observation", "Terminals" in "Delta Quay Terminals"."""
    toks = name.split(" ")
    for i, tok in enumerate(toks):
        if i > 0 and tok in {"of", "for", "on"}:
            return toks[i - 1].lower()
    return toks[-1].lower()


def _org_headed(toks: list[str]) -> bool:
    """True when a capitalised name is headed by an organisation word: "Federal Bureau of
    Prisons", "State Department", "Delta Quay Terminals", "NAACP" (not "GM Sherry Bassin")."""
    heads = ORGANISATION_WORDS | COMPANY_WORDS | _GENERIC_ORGS
    for i, tok in enumerate(toks):
        last = i == len(toks) - 1
        if not last and toks[i + 1] not in {"of", "for", "on"}:
            continue
        bare = _strip_possessive(tok)
        plain = bare.replace(".", "").replace("-", "").replace("&", "")
        if bare.lower() in heads or (len(plain) >= 2 and plain.isupper()):
            return True
    return False


def _document_owner(toks: list[str]) -> tuple[list[str], bool, bool]:
    """The words of a source phrase that name who spoke, and whether the phrase was
    indefinite ("a company") and named a document: "a statement from the Pentagon" and
    "the Pentagon's statement" both leave the Pentagon; "the statement" leaves nothing."""
    # "a statement from the Pentagon", "a report by the ministry": the owner follows.
    for i, tok in enumerate(toks):
        if tok.lower() in {"from", "by", "of"} and i > 0:
            head = [t.lower() for t in toks[:i]]
            if head[-1] in _DOCUMENT_NOUNS and all(
                w in _DOCUMENT_NOUNS or w in _DOCUMENT_MODIFIERS for w in head
            ):
                toks = toks[i + 1 :]
            break
    if toks and toks[0].lower() in {"the", "a", "an"}:
        indefinite = toks[0].lower() != "the"
        toks = toks[1:]
    else:
        indefinite = False
    # Documents: strip them and keep their owner ("the Pentagon's statement").
    document = False
    while toks and (
        toks[-1].lower() in _DOCUMENT_NOUNS
        or (document and toks[-1].lower() in _DOCUMENT_MODIFIERS)
    ):
        document = True
        toks = toks[:-1]
    return toks, indefinite, document


def _proper_name(toks: list[str]) -> str | None:
    """A capitalised source phrase as an organisation's name, or None for a person, a
    country or a stop word ("Rep. Jim Jordan", "Russia", "It")."""
    noun = toks[-1]
    if not noun[:1].isupper() and not noun[:1].isdigit():
        return None
    while toks and _LED.search(toks[0]):
        toks = toks[1:]
    if not toks or not toks[0][:1].isupper():
        return None
    if any(not t[:1].isupper() and t not in _ORG_CONNECTORS for t in toks):
        return None
    name = " ".join(toks)
    if classify_name(name, None) != "org":
        return None  # a person-shaped name, or a stop word ("It", "This")
    if canonical_name(name)[1] is not None or not _org_headed(toks):
        return None  # "Rep. Jim Jordan", "County Coroner Dennis Miller": people
    low = [_strip_possessive(t).lower().strip(".") for t in toks]
    if all(t in PLACE_WORDS or t in _GEO_WORDS or t in _ORG_CONNECTORS for t in low):
        return None  # "Russia said": a country, kept out so its mentions stay places
    if len(low) == 1 and low[0] in STOP_WORDS and low[0] not in _GENERIC_ORGS:
        return None
    return name


class Organisations:
    """Organisation sources: canonical names and their groups (never merged with people)."""

    def __init__(self, text: str, resolver: Resolver) -> None:
        self.text = text
        self.resolver = resolver
        self.events: list[tuple[int, int]] = []  # (position, group) of each attribution
        self._named: dict[str, str] | None = None
        self._before = len(text)  # where the quote being attributed opens

    def name(self, surface: str) -> str | None:
        """Canonical organisation name for a source phrase, or None (document, place, junk).

        "the Pentagon" -> "Pentagon"; "the coalition press release" -> the coalition; "the
        coalition" -> the capitalised "Coalition" (or "X Coalition") named in the text.
        """
        toks = _org_surface(surface).split(" ")
        if not toks or len(toks) > 8:
            return None
        toks, indefinite, document = _document_owner(toks)
        if not toks:
            return None
        toks[-1] = _strip_possessive(toks[-1])
        if not toks[-1]:
            return None
        if toks[-1].islower():
            return self._generic_name(toks, indefinite, document)
        return _proper_name(toks)

    def _generic_name(self, toks: list[str], indefinite: bool, document: bool) -> str | None:
        """A phrase headed by a lower-case noun: "the coalition" (the one the text names),
        "Iraqi government" (as written), or None ("a company said": not one we can name)."""
        noun = toks[-1]
        if noun not in _GENERIC_ORGS:
            return None
        mods = toks[:-1]
        if len(mods) > 3:
            return None
        if all(m.islower() or _LED.search(m) for m in mods):
            if indefinite and not document:
                return None  # "a company said": not one we can name
            return self._generic(noun)
        if not all(m[:1].isupper() or m in _ORG_CONNECTORS for m in mods):
            return None
        return " ".join(toks)  # "Iraqi government", as written

    def _generic(self, noun: str) -> str | None:
        """The organisation "the <noun>" stands for: one already quoted with that head noun,
        else the one capitalised name in the text with that head noun, else (for a noun
        that needs a name: "the company") the business named last before the quote, else
        "<Noun>" ("Coalition") or, for a noun that needs a name, nobody."""
        quoted = {
            g.names[0][0]
            for g in self.resolver.groups
            if g.kind == "organization" and _head_noun(g.names[0][0]) == noun
        }
        if len(quoted) == 1:
            return quoted.pop()
        if self._named is None:
            self._named = {}
        if noun not in self._named:
            found: set[str] = set()
            for m in re.finditer(rf"\b{re.escape(noun.capitalize())}\b", self.text):
                for cand in NAME_SEQ_RE.finditer(self.text, max(0, m.start() - 60), m.end()):
                    if cand.end() != m.end():
                        continue
                    toks = cand.group().split(" ")
                    while toks and (
                        toks[0].rstrip(".").lower() in STOP_WORDS or _LED.search(toks[0])
                    ):
                        toks = toks[1:]
                    if toks:
                        found.add(" ".join(toks))
            longer = {f for f in found if " " in f}
            if len(longer) == 1:
                self._named[noun] = longer.pop()
            else:
                self._named[noun] = noun.capitalize()
        named = self._named[noun]
        if noun in _NEEDS_NAME and named == noun.capitalize():
            return self._business_before() if noun in {"company", "firm", "operator"} else None
        return named

    def _business_before(self) -> str | None:
        """The business named last in the 1,500 characters before the quote ("Delta Quay
        Terminals, the largest operator, said ... '...,' the company said"), or None."""
        lo = max(0, self._before - 1500)
        best: str | None = None
        for cand in NAME_SEQ_RE.finditer(self.text, lo, self._before):
            toks = cand.group().split(" ")
            while toks and toks[0].rstrip(".").lower() in STOP_WORDS:
                toks = toks[1:]
            if not toks or _strip_possessive(toks[-1]).lower() not in _BUSINESS_HEADS:
                continue
            toks[-1] = _strip_possessive(toks[-1])
            name = _proper_name(toks)
            if name is not None:
                best = name
        return best

    def group(self, name: str, surface: str) -> int:
        """Index of the group for organisation ``name``, created on first use."""
        groups = self.resolver.groups
        key = ("\x00org:" + name.lower(), "")
        idx = next(
            (i for i, g in enumerate(groups) if g.kind == "organization" and g.key == key), -1
        )
        if idx < 0:
            groups.append(Group(key, names=[(name, None)], kind="organization"))
            idx = len(groups) - 1
        surface = _org_surface(surface)
        if surface and surface not in groups[idx].aliases:
            groups[idx].aliases.append(surface)
        return idx

    def attach(
        self, text: str, paras: list[tuple[int, int]], item: Statement, src: Source
    ) -> int | None:
        """The organisation group an "org" source gives ``item``, or None to drop it."""
        self._before = item.open_pos
        if src.surface.lower() == "it":
            idx = self._antecedent(text, paras, item)
        else:
            name = self.name(src.surface)
            idx = None if name is None else self.group(name, src.surface)
        if idx is None:
            return None
        g = self.resolver.groups[idx]
        if src.surface.lower() == "it" and "it" not in g.aliases:
            g.aliases.append("it")
        g.items.append(item)
        self.events.append((item.end if not item.reported else item.open_pos, idx))
        return idx

    def _antecedent(self, text: str, paras: list[tuple[int, int]], item: Statement) -> int | None:
        """'"...," it read': the organisation that was a source in this or the previous
        sentence (an attribution, or the subject of 'The coalition press release revealed')."""
        ps, _ = paras[item.para]
        s_cur = sentence_start(text, ps, item.open_pos)
        if s_cur > ps:
            s_prev = sentence_start(text, ps, s_cur - 1)
        elif item.para > 0:
            pps, ppe = paras[item.para - 1]
            s_prev = sentence_start(text, pps, ppe)
        else:
            s_prev = s_cur
        best: tuple[int, int] | None = None
        for pos, idx in self.events:
            if s_prev <= pos < item.open_pos:
                best = (pos, idx)
        for start in dict.fromkeys((s_prev, s_cur)):
            if start >= item.open_pos:
                continue
            m = _ORG_SUBJECT.match(text, start, item.open_pos)
            if m is None or QUOTE_MARK.search(m.group("subj")):
                continue
            name = self.name(m.group("subj"))
            if name is not None and (best is None or start >= best[0]):
                best = (start, self.group(name, m.group("subj")))
        return None if best is None else best[1]
