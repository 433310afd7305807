"""Pronoun sources: "he said" and "she added" resolved to the last named source of that
gender, with first-name lists and title words for the gender."""

from __future__ import annotations

import re
from bisect import insort
from dataclasses import dataclass

from .first_names import FIRST_NAMES
from .gender import gender_of, group_gender
from .mentions import QuoteMarks
from .model import Group, Source, Statement
from .names import name_tokens, surname_key
from .patterns import NAME_SEQ, NAME_SEQ_RE, SENTENCE_BOUNDARY, SPEECH_CUE
from .people import Resolver
from .sentences import CONTEXT_CHARS, sentence_start
from .sources import role_then_name, source_from_name, source_from_object, source_from_phrase

#: A party tag after a legislator's name, which the sentence's verb follows: 'Rep. Sean
#: Duffy (R-Wisc.) also addressed …', 'Sen. Bernie Sanders (I) said'.
_PARTY = r"(?:[ ]\([RDI](?:-[A-Z][A-Za-z.]{0,12}(?:[ ][A-Z][A-Za-z.]{0,12})?)?\))?"

_SENT_START_NAME = re.compile(
    rf"(?:^|(?<=[.!?][ ])|(?<=[.!?][\"”][ ])|(?<=\n))(?P<subj>{NAME_SEQ})"
    rf"{_PARTY}(?=[ ]+[a-z]|,[ ]+[a-z])",
    re.MULTILINE,
)

#: A name opening a sentence and followed by a lower-case word: 'Johnson demurred.'
_NAME_OPENING = re.compile(rf"(?P<subj>{NAME_SEQ}){_PARTY}(?=[ ]+[a-z]|,[ ]+[a-z])")


#: An article opening the capitalised run ('The Sunshine State is …', 'The Common Core
#: standards outline …') or a possessive closing it ('Regarding Trump’s rhetoric …'): the
#: sentence's subject is a thing, not the person a later "he/she" points back to.
_NOT_A_SUBJECT = re.compile(r"^The[ ]|['’]s?$")


#: The name after a role noun that follows a sentence's first capitalised run: 'Obama
#: consultant Cornell Belcher, …, picked up …', 'Political analyst David Bositis agreed'.
_ROLE_THEN_SUBJECT = re.compile(
    rf"[ ]+[a-z][a-z\-]{{2,}}[ ]+(?P<subj>{NAME_SEQ}){_PARTY}(?=[ ]+[a-z]|,[ ]+[a-z])"
)


def _opening_person(text: str, m: re.Match[str], end: int) -> Source | None:
    """The person a name opening a sentence (``m``'s "subj") stands for, or None (see
    _NOT_A_SUBJECT). When a role noun and a name follow it, the run was the role's
    modifier and the name is the subject."""
    after = m.end("subj")
    role = _ROLE_THEN_SUBJECT.match(text, after, end)  # fails fast on most sentences
    if role is not None and role_then_name(text[after : min(end, after + 120)]):
        m = role
    subj = m.group("subj")
    if _NOT_A_SUBJECT.search(subj):
        return None
    src = source_from_name(subj, "", None)
    return src if src.kind == "person" else None


#: What may follow the name after "said" when the name is the source: 'said Smith.'
_CLAUSE_END = {",", ".", ";", ""}

#: A pronoun right before the verb is its subject: 'Asked who leads the party, he said
#: Ryan.' names Ryan as what was said, not as who said it.
_PRONOUN_SUBJECT = re.compile(r"(?:^|[^\w'’])(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Yy]ou|[Ww]ho)[ ]+$")


@dataclass
class Mention:
    """A named person given as a source anywhere in the text, quoted or not."""

    pos: int
    src: Source


#: A sentence opened by a capitalised participle: 'Informed of …,', 'Speaking to …,'.
_PARTICIPLE_OPENING = re.compile(r"[ ]*[A-Z][a-z]+(?:ing|ed)[ ]")


def _participle_word(src: Source) -> bool:
    """True for a lone capitalised word in -ing or -ed ('Informed', 'Anticipating'): a
    participle opening a fronted clause, not a surname."""
    return " " not in src.name and not src.title and src.name.endswith(("ing", "ed"))


#: A title's abbreviation before a name: 'Mr.', 'Sen.', 'Gov.', 'Dr.'.
_TITLE_END = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|Rev|Hon|Amb|Maj|Cpl)$"
)


def _opens_sentence(text: str, ps: int, stop: int) -> bool:
    """False for the period of an abbreviation inside a sentence: '... to re-elect Mr.
    Cruz next month' opens no sentence with "Cruz" (a "he said" after it went to Cruz,
    not to the sentence's subject). A title that heads a subject still lets the name after
    it open a sentence: at the sentence's start, after capitalised modifiers or "the"
    ('The Rev. Jeremy Rutledge', 'Wisconsin Gov. Scott Walker'), after a dateline dash,
    after ", and" or ", but" opening a clause (', and Mr. Storey had') and after "by"
    ('supported by Sen. Dianne Feinstein, who said')."""
    if _TITLE_END.search(text, max(ps, stop - 6), stop) is None:
        return True  # "U.S. While Clinton ...": other abbreviations may end a sentence
    word = text.rfind(" ", ps, stop) + 1 or ps
    words = text[max(ps, word - 80) : word].split()
    if words and words[-1].endswith(","):
        return True  # 'Another pro-gun Democrat, Sen. Mark Warner of Virginia, who'
    while words and words[-1][-1:] not in ".!?" and (
            words[-1][:1].isupper() or words[-1].lower() in ("the", "former")):
        words.pop()
    if not words:
        return True
    last = words[-1].rstrip("\"“")
    joined = last in ("and", "but") and len(words) > 1 and words[-2].endswith(",")
    return not last or last[-1] in ".!?”\"—–-:;(" or last == "by" or joined


def _used_again(text: str, surname: str, after: int) -> bool:
    """True when ``surname`` stands as a word after ``after`` (its first occurrence only:
    one look per heading line)."""
    at = text.find(surname, after)
    return at >= 0 and not text[at - 1].isalnum() and not text[at + len(surname) :
                                                               at + len(surname) + 1].isalnum()


def source_mentions(text: str, paras: list[tuple[int, int]]) -> list[Mention]:
    """Every 'NAME said ...' / '... said NAME' in the text, quoted speech or not: the
    people a later "he said" may point back to."""
    out: list[Mention] = []
    for ps, pe in paras:
        quotes = QuoteMarks(text, ps, pe)
        for m in SPEECH_CUE.finditer(text, ps, pe):
            if not m.group("verb"):
                continue
            pos = m.start()
            if quotes.inside(pos):
                continue  # quoted speech names no source a "he said" points back to
            lo = sentence_start(text, max(ps, pos - 160), pos)
            chunk = text[lo:pos]
            cut = max(chunk.rfind(c) for c in '"“”;:')
            if cut >= 0:
                chunk = chunk[cut + 1 :]
            src = None
            if chunk.strip() and not chunk.islower():  # a person's name has a capital
                src = source_from_phrase(chunk, m.group("verb"), strict=False)
                if (
                    src is None or src.kind != "person" or _participle_word(src)
                ) and _PARTICIPLE_OPENING.match(chunk):
                    # 'Informed of the district's lean, Early described it …': the
                    # participle opens a fronted clause; the subject follows its comma
                    after = chunk.rsplit(",", 1)[1] if "," in chunk else ""
                    src = None
                    if after.strip()[:1].isupper():
                        src = source_from_phrase(after, m.group("verb"), strict=False)
            inverted = chunk.rstrip(" ").endswith(",")  # 'And Trump, said Sunshine, …'
            if (
                (src is None or src.kind != "person" or inverted)
                and m.group("verb") in {"said", "says"}
                and _PRONOUN_SUBJECT.search(chunk) is None
            ):
                before = src
                obj = text[m.end() : min(pe, m.end() + 200)]
                if obj[:1] == " " and obj[1:2].isupper():
                    src = source_from_object(obj, m.group("verb"))
                    named = NAME_SEQ_RE.match(obj, 1)
                    if named is None or obj[named.end() : named.end() + 1] not in _CLAUSE_END:
                        src = None  # 'He says Obama "knows ...': Obama is the clause's subject
                if inverted and (src is None or src.kind != "person"):
                    src = before  # no name after "said": the subject stands
            if src is not None and src.kind == "person":
                out.append(Mention(pos, src))
        starts = [ps] + [b.end() for b in SENTENCE_BOUNDARY.finditer(text, ps, pe)
                         if _opens_sentence(text, ps, b.start())]
        heading = NAME_SEQ_RE.fullmatch(text, ps, pe) if pe - ps <= 40 else None
        if heading is not None and " " in heading.group() and (
                heading.group().split(" ", 1)[0].lower() in FIRST_NAMES
                or _used_again(text, heading.group().rsplit(" ", 1)[-1], pe)):
            # a name on a line of its own heads what follows ('Kamala Harris' over 'The
            # California senator ... "...," she said.'): the person "she" points back to;
            # a known first name or a surname the text uses again, so that "Story
            # Continued Below" (a page's furniture) heads nothing
            src = source_from_name(heading.group(), "", None)
            if src.kind == "person":
                out.append(Mention(ps, src))
        for at in starts:
            b = _NAME_OPENING.match(text, at, pe)
            if b is not None and not quotes.inside(at):
                opener = _opening_person(text, b, pe)
                if opener is not None:
                    out.append(Mention(at, opener))
    out.sort(key=lambda mention: mention.pos)
    return out


def resolve_pronoun(
    item: Statement, pronoun: str, mentions: list[Mention], resolver: Resolver, floor: int
) -> int | None:
    """The most recent named source before the quote whose gender fits "he"/"she";
    none before ``floor`` (an unnamed source spoke there: "he" is more likely that one)."""
    want = "m" if pronoun.lower() == "he" else "f"
    for mention in reversed(mentions):
        if mention.pos >= item.open_pos:
            continue
        if mention.pos < floor:
            return None
        src = mention.src
        gender = gender_of(src.name, src.title)
        if not gender:
            groups = [g for g in resolver.groups if g.key[0] == surname_key(src.name)]
            if groups:
                gender = group_gender(groups[-1])
            else:
                full = resolver.full_form_in_text(name_tokens(src.name)[-1], item.start)
                if full is not None:
                    gender = gender_of(*full)
        if gender and gender != want:
            continue
        return resolver.add(item, src)
    return None


def _agrees(group: Group, pronoun: str) -> bool:
    """False when the group's known gender is not the pronoun's ("she" for Donald Trump)."""
    gender = group_gender(group)
    return not gender or gender == ("m" if pronoun.lower() == "he" else "f")


def narrative_subject(
    text: str, paras: list[tuple[int, int]], item: Statement, resolver: Resolver
) -> int | None:
    """'Johnson demurred. "...," he said.': with no earlier speaker, "he" is the person who
    last opened a sentence in this or the previous paragraph."""
    hi = item.open_pos
    lo = max(paras[max(0, item.para - 1)][0], hi - CONTEXT_CHARS)
    best: Source | None = None
    for b in _SENT_START_NAME.finditer(text, lo, hi):
        best = _opening_person(text, b, hi) or best
    if best is None:
        return None
    return resolver.add(item, best)


class Pronouns:
    """Who a "he said" or "she added" points back to, in one document.

    The text's named sources are scanned once, at the first pronoun that needs them:
    most articles have none, and the scan is the costliest step of speaker extraction.
    """

    def __init__(
        self,
        text: str,
        paras: list[tuple[int, int]],
        resolver: Resolver,
    ) -> None:
        self.text = text
        self.paras = paras
        self.resolver = resolver
        self._mentions: list[Mention] | None = None
        #: People named as the source of a quote, whatever the verb ('," Trump shot
        #: back'), at the quote's end (the scan reads speech verbs only); merged into
        #: the scanned mentions at the next pronoun.
        self._quoted: list[Mention] = []

    def quoted(self, item: Statement, src: Source) -> None:
        """Note that a named person spoke ``item``: a later "he/she" may point back to it."""
        self._quoted.append(Mention(item.end, src))

    def resolve(
        self, item: Statement, src: Source, floor: int, last_person: int | None, blocked: bool
    ) -> int | None:
        """The group ``item`` joins, or None: the last named source of the pronoun's gender
        (none before ``floor``), else ``last_person``, else, unless an unnamed person spoke
        last (``blocked``), the person who last opened a sentence."""
        if self._mentions is None:
            self._mentions = source_mentions(self.text, self.paras)
        for mention in self._quoted:
            insort(self._mentions, mention, key=lambda m: m.pos)
        self._quoted.clear()
        speaker = resolve_pronoun(item, src.surface, self._mentions, self.resolver, floor)
        if (
            speaker is None
            and last_person is not None
            and _agrees(self.resolver.groups[last_person], src.surface)
        ):
            speaker = last_person
        if speaker is None and not blocked:
            speaker = narrative_subject(self.text, self.paras, item, self.resolver)
        if speaker is not None:
            self.resolver.attach(speaker, item, src)
        return speaker
