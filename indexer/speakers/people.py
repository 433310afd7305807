"""A document's person mentions as groups, one per person: a surname alone joins the most
recent full name, and a lone surname with no full name in the text must look like a
person before it counts."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import HONORIFICS, NAME_SUFFIX_PATTERN, NAME_SUFFIXES
from .first_names import first_name_gender
from .gender import gender_of, group_gender
from .model import Group, Source, Statement
from .names import canonical_name, classify_name, name_tokens, surname_key, title_key
from .patterns import CUE_VERB, INVERTED_VERB_RE, NAME_SEQ_RE, is_word_char

#: Quoted passages (and the end of one opened before), removed before looking for "he".
_QUOTED = re.compile(r"[\"“][^\"“”\n]*[\"”]|^[^\"“”\n]*[\"”]")
#: Words that refer back to an organisation.
_IT = re.compile(r"\b(?:[Ii]t|[Ii]ts)\b")
#: Words that refer back to a person, unlike "it" for an organisation.
_HE_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]imself|[Hh]erself)\b")


#: A cue verb after a surname: 'Sammon said'.
_CUE_AFTER_NAME = re.compile(rf"[ ]+(?:{CUE_VERB})\b")
_SAID_AFTER_NAME = re.compile(r"[ ]+(?:said|says|told)\b")
#: What closes 'said Sammon.' after the surname.
_CLAUSE_MARK = re.compile(r"[ ]*[.,]")
#: A word of four letters or more, as a headline capitalises each.
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_INITIAL = re.compile(r"[A-Z]\.")


def _title_case(text: str, lo: int, hi: int) -> bool:
    """True when ``text[lo:hi]`` capitalises all of its three or more long words."""
    long_words = _LONG_WORD.findall(text, lo, hi)
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _in_headline(text: str, at: int) -> bool:
    """True when ``at`` stands in a headline: a line, a quoted title on it ('a column
    entitled "Why Electing Hillary Is More Important Than Electing Obama"') or the rest
    of a line after page debris, with every word of four letters or more capitalised
    ('Ted Cruz Hints Trump Would Get …'). There a capitalised run is no name."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    opened = max(text.rfind("“", lo, at), text.rfind('"', lo, at))
    if opened >= 0:
        ends = [e for e in (text.find("”", at, hi), text.find('"', at, hi)) if e >= 0]
        if ends:
            lo, hi = opened + 1, min(ends)
    if hi - at > 200:
        return False
    return (hi - lo <= 200 and _title_case(text, lo, hi)) or _title_case(text, at, hi)


def _name_in_headline(name: str) -> str:
    """The name a headline's capitalised run of three words or more ends with: the surname
    and the first names or initials right before it ('Offensive Things Donald Trump' ->
    'Donald Trump', 'Ted Cruz Hints Trump' -> 'Trump'). Two words stay a name ('Salma
    Hayek Described Her …' was cut at the surname already)."""
    toks = name.split(" ")
    end = len(toks) - 1
    while end > 0 and title_key(toks[end]) in NAME_SUFFIXES:
        end -= 1
    if end < 2:
        return name
    start = end
    while start > 0 and (
        _INITIAL.fullmatch(toks[start - 1]) or first_name_gender(toks[start - 1].lower())
    ):
        start -= 1
    return " ".join(toks[start:])


def _speaks_after_quote(
    text: str, surname: str, verb_after: re.Pattern[str], said_before: bool
) -> bool:
    """True when ``surname`` stands in ``text`` as '," Sammon said' (a comma or quote mark,
    spaces, the surname, then ``verb_after``) or, with ``said_before``, as 'said Sammon.'.

    The regex search this replaces, ``[,”"][ ]+SURNAME[ ]+(?:said|...)\\b|\\bsaid[ ]+SURNAME
    [ ]*[.,]``, was compiled for every surname (names differ in every document) and read
    the whole text; here str.find finds the surname and the shapes are checked around it.
    """
    at = text.find(surname)
    while at >= 0:
        spaces = at
        while spaces > 0 and text[spaces - 1] == " ":
            spaces -= 1
        if spaces < at:
            end = at + len(surname)
            if (
                spaces > 0
                and text[spaces - 1] in ',”"'
                and verb_after.match(text, end) is not None
            ):
                return True
            if (
                said_before
                and spaces >= 4
                and text.startswith("said", spaces - 4)
                and (spaces == 4 or not is_word_char(text[spaces - 5]))
                and _CLAUSE_MARK.match(text, end) is not None
            ):
                return True
        at = text.find(surname, at + 1)
    return False


#: Pronoun aliases and the gender they give a group.
_PRONOUN_GENDER = {"he": "m", "He": "m", "she": "f", "She": "f"}


class Resolver:
    """Maps person mentions to groups: surname alone joins the most recent full name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.groups: list[Group] = []
        #: By surname, its fullest mentions in text order: their offsets and their names.
        self._full_forms: dict[str, tuple[list[int], list[tuple[str, str | None]]]] = {}
        self._speaks_cache: dict[tuple[str, str, bool], bool] = {}
        #: By surname, every fuller mention of it (:meth:`_scan_full_forms`).
        self._scans: dict[str, list[tuple[int, int, tuple[str, str | None]]]] = {}
        #: Every quote's start and group, in text order (:meth:`_quoted_before`).
        self._order: tuple[list[int], list[Group]] | None = None

    def full_form_in_text(self, surname: str, before: int) -> tuple[str, str | None] | None:
        """A fuller mention of ``surname`` anywhere in the text, nearest before ``before``."""
        if not surname.strip():
            return None
        pool = self._full_forms.get(surname)
        if pool is None:
            found = self._scan_full_forms(surname)
            # Full names beat "Mr. Trump": only the mentions with the most name tokens.
            top = max((f[0] for f in found), default=0)
            pool = self._full_forms[surname] = (
                [f[1] for f in found if f[0] == top], [f[2] for f in found if f[0] == top])
        offsets, names = pool
        if not names:
            return None
        # the nearest one before ``before``, else the first
        earlier = bisect_left(offsets, before)
        return names[earlier - 1] if earlier else names[0]

    def _agreeing_full_form(
        self, surname: str, before: int, gender: str
    ) -> tuple[str, str | None] | None:
        """The two-word mention of ``surname`` nearest before ``before`` whose first name
        has ``gender``: "Tom Boone" for a "Mr. Boone" when Harriet Boone also speaks."""
        found = [
            (at, full) for _, at, full in self._scan_full_forms(surname)
            if at < before and len(name_tokens(full[0])) >= 2 and gender_of(*full) == gender
        ]
        return found[-1][1] if found else None

    def _scan_full_forms(self, surname: str) -> list[tuple[int, int, tuple[str, str | None]]]:
        """Every fuller mention of ``surname`` in the text, in text order: (name tokens,
        offset, (name, title)). Read once per surname: a text that quotes one person
        hundreds of times asks for it at every quote, and a scan per quote made a long
        text's extraction quadratic."""
        found = self._scans.get(surname)
        if found is None:
            found = self._scans[surname] = self._read_full_forms(surname)
        return found

    def _read_full_forms(self, surname: str) -> list[tuple[int, int, tuple[str, str | None]]]:
        """:meth:`_scan_full_forms`, read from the text."""
        found: list[tuple[int, int, tuple[str, str | None]]] = []
        text = self.text
        pos = text.find(surname)
        while pos >= 0:
            end = pos + len(surname)
            at = pos
            pos = text.find(surname, end)
            if (at and text[at - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                continue
            sm = None
            for cand in NAME_SEQ_RE.finditer(text, max(0, at - 80), end + 6):
                if cand.start() <= at < cand.end():
                    sm = cand
                    break
            if sm is None:
                continue
            verb = INVERTED_VERB_RE.match(sm.group())
            if verb is not None and sm.start() + verb.end() <= at:
                continue  # 'Stated Stone:': a cue verb before the name, not a first name
            key = surname.lower().replace("’", "'")
            name, title = canonical_name(sm.group())
            if not name:
                continue
            if surname_key(name) != key:
                if sm.end() <= end or at == sm.start():
                    continue
                # A headline's capitals run on after the name: "Salma Hayek Described Her …"
                name, title = canonical_name(text[sm.start() : end])
                if not name or surname_key(name) != key:
                    continue
            if _in_headline(text, at):
                name = _name_in_headline(name)
            if classify_name(name, title) != "person":
                continue
            ntok = len(name_tokens(name))
            if ntok >= 2 or title:
                found.append((ntok, at, (name, title)))
        return found

    def _suffix_key(self, name: str) -> str:
        """' jr.' for 'Donald Trump Jr.' when plain 'Donald Trump' also occurs in the text, so
        father and son stay two people; '' otherwise (the suffix is then just spelling)."""
        last = name.rsplit(" ", 1)[-1]
        if title_key(last) not in NAME_SUFFIXES:
            return ""
        base = " ".join(name_tokens(name))
        plain = rf"{re.escape(base)}(?![ ]*,?[ ]*(?:{NAME_SUFFIX_PATTERN})\b)"
        return " " + last.lower() if re.search(plain, self.text) else ""

    def _person_context(self, item: Statement, surname: str) -> bool:
        """A lone surname is a person when it speaks right after a quote or a cue verb
        ('," Sammon said', 'said Sammon.') and "he"/"she" follows outside quotes (an
        organisation would be "it")."""
        if surname.lower().endswith(("ing", "ly", "ed")) or "’" in surname or "'" in surname:
            return False
        if not self._speaks(surname, _CUE_AFTER_NAME, said_before=True):
            return False
        window = _QUOTED.sub(" ", self.text[item.end : item.end + 400])
        if _HE_SHE.search(window) is not None:
            return True
        # '"...," Hale said.' with no "he" or "it" after it: a person, unless an "it"
        # follows, as it would for a company ('"...," Northwind said. It expects ...').
        return _IT.search(window) is None and self._speaks(
            surname, _SAID_AFTER_NAME, said_before=False
        )

    def _speaks(self, surname: str, verb_after: re.Pattern[str], said_before: bool) -> bool:
        """:func:`_speaks_after_quote` on this text, read once per surname and shape: it
        reads every occurrence of the surname, and is asked again at every quote."""
        key = (surname, verb_after.pattern, said_before)
        known = self._speaks_cache.get(key)
        if known is None:
            known = self._speaks_cache[key] = _speaks_after_quote(
                self.text, surname, verb_after, said_before)
        return known

    def add(self, item: Statement, src: Source) -> int | None:
        """Attach a person mention to a group; None when a lone surname is unconfirmed."""
        toks = name_tokens(src.name)
        surname = surname_key(src.name)
        if not toks:
            return None
        if len(toks) >= 2:
            key = (surname, toks[0][0].lower() + self._suffix_key(src.name))
            names = [(src.name, src.title)]
        else:
            candidates = [g for g in self.groups if g.key[0] == surname]
            suffix = src.name.rsplit(" ", 1)[-1].lower()
            if title_key(suffix) in NAME_SUFFIXES:  # "Trump Jr." goes to "Donald Trump Jr."
                candidates = [g for g in candidates if g.key[1].endswith(suffix)] or candidates
            full = None
            want = gender_of("", src.title)
            if candidates and want:
                # "Mr. Boone" after Harriet Boone's quotes is Tom Boone, named just before
                agreeing = [g for g in candidates if group_gender(g) in (want, "")]
                if not agreeing:
                    full = self._agreeing_full_form(toks[0], item.start, want)
                candidates = agreeing if full is not None else candidates
            if candidates:
                group = max(candidates, key=lambda g: g.items[-1].start if g.items else -1)
                return self._attach(group, item, src, [(src.name, src.title)])
            full = full or self.full_form_in_text(toks[0] if toks else src.name, item.start)
            if full is not None and len(name_tokens(full[0])) < 2 and src.title:
                full = (src.name, src.title) if full[1] in HONORIFICS else full
            if full is None:
                if not src.title and not self._person_context(item, toks[0]):
                    return None
                full = (src.name, src.title)
            ftoks = name_tokens(full[0])
            key = (surname, ftoks[0][0].lower() if len(ftoks) >= 2 else "")
            names = [full, (src.name, src.title)]
        for idx, group in enumerate(self.groups):
            if group.key == key or (group.key[0] == key[0] and "" in (group.key[1], key[1])):
                if _genders_differ(group, names):
                    continue  # Abigail and Aaron Boone share a key, not a person
                if group.key[1] == "" and key[1]:
                    group.key = key
                return self._attach(group, item, src, names, idx)
        self.groups.append(Group(key))
        return self._attach(self.groups[-1], item, src, names)

    def agree_family_names(self) -> None:
        """Give a group read from a lone surname the full name its "he"/"she" agree with.

        "Obama said" takes the surname's fuller mention nearest before it, which may be a
        relative's ('"Barack Obama and Michelle Obama have signed ...," the company said.
        ... "...," Obama said. "...," he continued.'). The pronoun after it then either
        joined the group (its name disagrees with it) or, refused for its gender, went to
        the relative, who has no other quote. Either way the group takes the
        relative's name, and the pronouns' group joins it.
        """
        self._order = None
        by_surname: dict[str, list[Group]] = {}
        for g in self.groups:
            by_surname.setdefault(g.key[0], []).append(g)
        for group in list(self.groups):
            if group.kind != "person" or not _from_lone_surname(group):
                continue
            wrong = [(n, t) for n, t in group.names if len(name_tokens(n)) >= 2]
            have = {gender_of(n, t) for n, t in wrong} - {""}
            if len(have) != 1:
                continue
            said = {_PRONOUN_GENDER[a] for a in group.aliases if a in _PRONOUN_GENDER}
            siblings = [g for g in by_surname[group.key[0]] if g is not group
                        and g in self.groups and g.items and all(_by_pronoun(it) for it in g.items)
                        and group_gender(g) not in have | {""}
                        and all(self._quoted_before(it) is group for it in g.items)]
            right: tuple[str, str | None] | None = None
            if len(said) == 1 and not said & have:
                right = self._nearest_full_form(wrong[0][0], said.pop(), group.items[0].start)
            elif not said and len(siblings) == 1:
                right = next((n, t) for n, t in siblings[0].names if len(name_tokens(n)) >= 2)
                group.items = sorted(group.items + siblings[0].items, key=lambda it: it.start)
                group.aliases += [a for a in siblings[0].aliases if a not in group.aliases]
                self.groups.remove(siblings[0])
                self._order = None
            if right is not None:
                group.names = [right if nt in wrong else nt for nt in group.names]

    def _quoted_before(self, item: Statement) -> Group | None:
        """The group of the quote just before ``item`` (whoever's it is); the quotes are
        put in order once per document."""
        if self._order is None:
            pairs = sorted(((it.start, i) for i, g in enumerate(self.groups) for it in g.items))
            self._order = ([p for p, _ in pairs], [self.groups[i] for _, i in pairs])
        starts, groups = self._order
        k = bisect_left(starts, item.start)
        return groups[k - 1] if k else None

    def _nearest_full_form(
        self, name: str, gender: str, before: int
    ) -> tuple[str, str | None] | None:
        """The fuller mention of ``name``'s surname of ``gender`` nearest before ``before``,
        else the first one."""
        found = [(at, full) for _, at, full in self._scan_full_forms(name_tokens(name)[-1])
                 if len(name_tokens(full[0])) >= 2 and gender_of(*full) == gender]
        if not found:
            return None
        return ([f for at, f in found if at < before] or [found[0][1]])[-1]

    def attach(self, idx: int, item: Statement, src: Source) -> int:
        """Record in group ``idx`` a mention resolved outside the group's names ("he")."""
        return self._attach(self.groups[idx], item, src, [], idx)

    def _attach(
        self,
        group: Group,
        item: Statement,
        src: Source,
        names: list[tuple[str, str | None]],
        idx: int | None = None,
    ) -> int:
        """Record one mention in ``group`` and return the group's index."""
        group.names.extend(names)
        if src.role:
            group.roles.append(src.role)
        if src.surface and src.surface not in group.aliases:
            group.aliases.append(src.surface)
        group.items.append(item)
        return self.groups.index(group) if idx is None else idx


def _from_lone_surname(group: Group) -> bool:
    """True when every name the text gave ``group`` is a surname or a pronoun: its full
    name came from elsewhere in the text, by nearness alone."""
    return all(a in _PRONOUN_GENDER or len(name_tokens(a)) <= 1 for a in group.aliases)


def _by_pronoun(item: Statement) -> bool:
    """True for a quote a pronoun said ('"...," he continued')."""
    return item.cue.split(" ", 1)[0] in _PRONOUN_GENDER


def _genders_differ(group: Group, names: list[tuple[str, str | None]]) -> bool:
    """True when ``names`` and ``group`` name people of different genders: one surname and
    one initial ("Abigail Boone", "Aaron Boone", "Mr. Boone") are not one person then."""
    mine = {gender_of(n, t) for n, t in names} - {""}
    return bool(mine) and group_gender(group) not in mine | {""}


def best_name(group: Group) -> tuple[str, str | None]:
    """Fullest name in the group, and the title that goes with it (ranks over honorifics)."""
    name, title = max(group.names, key=lambda nt: (len(name_tokens(nt[0])), len(nt[0])))
    if title is None or title in HONORIFICS:
        for _, other in group.names:
            if other and other not in HONORIFICS:
                title = other
                break
        else:
            title = title or next((t for _, t in group.names if t), None)
    return name, title
