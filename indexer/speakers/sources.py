"""Who a phrase around a cue verb names: a person, an organisation, a pronoun, or an
unnamed source ("a senior official"), as a :class:`~.model.Source`."""

from __future__ import annotations

import re

from ..lexicon import words
from .first_names import FIRST_NAMES
from .model import Source
from .names import (
    DESCRIPTORS,
    OTHER_PRONOUNS,
    PERSON_PRONOUNS,
    canonical_name,
    classify_name,
    descriptor_of,
    first_name_and_surname,
)
from .patterns import (
    ABBREVIATION_END,
    LETTERS,
    NAME_SEQ,
    NAME_SEQ_RE,
    OBJECT_NAME,
    ROLE_NOUN,
    SENTENCE_BOUNDARY,
    SUBJECT_END,
    UPPER,
    word_alternation,
)

# fmt: off
#: Words after which a name is an object, not the subject of the cue: "for Brennan said".
_NOT_BEFORE_SUBJECT = {
    "for", "of", "to", "with", "by", "from", "about", "against", "than", "and", "or", "the",
    "a", "an", "on", "at", "in", "like", "whom", "said", "told",
}
# fmt: on

#: Conjunctions and adverbs that may stand alone between a quote and a verb ('," and
#: said', '," when asked'): a subject of these words only names nobody.
_CONJUNCTIONS = words(
    """
    and but or nor then when as while before after if because since until once so yet
    also later where though although whereas even just again
    """
)

#: Nouns that make an unnamed source a person ("a senior official said"): such quotes stay
#: unattributed, and a following "he said" must not jump back to an earlier named speaker.
_PERSON_NOUNS = re.compile(
    r"\b(?:" + word_alternation("""
    official officials spokesman spokeswoman spokesperson spokespeople source sources aide
    aides person people man woman men women resident residents witness witnesses lawyer
    attorney adviser advisor analyst analysts expert experts officer officers member
    members diplomat diplomats lawmaker lawmakers senator legislator friend colleague
    father mother son daughter wife husband brother sister doctor leader leaders
    commander soldier soldiers activist activists student students voter voters
    supporter supporters critic critics economist economists director executive
    president minister secretary chairman chairwoman candidate nominee judge worker
    workers owner manager employee employees teacher victim survivor neighbor neighbour
    fighter fighters detainee prisoner farmer parent parents researcher researchers
    professor scientist scientists historian strategist strategists consultant pollster
    reporter reporters journalist host organizer organiser protester protesters
    someone anyone everyone nobody he she who
    """) + r")\b",
    re.IGNORECASE,  # a trie: ignoring case, re cannot skip a flat alternation's words
)

#: Words between a subject and its verb: "he will say", "Cruz himself said", "has also said",
#: and the time said in between: "Priebus later Thursday told", "Trump on Tuesday said".
#: An adverb in -ly is lower-case: "Jolly", "Kelly" and "Connolly" are surnames.
_TRAIL_WORDS = """
    will would has had have also later then once previously again recently repeatedly
    often himself herself themselves itself first last simply just even further
    frequently publicly privately reportedly quickly bluntly flatly only never ever did
    does not always still now told to can could may might
    on late early earlier today yesterday tonight this week night monday tuesday wednesday
    thursday friday saturday sunday
"""
_SUBJ_TRAIL = re.compile(
    r"(?:[ \t\u00a0]+(?:" + word_alternation(_TRAIL_WORDS) + r"|went on|(?-i:[a-z]{3,}ly)))+$",
    re.IGNORECASE,
)
#: The last word of every match of :data:`_SUBJ_TRAIL` ("went on" ends with "on").
_TRAIL_LAST = re.compile(
    r"(?:" + word_alternation(_TRAIL_WORDS) + r"|(?-i:[a-z]{3,}ly))", re.IGNORECASE
)


def _strip_trail(phrase: str) -> str:
    """``_SUBJ_TRAIL.sub("", phrase)``, asked only when the last word can end a match: the
    pattern is anchored at the end, but ``re`` tries it from every position."""
    if not phrase.endswith("\n"):  # "$" also matches before a final line break
        cut = max(phrase.rfind(" "), phrase.rfind("\t"), phrase.rfind("\u00a0"))
        if cut < 0 or _TRAIL_LAST.fullmatch(phrase, cut + 1) is None:
            return phrase
    return _SUBJ_TRAIL.sub("", phrase)


#: Words that may stand before a name in a subject without making it another phrase:
#: "retired neurosurgeon Ben Carson", "Commentary's Noah Rothman", "co-Anchor", and a
#: noun phrase of modifiers closed by a lower-case head noun: "former FBI agent",
#: "CBS This Morning co-Anchor", "former George W. Bush speechwriter".
_DESCRIPTOR_PREFIX = re.compile(
    rf"^(?:(?:[a-z][a-z\-]+|co-[A-Z][a-z]+)(?:[ ]+(?:[a-z][a-z\-]+|co-[A-Z][a-z]+)){{0,2}}"
    rf"|(?:The[ ]+)?(?:[{UPPER}][{LETTERS}]*[ ]+){{0,3}}[{UPPER}][{LETTERS}]*['’]s"
    rf"|(?![Aa]n?[ ])(?![^\n]*\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e|[Yy]ou|told|tells|said"
    rf"|says)\b)(?:[{LETTERS}][{LETTERS}.\-]*[ ]+){{1,5}}(?:[a-z][a-z\-]{{2,}}|co-[A-Z][a-z]+))$"
)

_ROLE_CUT = re.compile(
    r",[ ]+(?:the|a|an|which|who|whose|where|when|and|but|adding|saying|according|as|in"
    r"|on|at|after|before|while|during|told|said|noting|referring|using|[a-z]+ing)\b"
    r"|[;:\"“”]|[ ]+(?:said|says|told|added|who|whom|whose|which)\b"
)


#: An appositive that is a clause, not a role: "who announced ...", "reached by phone ...".
_NOT_A_ROLE = re.compile(
    r"^(?:who|whom|whose|which|that|where|when|while|after|before|as|if|reached|speaking"
    r"|standing|talking|writing|interviewed|asked|quoted|said|says|told|on|in|at|by|from"
    r"|with|during)\b|^[a-z]+(?:ing|ed)[ ]+(?:by|from|as|to|on|at|in|with|for|outside|after)\b",
    re.IGNORECASE,
)


#: A person's name opening a subject phrase, after an optional conjunction and a few
#: lower-case descriptor words, and not a possessive or one of a pair ("X and Y").
_LEADING_NAME = re.compile(
    rf"^[ ]*(?:(?:And|But|Then|So|Still|Yet|Now|Later|Meanwhile),?[ ]+)?"
    rf"(?:[a-z][a-z-]+[ ]+){{0,3}}(?P<name>{NAME_SEQ})(?:[ ]*\([^()\n]{{1,40}}\))?"
    rf"(?=[ ,])(?![ ]+(?:and|or|&)[ ])"
)


#: A description, then the name it describes, closing a subject phrase.
_APPOSITIVE_NAME = re.compile(
    rf"^[ ]*(?P<desc>[^,;:\"“”\n]{{3,80}}),[ ]+(?P<name>{NAME_SEQ}),?[ ]*$"
)

#: Descriptor words and a name after a cue verb: "retired neurosurgeon Ben Carson,".
_OBJECT_DESCRIBED = re.compile(
    rf"(?P<desc>(?:[A-Za-z][a-z-]*[ ]+){{1,4}}?)(?P<name>{NAME_SEQ})"
    rf"(?=[ ]*(?:[,.;:!?)(\n—–-]|\([^()\n]{{1,40}}\)|$)|[ ]+of[ ]+[{UPPER}])"
)


#: An age opening an appositive ("Stephanie Acs, 27, said"; "Renee Gold, 83, of Sarasota"):
#: the age, then perhaps a hometown, neither of which is a role.
_AGE = re.compile(r"^\d{1,3}(?:[ ]*,[ ]*|[ ]*\.?[ ]*$)")
_HOMETOWN = re.compile(r"^(?:of|from|in)\b", re.IGNORECASE)


def trim_role(role: str) -> str | None:
    """Cut an appositive to its role: "commander of X, the name for Y" -> "commander of X";
    None for a clause ("who announced the result", "reached by phone") and for an age or
    an age and a hometown ("27", "83, of Sarasota")."""
    role = role.strip()
    age = _AGE.match(role)
    if age:
        role = role[age.end() :]
        if _HOMETOWN.match(role):
            return None
    if _NOT_A_ROLE.match(role):
        return None
    m = _ROLE_CUT.search(role)
    if m:
        role = role[: m.start()]
    # Stop at a sentence end that is not an abbreviation ("U.S.").
    for b in SENTENCE_BOUNDARY.finditer(role + " X"):
        if not ABBREVIATION_END.search(role, max(0, b.start() - 6), b.start()):
            role = role[: b.start()]
            break
    role = role.strip(" ,.;—–-")
    if role.endswith(")") and "(" not in role:
        role = role[:-1]
    if len(role) < 2 or len(role) > 160:
        return None
    return role


#: Not a role noun and a name after the body: 'campaign manager Corey Lewandowski' (a
#: preposition may stand there: 'campaign on Monday').
_NO_ROLE_NAME = (
    r"(?![ ]+(?!(?:on|in|at|of|for|to|with|from|by|after|before|during|about|against)[ ])"
    rf"[a-z\-]+[ ]+[{UPPER}])"
)
#: What a person's possessive may own that speaks for them as a body, not as the person:
#: 'Ryan's campaign', 'Gowdy's office', 'Clinton's lawyers'; not when a role and a name
#: follow ('Trump's campaign manager Corey Lewandowski').
OWNED_BODY = re.compile(
    r"['’]s[ ]+(?:" + word_alternation("""
    campaign campaigns office offices team staff staffers aides spokesman spokeswoman
    spokesperson spokespeople lawyers attorneys administration government camp
    committee foundation company website
    """) + rf")\b{_NO_ROLE_NAME}"
)
#: A subject phrase that is such a body: '(The) New Hampshire Sen. Kelly Ayotte's campaign'.
_OWNED_SUBJECT = re.compile(rf"(?:[Tt]he[ ]+)?{NAME_SEQ}(?<=['’]s)")


#: A body named after its person: 'The Sanders campaign', 'the Obama administration'.
_NAMED_BODY = re.compile(
    rf"[Tt]he[ ]+{NAME_SEQ}[ ]+(?:campaign|team|camp|administration)\b"
    rf"{_NO_ROLE_NAME}"
)


def owned_body(phrase: str, at: int = 0, cue: str = "") -> Source | None:
    """An organisation source when ``phrase`` opens (at ``at``) with a person's possessive
    and a body of theirs ('Ryan's campaign said'): the quote is not the person's."""
    body = None
    if "s " in phrase and ("’s " in phrase or "'s " in phrase):  # skip the patterns
        m = _OWNED_SUBJECT.match(phrase, at)
        body = OWNED_BODY.match(phrase, m.end() - 2) if m is not None else None
    if body is None and phrase.startswith(("The ", "the "), at):
        body = _NAMED_BODY.match(phrase, at)  # 'The Sanders campaign'
    if body is None:
        return None
    return Source("org", phrase[at : body.end()].strip(), cue=cue)


def source_from_name(surface: str, cue: str, role: str | None) -> Source:
    """Classify and canonicalise a name-shaped surface form."""
    name, title = canonical_name(surface)
    # Strip sentence-initial stop words ("But Brennan"), then re-check.
    kind = classify_name(name, title)
    if kind != "person" and " " in name and cue[:1].isalpha() and first_name_and_surname(name):
        kind = "person"  # 'said Virginia Verhoef': at a speech verb, not the state
    if kind == "person":
        role = role or descriptor_of(surface)
        return Source("person", surface.strip(" ,"), name, title, role, cue)
    if kind == "org":
        return Source("org", surface.strip(" ,"), cue=cue)
    return Source("anon", surface.strip(" ,"), cue=cue)


#: The name a relative "who" closing a subject phrase refers to: 'Mike Lee, who'.
_RELATIVE_ANTECEDENT = re.compile(
    rf"(?P<name>{NAME_SEQ})(?:[ ]*\([^()\n]{{1,40}}\))?,[ ]+who$"
)


def source_from_phrase(phrase: str, cue: str, strict: bool) -> Source | None:
    """Who a subject phrase before a cue verb names ('Brennan', 'he', 'the statement')."""
    # keep an appositive's closing comma; a no-break space is a space ('Trump\u00a0told')
    phrase = phrase.lstrip(" ,\t\u00a0").rstrip(" \t\u00a0")
    phrase = _strip_trail(phrase)
    if not phrase.strip(" ,"):
        return None
    owned = owned_body(phrase, cue=cue)  # it tests cheaply first: most phrases own nothing
    if owned is not None:
        return owned
    low = phrase.rstrip(" ,").lower()
    words = low.split()
    last = words[-1]
    if last == "who" and len(words) >= 2 and words[-2].endswith(","):
        # 'from Mike Lee, who declared': a relative "who" speaks for the name before it.
        named = _RELATIVE_ANTECEDENT.search(phrase.rstrip(" ,"))
        if named is not None:
            src = source_from_name(named.group("name"), cue, None)
            if src.kind == "person":
                return src
    if last in PERSON_PRONOUNS or last in OTHER_PRONOUNS:
        head = " ".join(words[:-1]).strip(" ,")
        fronted = len(words) >= 2 and words[-2].endswith(",")  # 'Asked about it, she replied'
        if not head or fronted or head in {"and", "but", "then", "so", "as", "and then",
                                           "but then"}:
            kind = "pronoun" if last in PERSON_PRONOUNS else "org"
            return Source(kind, phrase.split()[-1], cue=f"{phrase.split()[-1]} {cue}")
        if strict:
            return Source("anon", phrase, cue=cue)
    if last in _CONJUNCTIONS and all(w.strip(",") in _CONJUNCTIONS for w in words):
        return None  # '," and said', '," when asked': a conjunction names nobody
    m = SUBJECT_END.search(phrase)
    if m:
        prefix = phrase[: m.start()].strip()
        prefix_low = prefix.lower()
        role = trim_role(m.group("role")) if m.group("role") else None
        ok = True
        if prefix:
            last_word = prefix_low.split()[-1].rstrip(",")
            if re.search(rf"\b{ROLE_NOUN}s?,?$", prefix_low):
                # "On the picket line at the gate, union chairman": the role is the last
                # phrase, not the adverbial before it.
                role = role or trim_role(prefix.strip(" ,").rsplit(",", 1)[-1])
                if last_word in {"the", "a", "an"}:
                    ok = False
            elif prefix.endswith(",") and not strict:
                pass  # 'Asked what it means, Devine replied:': a clause, then the subject
            elif last_word in {"the", "a", "an"} and re.search(r"['’]s ", m.group("name")):
                pass  # "the Harbour Post's Dana Ruell": the article is the owner's
            elif last_word in _NOT_BEFORE_SUBJECT or (
                strict and not prefix.endswith(",") and not _DESCRIPTOR_PREFIX.match(prefix)
            ):
                ok = False
        if ok and role is None and prefix:
            words_before = prefix.strip(" ,").split()
            if words_before[-1].lower() in DESCRIPTORS and words_before[-1].islower():
                role = " ".join(words_before[-3:])  # "Truck driver Ana Ruiz said"
        if ok:
            src = source_from_name(m.group("name"), cue, role)
            if src.kind == "anon" and m.group("role"):
                # "its Chief Executive, Vineet Nayar, said": the appositive is the name.
                swapped = source_from_name(m.group("role"), cue, m.group("name"))
                if swapped.kind == "person" and NAME_SEQ_RE.fullmatch(m.group("role").strip()):
                    return swapped
            if src.kind == "person" or not strict:
                return src
            if src.kind == "org":
                # 'Maricopa County Recorder Helen Purcell said': capitalised modifiers of
                # a role, then a person's name, are no organisation.
                return _name_closing_clause(phrase.rstrip(" ,"), cue) or src
    if strict and len(words) > 8:
        return None
    tail = _APPOSITIVE_NAME.search(phrase)
    if tail is not None and re.search(rf"\b{ROLE_NOUN}s?$", tail.group("desc").lower()):
        # "Delta Quay Terminals' operations director, Ingrid Haverkamp,": the role first
        src = source_from_name(tail.group("name"), cue, trim_role(tail.group("desc")))
        if src.kind == "person":
            return src
    if not strict:
        lead = _LEADING_NAME.match(phrase)
        whole = NAME_SEQ_RE.match(phrase, lead.start("name")) if lead is not None else None
        if lead is not None and whole is not None and whole.end() == lead.end("name"):
            # 'Sen. Bernie Sanders (I-Vt.) on Saturday criticized the accord, saying':
            # the sentence opens with a person, whatever stands between it and the cue.
            src = source_from_name(lead.group("name"), cue, None)
            if src.kind == "person":
                return src
    if _PERSON_NOUNS.search(phrase):
        return Source("anon", phrase, cue=cue)
    return Source("org", phrase, cue=cue)


#: After a capitalised modifier: a lower-case word, then a name ("Virginia delegate Beau
#: Correll", "Clinton ally James Carville", "Concord resident Whit Symms").
_WORD_THEN_NAME = re.compile(rf"[ ]+(?P<noun>[a-z][a-z\-]{{2,}})[ ]+{NAME_SEQ}")
_ROLE_NOUN_RE = re.compile(rf"{ROLE_NOUN}s?")
#: The shape of a noun for a person ("speechwriter", "columnist", "congressman").
_AGENT_SUFFIX = re.compile(r"[a-z-]+(?:er|or|ist|ian|man|woman|ent|ant|ate|ally)")
#: Function words of that shape: 'said Trump after Clinton's speech' is no description.
_NOT_A_ROLE_NOUN = {
    "after", "over", "under", "for", "ever", "never", "later", "rather", "whether", "other",
    "together", "either", "neither", "per", "nor", "hereafter", "thereafter", "whenever",
    "wherever", "however", "whatever", "earlier", "recent", "current", "different",
    "present", "important", "separate", "private", "accurate", "moderate", "finally",
    "usually", "actually", "originally", "really", "personally", "totally", "formally",
    "informally", "verbally", "orally", "globally", "locally", "nationally", "politically",
}


def role_then_name(after: str) -> bool:
    """True when a role noun and a name follow a capitalised word: that word was a
    modifier of the role, not the speaker's name."""
    m = _WORD_THEN_NAME.match(after)
    if m is None:
        return False
    noun = m.group("noun")
    if noun in _NOT_A_ROLE_NOUN:
        return False
    return (
        noun in DESCRIPTORS
        or noun in {"delegate", "ally", "co-host", "co-chair", "co-founder"}
        or _ROLE_NOUN_RE.fullmatch(noun) is not None
        or _AGENT_SUFFIX.fullmatch(noun) is not None
    )


#: The end of the clause after a name: a party tag, then punctuation or the text's end.
_CLAUSE_END = re.compile(r"[ ]*(?:\([^()\n]{1,40}\))?[ ]*(?:[,;:!?\n—–]|\.(?:\s|$)|$)")
#: Lower-case words that may stand among the modifiers before the name ("ranking",
#: "party boss", "1st"): not a preposition, article, pronoun or auxiliary, which would make
#: the name part of another phrase ('said Trump after Clinton spoke').
_NOT_MODIFIERS = words(
    """
    of for to with at after before about on in by from the a an and or but nor that this
    these those when while as than his her their its he she it they we during over under
    into onto who whom which what was is has had were have be been will would
    """
)
_MODIFIER = re.compile(r"[a-z][a-z\-]*|\d+(?:st|nd|rd|th)?")


def _name_closing_clause(obj: str, cue: str) -> Source | None:
    """'said United Auto Workers Secretary-Treasurer Gary Casteel.', 'said Air Force 1st Lt.
    Tyler Livingston': capitalised modifiers and a few lower-case ones, then a person's
    name (a known first name or a title before the surname) that closes the clause."""
    pos = 0
    lower = 0
    for m in NAME_SEQ_RE.finditer(obj):
        between = obj[pos : m.start()].split()
        for word in between:
            if word in _NOT_MODIFIERS or not _MODIFIER.fullmatch(word):
                return None
        lower += len(between)
        if lower > 3:
            return None
        end = _CLAUSE_END.match(obj, m.end())
        if end is None:
            pos = m.end()
            continue
        toks = m.group().split()
        for i in range(len(toks) - 2, max(0, len(toks) - 3) - 1, -1):
            name = " ".join(toks[i:])
            canonical, title = canonical_name(name)
            ctoks = canonical.split()
            if len(ctoks) >= 2 and (title or ctoks[0].lower() in FIRST_NAMES):
                src = source_from_name(name, cue, None)
                if src.kind == "person":
                    desc = (obj[: m.start()] + " ".join(toks[:i])).strip(" ,")
                    desc = re.sub(r"[ ]+\d+(?:st|nd|rd|th)$", "", desc)  # "1st" of "1st Lt."
                    src.role = desc or src.role
                    return src
        return None
    return None


def source_from_object(obj: str, cue: str) -> Source | None:
    """Who follows a cue verb ('said Maj. Gen. John W. Brennan, Jr., commander, ...')."""
    obj = obj.lstrip()
    first = obj.split(" ", 1)[0].strip(",.").lower()
    if first in PERSON_PRONOUNS:
        return Source("pronoun", obj.split(" ", 1)[0].strip(",."), cue=f"{cue} {first}")
    m = OBJECT_NAME.match(obj)
    if m and (
        m.group("desc") is None
        or not m.group("desc").lower().startswith(("the ", "a "))
        or re.search(rf"{ROLE_NOUN}s?,[ ]+$", m.group("desc"))
    ):
        after = obj[m.end("name") :]
        # A name is followed by the end of the clause, a party tag or an appositive; not
        # by a role noun and another name ("said Virginia delegate Beau Correll").
        if (not after or after[0] in ',.;:!?)( \n—–-"”') and not role_then_name(after):
            role = trim_role(m.group("role")) if m.group("role") else None
            desc = m.group("desc")
            if desc and not role:
                d = desc.strip(" ,")
                role = None if d.lower() in {"former", "late", "then", "the late"} else d
            src = source_from_name(m.group("name"), cue, role)
            if src.kind != "person" or (" " not in src.name and after[:1] == " "):
                # 'said Air Force 1st Lt. Tyler Livingston', 'said Oversight ranking
                # Democrat Elijah Cummings': the words before the name modify the person.
                closing = _name_closing_clause(obj, cue)
                if closing is not None:
                    return closing
            if src.kind != "bad":
                return src
    described = _OBJECT_DESCRIBED.match(obj)
    if described is not None and not described.group("desc").lower().startswith(
        ("the ", "a ", "an ")
    ):
        # 'said retired neurosurgeon Ben Carson, asked ...': descriptor words, then a name.
        src = source_from_name(described.group("name"), cue, described.group("desc").strip())
        if src.kind == "person":
            return src
    closing = _name_closing_clause(obj, cue)
    if closing is not None:
        return closing
    head = re.split(r"[,.;:!?\n]", obj, maxsplit=1)[0]
    if first in OTHER_PRONOUNS:
        return Source("org", first, cue=cue)
    if _PERSON_NOUNS.search(head):
        return Source("anon", head, cue=cue)
    return Source("org", head, cue=cue)


def role_in_text(text: str, name: str) -> str | None:
    """A role the text gives ``name`` where it is not a quote's attribution: the appositive
    of its first mention with one ("Dr. Ines Roca, a hydrologist at X, said ...") or the
    occupation before it ("Political scientist Dr. Lena Marchetti")."""
    if len(name.split()) < 2:
        return None
    # str.find, not a pattern per name: names differ in every document, and compiling
    # one each time cost more than the search (and pushed other patterns out of re's cache).
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        after = _ROLE_AFTER.match(text[end : end + 160])
        if after:
            role = trim_role(after.group(1))
            if role:
                return role
        before = _DESCRIPTOR_BEFORE.search(text[max(0, start - 60) : start])
        if before and before.group("desc").split()[-1].lower() in DESCRIPTORS:
            return before.group("desc").strip()
        start = text.find(name, end)
    return None


#: An appositive after a name's mention: "Dr. Ines Roca, a hydrologist at X,".
_ROLE_AFTER = re.compile(
    r"(?:[ ]*\([^()\n]{1,40}\))?,[ ]+(?:\d{1,3},[ ]+)?((?:a|an|the)[ ][^,;:\"“”\n]{2,120}),"
)
#: An occupation opening the sentence before a name: "Political scientist Dr. ".
_DESCRIPTOR_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+|\n)(?P<desc>(?:[{UPPER}][a-z]+[ ])?[a-z]+[ ])"
    rf"(?:(?:[{UPPER}][a-z]*\.|[{UPPER}][a-z]+)[ ])*$"
)
