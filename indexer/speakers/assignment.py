"""Giving each statement its speaker, in text order.

A quote takes the source its attribution names (a person, an organisation, "he" or "she"
resolved to a person, or an unnamed source who takes nobody's place); a quote without
one takes over the speaker of its quote chain (a quotation running over paragraphs), of
its paragraph, or of the paragraph before when it fills its own.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lexicon import CALENDAR_WORDS
from .attribution import find_source
from .coreference import Pronouns
from .learned import Candidate, candidates, choose
from .mentions import PersonMentions
from .model import Source, Statement
from .organisations import Organisations
from .people import Resolver
from .quotes import is_title_of_work
from .role_nouns import OfficeHolders

#: A speaker found for a quote, as its group index (None: nobody), with the cue.
Attributed = tuple[int | None, str]


class Assignment:
    """One document's pass over its statements, with who spoke last.

    An unnamed person ("a senior official said") blocks: a following "he said" must not
    jump back to an earlier named speaker.
    """

    def __init__(
        self,
        text: str,
        paras: list[tuple[int, int]],
        resolver: Resolver,
        learned: Callable[[Statement, list[Candidate]], Source | None] = choose,
    ) -> None:
        self.learned = learned  # picks among the candidates of a quote left to nobody
        self.text = text
        self.paras = paras
        self.resolver = resolver
        self.orgs = Organisations(text, resolver)
        self.people = PersonMentions(text, paras)  # people named, scanned on first need
        self.pronouns = Pronouns(text, paras, resolver)
        self.offices = OfficeHolders(text)
        self.last_person: int | None = None  # group of the most recent person-ish speaker
        self.blocked = False  # the most recent speaker was an unnamed person ("an official")
        self.blocked_at = (-1, -1)  # where that unnamed person spoke: (position, paragraph)
        self.last_para_speaker: dict[int, Attributed] = {}
        self.chain_speaker: dict[int, Attributed] = {}
        self.prev_quote_para: dict[int, int] = {}

    def run(self, items: list[Statement]) -> None:
        """Set ``speaker`` and ``cue`` on every statement and fill the resolver's groups."""
        for item in items:
            self._assign(item)
        self._close_chains(items)

    def _assign(self, item: Statement) -> None:
        """Give one statement its speaker: from its attribution, else by inheritance."""
        ps, pe = self.paras[item.para]
        if not item.reported and is_title_of_work(self.text, item):
            return
        src = item.source
        if src is None and not item.reported:
            src = find_source(self.text, item, ps, pe)
        speaker: int | None = None
        cue = ""
        attributed = src is not None
        if src is not None:
            cue = src.cue
            speaker = self._speaker_of(item, src)
        elif not item.reported:
            inherited = self._inherited(item)
            if inherited is not None:
                speaker, cue = inherited
                attributed = True
                if speaker is not None:
                    self.resolver.groups[speaker].items.append(item)
            elif (item.words > 3 or item.sentence_open) and (
                not self.blocked or item.para - self.blocked_at[1] > 1
            ):
                # A short fragment inside a sentence with no cue is a scare quote or a
                # name: on PolNeAR train the model took 5 of 827 such, so they skip it.
                speaker, cue = self._learned(item)
                attributed = speaker is not None
        item.speaker = speaker
        item.cue = cue
        if attributed and not item.reported:
            self.chain_speaker[item.chain] = (speaker, cue)
            self.last_para_speaker[item.para] = (speaker, cue)
            self.prev_quote_para[item.para] = item.para
        elif item.reported and speaker is not None:
            # 'The problem was ..., he said. "Some of it is classified."': the quote after
            # reported speech in its paragraph is the same speaker's
            self.last_para_speaker[item.para] = (speaker, cue)

    def _speaker_of(self, item: Statement, src: Source) -> int | None:
        """The group an attribution gives ``item`` (None: nobody); notes who spoke last."""
        if src.kind in {"anon", "org"} and src.surface.lower() in CALENDAR_WORDS and (
            src.surface[:1].isupper()
            and self.resolver.full_form_in_text(src.surface, item.start) is not None
        ):
            # '"…," May said.' after "Theresa May": the surname, not the month
            src = Source("person", src.surface, src.surface, None, src.role, src.cue)
        if src.kind in {"anon", "org"} and (holder := self.offices.holder(
                src.surface, item.open_pos, src.cue)) is not None:
            src = holder  # "the president writes": the one person titled President
        if src.kind == "person":
            speaker = self.resolver.add(item, src)
            if speaker is not None:
                self.last_person = speaker
                self.blocked = False
                self.pronouns.quoted(item, src)
            return speaker
        if src.kind == "pronoun":
            near = self.blocked and item.para - self.blocked_at[1] <= 1
            floor = self.blocked_at[0] if near else -1
            speaker = self.pronouns.resolve(item, src, floor, self.last_person, self.blocked)
            if speaker is None and not near:
                speaker = self._learned(item)[0]  # "he said" with no named source found
            return speaker
        if src.kind == "org":
            # A short fragment inside someone's sentence ('Trump called it a "witch
            # hunt", the White House said') is a scare quote, not the organisation's.
            if item.reported or item.sentence_open or item.words >= 4:
                return self.orgs.attach(self.text, self.paras, item, src)
            return None
        if src.kind == "anon":
            self.last_person = None
            self.blocked = True
            self.blocked_at = (item.open_pos, item.para)
        return None

    def _learned(self, item: Statement) -> Attributed:
        """The speaker the learned model picks among the people named near ``item``."""
        found = candidates(
            self.text, self.paras, item, self.resolver, self.last_person, self.people
        )
        src = self.learned(item, found)
        if src is None:
            return None, ""
        src.cue = "nearby"
        speaker = self.resolver.add(item, src)
        if speaker is not None:
            self.last_person = speaker
        return speaker, src.cue

    def _inherited(self, item: Statement) -> Attributed | None:
        """The speaker an unattributed quote takes over: its chain's, its paragraph's, or,
        when it fills its paragraph, that of the quote in the paragraph before."""
        inherited = self.chain_speaker.get(item.chain)
        if (
            inherited is None
            and item.para in self.last_para_speaker
            and (item.sentence_open or item.words >= 3)
        ):
            inherited = self.last_para_speaker[item.para]
        if inherited is None and item.whole_para:
            prev = self.prev_quote_para.get(item.para - 1)
            if prev is not None:
                inherited = self.last_para_speaker.get(prev)
        return inherited

    def _close_chains(self, items: list[Statement]) -> None:
        """A quote chain attributed only at its end ('"...' / '"...," he said.') takes that
        speaker for its earlier quotes too."""
        for item in items:
            if item.speaker is None and not item.reported and item.chain in self.chain_speaker:
                speaker, cue = self.chain_speaker[item.chain]
                if speaker is not None and item not in self.resolver.groups[speaker].items:
                    item.speaker, item.cue = speaker, cue
                    self.resolver.groups[speaker].items.append(item)
