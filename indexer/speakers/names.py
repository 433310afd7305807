"""Canonical person names: one spelling and title for every way a person is written.

"Maj. Gen. John W. Brennan, Jr." and "Maj Gen John W. Brennan, Jr." give the same
("John W. Brennan Jr.", "Maj. Gen."), in every document, so facet values agree; and a
name is told from an organisation, a place or sentence debris (:func:`classify_name`).

Across documents the same person still appears as "Donald Trump", "Donald J. Trump" and,
where an article never gives the full name, "Trump": :func:`merge_names` gives the
speaker facet one name for them when the evidence is clear.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from ..lexicon import (
    CALENDAR_WORDS,
    COMPANY_WORDS,
    NAME_SUFFIX_PATTERN,
    NAME_SUFFIXES,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
)
from .first_names import FIRST_NAMES
from .letters import LOWER, PARENTHESES, UPPER, WHITESPACE

# fmt: off
#: "Secretary of State Mike Pompeo": the words that may follow "of" inside a title.
_TITLE_OF = {
    "state", "defense", "defence", "homeland", "security", "the", "treasury", "energy",
    "education", "health", "labor", "commerce", "transportation", "agriculture", "interior",
    "veterans", "affairs", "housing", "justice", "staff", "navy", "army",
}

#: Honorifics and "Dr." (lower-case, no period): the word after one is a name.
_HONORIFIC_KEYS = {"mr", "mrs", "ms", "mx", "dr", "prof"}

#: Modifiers that only qualify a title; a title made of these alone is no title.
_TITLE_MODIFIERS = {"former", "acting", "interim", "senior", "state", "first", "press"}

#: Capitalised words that start sentences or name days and months, never a person's name.
STOP_WORDS = {
    "the", "a", "an", "and", "but", "or", "so", "yet", "for", "nor", "in", "on", "at", "of",
    "to", "by", "with", "from", "as", "if", "when", "while", "after", "before", "since",
    "because", "though", "although", "then", "also", "later", "still", "now", "however",
    "meanwhile", "instead", "indeed", "asked", "speaking", "earlier", "separately",
    "this", "that", "these", "those", "there", "here", "it", "its", "he", "she", "they",
    "we", "i", "you", "his", "her", "their", "our", "my", "your", "him", "them", "us",
    "who", "what", "which", "where", "why", "how", "yes", "no", "not", "all", "some",
    "many", "most", "both", "each", "every", "one", "two", "three", "mr",
    "today", "yesterday", "tomorrow", "tonight", "said", "says",
    "according", "read", "more", "photo", "video", "image", "update", "updated", "editor",
    "note", "breaking", "exclusive", "opinion", "analysis", "advertisement", "god", "lord",
    "twitter", "facebook", "instagram", "live", "watch", "newsletter", "sign", "getty",
    "images", "ap", "afp", "reuters", "cnn", "fox", "nbc", "abc", "cbs", "msnbc", "npr",
    "rt", "vs", "et", "sources", "officials", "democrats", "republicans",
    "conservatives", "liberals", "americans", "critics", "supporters", "voters", "people",
    "someone", "everyone", "nobody", "anyone", "christmas", "easter", "thanksgiving",
    "ramadan", "day", "week", "year", "biden's", "trump's", "obama's", "coalition",
    "statement", "spokesperson", "spokesman", "spokeswoman", "official", "president",
    "can", "could", "will", "would", "should", "shall", "must", "might", "did", "does", "do",
    "is", "was", "are", "were", "has", "have", "had", "let", "dear", "thanks", "thank",
    "please", "like", "even", "just", "only", "well", "oh", "sorry", "hey", "hi", "ok",
    "another", "ask", "citing", "despite", "either", "neither", "joining", "take", "tell",
    "under", "until", "previous", "next", "related", "coverage", "vote", "add", "baby",
    "german", "french", "british", "russian", "chinese", "iranian", "israeli", "syrian",
    "iraqi", "turkish", "kurdish", "mexican", "canadian", "european", "slippery",
    "certainly", "clearly", "finally", "obviously", "apparently", "actually", "similarly",
    "additionally", "ultimately", "basically", "frankly", "honestly", "notably", "surely",
    "unfortunately", "fortunately", "naturally", "really", "likewise", "interestingly",
    "besides", "maybe", "perhaps", "four", "five", "six", "seven", "eight", "nine", "ten",
} | CALENDAR_WORDS

#: Capitalised descriptors before a name that are neither name nor title ("Democrat Tom
#: Barrett", "Economist Chris Smith"): dropped, like lowercase role words.
DESCRIPTORS = {
    "democrat", "republican", "independent", "libertarian", "economist", "writer",
    "filmmaker", "screenwriter", "teenager", "resident", "businessman", "businesswoman",
    "host", "analyst", "correspondent", "political", "strategist", "author", "actor",
    "actress", "singer", "rapper", "comedian", "columnist", "commentator", "pollster",
    "historian", "activist", "lawyer", "candidate", "challenger", "incumbent", "nominee",
    "veteran", "survivor", "student", "anchor", "journalist", "reporter", "producer",
    "investor", "billionaire", "entrepreneur", "founder", "ceo", "chef", "star", "mom",
    "dad", "widow", "hollywood", "a-lister", "spokesman", "spokeswoman", "spokesperson",
    "chinatowner", "philanthropist", "novelist", "poet", "musician", "designer", "model",
    # occupations that open a sentence capitalised: "Engineer Sophie Lacaze said"
    "engineer", "driver", "nurse", "teacher", "pilot", "farmer", "owner", "scientist",
    "physicist", "chemist", "biologist", "psychologist", "psychiatrist", "sociologist",
    "researcher", "technician", "mechanic", "electrician", "plumber", "carpenter", "miner",
    "fisherman", "worker", "employee", "manager", "shopkeeper", "trader", "banker",
    "accountant", "architect", "artist", "photographer", "editor", "blogger", "lecturer",
    "physician", "surgeon", "pharmacist", "paramedic", "firefighter", "volunteer",
    "organizer", "organiser", "protester", "consultant", "expert", "attorney", "official",
    "officer", "soldier",
    "retiree", "pensioner", "landlord", "tenant", "homeowner", "shopowner",
    "vendor", "waiter", "waitress", "cook", "baker", "butcher", "clerk", "cashier",
    "dockworker", "docker", "trucker", "hydrologist", "meteorologist", "climatologist",
    "geologist", "epidemiologist", "virologist", "doctor",
    # roles before a name that open a sentence capitalised: "Rival Hillary Clinton said"
    "rival", "adviser", "advisor", "aide", "hacker", "celebrity", "celebrities",
}

#: Pronouns that stand for a person, and the ones that never do: neither is a name.
PERSON_PRONOUNS = {"he", "she"}
OTHER_PRONOUNS = {"it", "they", "we", "i", "you", "one", "this", "that", "who", "which"}
# fmt: on

#: A lower-case part after a hyphen marks a descriptor: "Eight-year-old Jane Roe".
_LOWER_HYPHEN = re.compile(r"-[a-z]")
#: A party and state tag after a name: "Kevin McCarthy R-California".
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z][a-z.]*$")

#: Two words glued together by a scraper: a capital after three lower-case letters.
_GLUED = re.compile(rf"[{LOWER}]{{3,}}[{UPPER}]")

#: Camel-case that is a name, not two glued words: a "Vander"/"Fitz" surname prefix
#: ("VanderSloot") or a second given name joined on ("KellyAnne", "RoseAnn", "MaryBeth").
_CAMEL_NAME = re.compile(
    rf"(?:Vande[nr]|Fitz)[{UPPER}][{LOWER}]+"
    rf"|[{UPPER}][{LOWER}]+(?:Ann|Anne|Marie|Beth|Lou|Lynn|Jo|Sue|Mae|Kay|Lee)"
)

#: Dotted initials of a person ("J.J. MacNab", "George H.W. Bush"), unlike "U.S.".
_DOTTED_INITIALS = re.compile(rf"(?:[{UPPER}]\.){{1,3}}")
#: Dotted capitals that abbreviate places and bodies, never a person's initials.
_DOTTED_ACRONYMS = frozenset({
    "U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "N.Y.", "L.A.", "N.J.", "U.S.A.", "S.C.",
    "N.C.", "N.H.", "P.M.", "A.M.",
})

#: Words of place names that are a place only together ("Hong Kong", "New York"):
#: alone they are names ("Ki Hong", "Byron York").
_PLACE_FRAGMENTS = {
    "hong": ("hong kong",), "kong": ("hong kong",), "york": ("new york",),
    "jersey": ("new jersey",), "carolina": ("north carolina", "south carolina"),
    "dakota": ("north dakota", "south dakota"),
}

#: "Brennan, Jr.": the comma before a suffix is spelling, not a break in the name.
_SUFFIX_COMMA = re.compile(rf",\s*({NAME_SUFFIX_PATTERN})(?![\w])")
#: A possessive ending a name ("Brennan's").
_POSSESSIVE_END = re.compile(r"['’]s$")


def _norm_token(tok: str) -> str:
    """One name token in canonical spelling: initials and suffixes get their period."""
    bare = tok.rstrip(".")
    low = bare.lower()
    if low in NAME_SUFFIXES:
        return NAME_SUFFIXES[low]
    if len(bare) == 1 and bare.isupper():
        return bare + "."
    return tok


def title_key(tok: str) -> str:
    """Lower-case, period-free form of a token for title lookups."""
    return tok.rstrip(".").lower()


def is_title_token(tok: str) -> bool:
    """True for a word that may be part of a title before a name."""
    key = title_key(tok).removesuffix("-elect").removeprefix("ex-")
    if "-" in key:  # "Vice-President", "Director-General"
        return all(part in TITLE_WORDS for part in key.split("-"))
    return key in TITLE_ABBREVIATIONS or key in TITLE_WORDS


def _split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split name tokens into (title tokens, name tokens); leading descriptors are dropped.

    "Former Arkansas Gov. Mike Huckabee" gives (["Gov."], ["Mike", "Huckabee"]): the last
    run of title words that is followed by proper name tokens. A title word with nothing
    after it is a surname ("John Major", "Steve King").
    """
    n = len(tokens)
    end = -1  # index just after the title run
    for i in range(n - 1, -1, -1):
        has_name_after = any(title_key(t) not in NAME_SUFFIXES for t in tokens[i + 1 :])
        if is_title_token(tokens[i]) and has_name_after and not is_title_token(tokens[i + 1]):
            end = i + 1
            break
        if title_key(tokens[i]) in _HONORIFIC_KEYS and i == n - 2:
            end = i + 1  # "Mr. King", "Dr. Price": after an honorific, a surname
            break
    if end < 0:
        return [], tokens
    if end < n and tokens[end] == "of":  # "Secretary of the Treasury Steven Mnuchin"
        j = end + 1
        if j < n and tokens[j] == "the":
            j += 1
        k = j
        while k < n and title_key(tokens[k]) in _TITLE_OF:
            k += 1
        if k > j and k < n:
            end = k
    start = end - 1
    while start > 0:
        prev = tokens[start - 1]
        if is_title_token(prev):
            start -= 1
        elif title_key(prev) in _TITLE_OF and start >= 2 and tokens[start - 2] in {"of", "the"}:
            start -= 2 if tokens[start - 2] == "of" else 1
        elif prev in {"of", "the"} and start >= 2 and is_title_token(tokens[start - 2]):
            start -= 1
        else:
            break
    title = tokens[start:end]
    abbr = [k for k, t in enumerate(title) if title_key(t) in TITLE_ABBREVIATIONS]
    if abbr and abbr[0] > 0:
        title = title[abbr[0] :]  # "Chairman Rep." -> "Rep."
    return title, tokens[end:]


def _format_title(tokens: list[str]) -> str | None:
    """Normalised title text: "Maj Gen" -> "Maj. Gen.", "vice president" -> "Vice President"."""
    out: list[str] = []
    for tok in tokens:
        key = title_key(tok)
        if key in TITLE_ABBREVIATIONS:
            out.append(TITLE_ABBREVIATIONS[key])
        elif key == "of" or key == "the":
            out.append(key)
        else:
            out.append(key.capitalize() if tok.isupper() or tok.islower() else tok.rstrip("."))
    while out and out[0].lower() in _TITLE_MODIFIERS and len(out) > 1:
        out.pop(0)
    if not out or (len(out) == 1 and out[0].lower() in _TITLE_MODIFIERS):
        return None
    return " ".join(out)


def _clean_surface(surface: str) -> str:
    """Whitespace, trailing punctuation, possessive and party tags off a surface form."""
    s = WHITESPACE.sub(" ", surface.replace("\u00a0", " ")).strip()
    s = PARENTHESES.sub("", s)
    s = s.strip(" ,;:—–-")
    s = _POSSESSIVE_END.sub("", s)
    # a replacement with a group reference costs a call into Python even where nothing
    # matches, and most names have no comma
    return _SUFFIX_COMMA.sub(r" \1", s) if "," in s else s


def _first_name_before_surname(toks: list[str]) -> bool:
    """True when ``toks`` open with a known first name written as one, no period after it,
    then a capitalised word: "Jan Verhoef", "Virginia Foxx" (not "Jan." or "Virginia's")."""
    return (
        len(toks) >= 2
        and toks[0].lower() in FIRST_NAMES
        and toks[0][:1].isupper()
        and toks[0][1:].islower()
        and toks[1][:1].isupper()
    )


def _drop_descriptors(toks: list[str]) -> list[str]:
    """Strip sentence-initial words, descriptors and party tags that precede or follow a name."""
    while toks and toks[0].rstrip(".").lower() in STOP_WORDS and len(toks) > 1:
        if _first_name_before_surname(toks):
            break  # "Jan Verhoef": a first name, not the month
        toks.pop(0)  # "But Brennan"
    if (
        len(toks) >= 3
        and toks[0].endswith("ing")
        and toks[0].lower() not in FIRST_NAMES
        and toks[1].lower() in FIRST_NAMES
    ):
        toks.pop(0)  # "Using Ted Cruz": a participle opening the sentence, not a first name
    owner = [k for k, t in enumerate(toks[:-1]) if t.endswith(("'s", "’s"))]
    if owner:
        toks = toks[owner[-1] + 1 :]  # "Fox's Chris Wallace", "The Washington Post's Ed Lee"
    # "Wisconsin Democrat Tom Barrett", "Eight-year-old Jane Roe": drop the descriptor.
    for k in range(len(toks) - 2, -1, -1):
        low = toks[k].lower()
        if low in DESCRIPTORS or _LOWER_HYPHEN.search(toks[k]):
            toks = toks[k + 1 :]
            break
    if toks and _PARTY_TAG.match(toks[-1]):
        toks.pop()  # "Kevin McCarthy R-California"
    return toks


@lru_cache(maxsize=8192)
def descriptor_of(surface: str) -> str | None:
    """The words a name's surface form carries before the name that are neither name nor
    title: "Engineer Sophie Lacaze" -> "Engineer", "Truck driver Ana Ruiz" -> "Truck
    driver"; None when there are none. They read as the speaker's role."""
    s = _clean_surface(surface)
    name, _ = _canonical(surface)
    if not s or not name:
        return None
    first = name.split(" ")[0]
    toks = s.split(" ")
    if first not in toks:
        return None
    before = toks[: toks.index(first)]
    while before and before[0].rstrip(".").lower() in STOP_WORDS:
        before.pop(0)
    kept = [t for t in before if not is_title_token(t)]
    if not kept or kept != before[: len(kept)]:
        return None  # "Gov. Mike Huckabee": a title, not a role; "Former Gov.": mixed
    if not any(t.lower() in DESCRIPTORS or t.islower() for t in kept):
        return None
    return " ".join(kept)


def canonical_name(surface: str) -> tuple[str, str | None]:
    """Canonical (name, title) for a surface form, the same in every document.

    'Maj. Gen. John W. Brennan, Jr.' and 'Maj Gen John W. Brennan, Jr.' both give
    ('John W. Brennan Jr.', 'Maj. Gen.'), so facet values agree across documents.
    """
    return _canonical(surface)


@lru_cache(maxsize=8192)
def _canonical(surface: str) -> tuple[str, str | None]:
    """:func:`canonical_name`, cached: the same surface forms recur within and across texts."""
    s = _clean_surface(surface)
    if not s:
        return "", None
    tokens = s.split(" ")
    title_toks, name_toks = _split_title(tokens)
    name_toks = _drop_descriptors(name_toks)
    name = " ".join(_norm_token(t) for t in name_toks)
    name = name.rstrip(",")
    if name.endswith(".") and not re.search(r"(?:\b[A-Z]|Jr|Sr)\.$", name):
        name = name[:-1]
    return name, _format_title(title_toks)


def name_tokens(name: str) -> list[str]:
    """The given names and surname, without particles' case issues or suffixes."""
    return list(_name_tokens(name))


@lru_cache(maxsize=8192)
def _name_tokens(name: str) -> tuple[str, ...]:
    """:func:`name_tokens`, cached (a tuple, so no caller can change the cached value): a
    document asks for the same few names' tokens thousands of times."""
    return tuple(t for t in name.split(" ") if title_key(t) not in NAME_SUFFIXES)


def surname_key(name: str) -> str:
    """Last non-suffix token, lower-cased: the key that merges "Brennan" with the full name."""
    toks = name_tokens(name)
    return toks[-1].lower().replace("’", "'") if toks else ""


def _is_place_word(low: str, toks: list[str], k: int, person_shaped: bool) -> bool:
    """True when token ``k`` (``low``, lower-cased) makes the name a place's.

    A person-shaped name (a title, or a known first name before the word) keeps its
    place-like surname: "Rep. Steve Israel", "Jim Jordan", "George Washington"."""
    if low not in PLACE_WORDS:
        return False
    phrases = _PLACE_FRAGMENTS.get(low)
    if phrases is not None:
        joined = " ".join(t.lower() for t in toks)
        return any(p in joined for p in phrases)
    return not (person_shaped and k > 0)


def _listed_word(low: str) -> bool:
    """A word of the place, organisation, company, descriptor or stop lists: no surname
    that makes "Virginia X" a person ("Virginia Democrats", "Virginia Senate")."""
    return (low in PLACE_WORDS or low in ORGANISATION_WORDS or low in COMPANY_WORDS
            or low in DESCRIPTORS or low in STOP_WORDS)


def _is_initials(tok: str, toks: list[str], k: int) -> bool:
    """True for dotted initials before a surname ("J.J. MacNab"), not "U.S." or "D.C."."""
    if tok in _DOTTED_ACRONYMS or not _DOTTED_INITIALS.fullmatch(tok):
        return False
    rest = toks[k + 1 :]
    return bool(rest) and rest[-1][:1].isupper() and not rest[-1].isupper()


def _glued(name: str) -> bool:
    """True when a token is two words run together ("DoeSanders"), not a camel-case name."""
    return any(_GLUED.search(t) and not _CAMEL_NAME.fullmatch(t) for t in name.split(" "))


def first_name_and_surname(name: str) -> bool:
    """True for a known first name, then one capitalised surname of no word list: at a
    speech verb ('said Virginia Verhoef', '"…," Virginia Verhoef said') a person's name,
    although the first name is also a place ("Virginia", "Carolina")."""
    toks = name_tokens(name)
    return (
        len(toks) == 2
        and _first_name_before_surname(toks)
        and toks[1][1:].islower()
        and toks[1].replace("-", "").replace("'", "").replace("’", "").isalpha()
        and not _listed_word(toks[1].lower())
    )


@lru_cache(maxsize=8192)
def classify_name(name: str, title: str | None) -> str:
    """'person', 'org', or 'bad' for a canonical name (title already split off)."""
    toks = name_tokens(name)
    if not toks:
        return "bad"
    person_shaped = len(toks) >= 2 and (
        title is not None or toks[0].lower() in FIRST_NAMES
    )
    for k, tok in enumerate(toks):
        low = tok.rstrip(".").lower()
        if k == 0 and low in STOP_WORDS and _first_name_before_surname(toks):
            continue  # "Jan Verhoef": the first name, not the month
        if k == 0 and title is not None and _first_name_before_surname(toks):
            continue  # "Rep. Virginia Foxx": after a title, the first name, not the state
        if k == len(toks) - 1 and k and person_shaped and low in CALENDAR_WORDS:
            continue  # "Theresa May", "Prime Minister Theresa May": a surname, not the month
        if low in ORGANISATION_WORDS or _is_place_word(low, toks, k, person_shaped):
            return "org"
        bare = tok.replace(".", "").replace("-", "")
        if len(bare) >= 2 and bare.isupper() and not _is_initials(tok, toks, k):
            return "org"
        if low in STOP_WORDS or low in OTHER_PRONOUNS or low in PERSON_PRONOUNS:
            return "bad"
        if low.endswith(("'s", "’s")):
            return "bad"
    if len(toks) >= 2 and toks[-1].lower() in COMPANY_WORDS:
        return "org"
    if len(toks) == 1 and is_title_token(toks[0]) and title_key(title or "") not in _HONORIFIC_KEYS:
        return "bad"  # "Secretary", "President" on their own
    if _glued(name) or len({t.lower() for t in toks}) < len(toks) or len(toks) > 5:
        return "bad"  # scraping debris: "Jane DoeSanders", "Trump Trump"
    if any(c.isdigit() for c in name):
        return "bad"
    if toks[-1].endswith(".") and len(toks[-1]) <= 2:
        return "bad"  # ends in an initial: a fragment such as "John W."
    return "person"


#: A bare surname joins a full name only when that name holds this share of its documents.
DOMINANT_SHARE = 0.75
_INITIAL = re.compile(r"^[A-Z]\.?$")

#: (first name, surname, suffix), lower-cased: the names one person is merged under.
MergeKey = tuple[str, str, str]


def _merge_key(name: str) -> MergeKey | None:
    """(first name, surname, suffix) lower-cased; None for a one-word name."""
    tokens = name.replace(",", " ").split()
    suffix = ""
    if tokens and tokens[-1].lower().rstrip(".") in NAME_SUFFIXES:
        suffix = tokens.pop().lower().rstrip(".")
    tokens = [t for t in tokens if not _INITIAL.match(t)] or tokens
    if len(tokens) < 2:
        return None
    return tokens[0].lower(), tokens[-1].lower(), suffix


def merge_names(document_counts: Counter[str]) -> dict[str, str]:
    """Map every name to the name the speaker facet shows; ``document_counts`` counts
    documents. Same first name, surname and suffix (middle initials aside) merge; a bare
    surname joins a full name only when one full name holds most of its documents."""
    groups: dict[MergeKey, Counter[str]] = defaultdict(Counter)
    bare: list[str] = []
    for name, count in document_counts.items():
        key = _merge_key(name)
        if key is None:
            bare.append(name)
        else:
            groups[key][name] += count
    shown: dict[str, str] = {}
    by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, variants in groups.items():
        best = max(variants, key=lambda v: (variants[v], len(v), v))
        for variant in variants:
            shown[variant] = best
        if not key[2]:
            by_surname[key[1]].append((sum(variants.values()), best))
    for name in bare:
        candidates = sorted(by_surname.get(name.lower().strip("."), []), reverse=True)
        total = sum(n for n, _ in candidates)
        if candidates and candidates[0][0] >= DOMINANT_SHARE * total:
            shown[name] = candidates[0][1]
        else:
            shown[name] = name
    return shown
