"""'"...," the president writes.': a definite office as the speaker names the one person
the text gave that title ("President Donald Trump", "House Speaker Paul Ryan").

News names an office holder once in full and then by office as often as by surname: "the
president said", "the speaker told NBC", "the senator added". An unnamed "an official"
stays nobody; "the president" is somebody when exactly one person in the text before the
quote carries the title, and nobody when none or several do. A former president is
apart: "the former president" is only one titled "former President".
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .model import Source
from .names import name_tokens
from .sources import source_from_name

#: The office a definite role noun names, and the titles that office is written with
#: before a name: offices one person holds at a time. "The senator" or "the governor" is
#: one of many, often named without the title (on PolNeAR train "the senator" after
#: "Marco! Marco!" went to the one titled senator, Sen. Bernie Sanders).
_OFFICES: dict[str, str] = {
    "president": r"President",
    "vice president": r"Vice[ ]President",
    "speaker": r"Speaker",
    "prime minister": r"Prime[ ]Minister",
    "chancellor": r"Chancellor",
    "attorney general": r"Attorney[ ]General",
    "secretary of state": r"Secretary[ ]of[ ]State",
}

#: The subject phrase: "the president", "the former president" (a former office holder).
_ROLE_SUBJECT = re.compile(
    r"(?i:the)[ ]+(?P<former>former[ ]+)?(?P<office>" + "|".join(
        o.replace(" ", "[ ]+") for o in _OFFICES) + r")",
)

#: A titled name per office: the title, then up to four capitalised words of the name.
_TITLED = {
    office: re.compile(
        rf"\b(?:{titles})[ ]+"
        r"(?P<name>(?:[A-Z][\w.'’-]*[ ]+){0,3}[A-Z][\w'’-]*[a-z])\b"
    )
    for office, titles in _OFFICES.items()
}
_NOT_THE_OFFICE = {"vice", "deputy", "former", "ex", "late", "assistant", "acting"}


class _Holders:
    """The titled people of one office in text order, with, at each of them, the one
    person named so far (None after a second): a question is a bisection, not a read of
    every earlier holder (a text may say "the president said" a thousand times)."""

    def __init__(self, found: list[tuple[int, str, Source, bool]]) -> None:
        self.starts = [at for at, _, _, _ in found]
        self.plain_starts = [at for at, _, _, qualified in found if not qualified]
        self._sole: dict[bool, list[Source | None]] = {}
        for plain in (True, False):
            sole: list[Source | None] = []
            first: tuple[str, Source] | None = None
            many = False
            for _, surname, src, qualified in found:
                if not (plain and qualified):
                    if first is None:
                        first = (surname, src)
                    elif surname != first[0]:
                        many = True
                sole.append(None if many or first is None else first[1])
            self._sole[plain] = sole

    def only(self, before: int, plain: bool) -> Source | None:
        """The one (plain, or any) holder named before ``before``; None for none or two."""
        k = bisect_left(self.starts, before)
        return self._sole[plain][k - 1] if k else None

    def any_plain(self, before: int) -> bool:
        return bisect_left(self.plain_starts, before) > 0


class OfficeHolders:
    """Who holds which office in one text, read once per office (at its first question):
    a text quoting "the president" a thousand times reads it once."""

    def __init__(self, text: str) -> None:
        self.text = text
        #: By (office, former): the titled people in text order, as (offset, surname, source).
        self._found: dict[tuple[str, bool], _Holders] = {}

    def holder(self, surface: str, before: int, cue: str) -> Source | None:
        """The person ``surface`` ("the president") stands for before ``before``, when
        exactly one person there holds that title; else None."""
        m = _ROLE_SUBJECT.fullmatch(surface.strip(" ,"))
        if m is None:
            return None
        key = (" ".join(m.group("office").lower().split()), m.group("former") is not None)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = _Holders(self._read(*key))
        # "Guatemala's President Jimmy Morales" beside "President Donald Trump": the one
        # without a qualifier before the title is "the president"
        src = found.only(before, plain=True)
        if src is None and not found.any_plain(before):
            src = found.only(before, plain=False)
        if src is None:
            return None
        return Source("person", src.surface, src.name, src.title, None, cue)

    def _read(self, office: str, former: bool) -> list[tuple[int, str, Source, bool]]:
        """The people titled ``office`` (former ones or not): offset, surname, source, and
        whether a word qualifies the title ("Guatemala's", "French", "U.S.")."""
        found: list[tuple[int, str, Source, bool]] = []
        for t in _TITLED[office].finditer(self.text):
            words = self.text[max(0, t.start() - 40) : t.start()].rsplit("\n", 1)[-1].split()
            word = words[-1].lower() if words else ""
            if (word == "former") != former or word in _NOT_THE_OFFICE - {"former"}:
                continue
            if former:
                words = words[:-1]  # "Guatemala's former President"
            src = source_from_name(t.group("name"), "", None)
            toks = name_tokens(src.name) if src.kind == "person" else []
            if toks:
                qualifier = words[-1] if words else ""
                qualified = (qualifier[:1].isupper() and qualifier[-1:] not in '.!?:;,"”') or \
                    qualifier.endswith(("'s", "’s"))
                found.append((t.start("name"), toks[-1], src, qualified))
        return found
