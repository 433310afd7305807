"""Who is quoted in an article: quote attribution and speaker name canonicalisation.

Rules, not a model: news prose attributes speech in a handful of fixed shapes
(``"...," said NAME``, ``"...," NAME said``, ``NAME said: "..."``, ``"...," he added``,
``..., said NAME.``, ``according to NAME``), and a speaker is named in full once and by
surname afterwards. Everything here is regular expressions compiled at import time plus
small word lists: about 1-2 ms for a 5,000-character article.

Offsets are character offsets into the text given to :func:`extract_speakers` (the
cleaned body), and always point at the quote *content*, without the quote marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsfacet.schema.document import Quote, Speaker

from .lexicon import (
    CALENDAR_WORDS,
    COMPANY_WORDS,
    HONORIFICS,
    NAME_SUFFIX_PATTERN,
    NAME_SUFFIXES,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
)

__all__ = ["canonical_name", "extract_speakers"]

# --------------------------------------------------------------------------- characters

#: Latin letters beyond ASCII, so "José", "Łukasz" and "Şahin" are names too.
_EXTRA = [chr(c) for c in range(0xC0, 0x250) if chr(c).isalpha()]
_UP = "A-Z" + "".join(c for c in _EXTRA if c.isupper())
_LO = "a-z" + "".join(c for c in _EXTRA if c.islower())
_L = _UP + _LO
_SP = r"[ \t\u00a0]+"

# --------------------------------------------------------------------------- word lists

# fmt: off
#: "Secretary of State Mike Pompeo": the words that may follow "of" inside a title.
_TITLE_OF = {
    "state", "defense", "defence", "homeland", "security", "the", "treasury", "energy",
    "education", "health", "labor", "commerce", "transportation", "agriculture", "interior",
    "veterans", "affairs", "housing", "justice", "staff", "navy", "army",
}
#: Modifiers that only qualify a title; a title made of these alone is no title.
_TITLE_MODIFIERS = {"former", "acting", "interim", "senior", "state", "first", "press"}


#: Capitalised words that start sentences or name days and months, never a person's name.
_STOP = {
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
} | CALENDAR_WORDS
#: Capitalised descriptors before a name that are neither name nor title ("Democrat Tom
#: Barrett", "Economist Chris Smith"): dropped, like lowercase role words.
_DESCRIPTORS = {
    "democrat", "republican", "independent", "libertarian", "economist", "writer",
    "filmmaker", "screenwriter", "teenager", "resident", "businessman", "businesswoman",
    "host", "analyst", "correspondent", "political", "strategist", "author", "actor",
    "actress", "singer", "rapper", "comedian", "columnist", "commentator", "pollster",
    "historian", "activist", "lawyer", "candidate", "challenger", "incumbent", "nominee",
    "veteran", "survivor", "student", "anchor", "journalist", "reporter", "producer",
    "investor", "billionaire", "entrepreneur", "founder", "ceo", "chef", "star", "mom",
    "dad", "widow", "hollywood", "a-lister", "spokesman", "spokeswoman", "spokesperson",
    "chinatowner", "philanthropist", "novelist", "poet", "musician", "designer", "model",
}
_PRONOUNS_PERSON = {"he", "she"}
_PRONOUNS_OTHER = {"it", "they", "we", "i", "you", "one", "this", "that", "who", "which"}

_NOT_BEFORE_SUBJECT = {
    "for", "of", "to", "with", "by", "from", "about", "against", "than", "and", "or", "the",
    "a", "an", "on", "at", "in", "like", "whom", "said", "told",
}
# fmt: on

#: Nouns that make an unnamed source a person ("a senior official said"): such quotes stay
#: unattributed, and a following "he said" must not jump back to an earlier named speaker.
_PERSON_NOUNS = re.compile(
    r"\b(?:official|officials|spokes(?:man|woman|person|people)|source|sources|aide|aides"
    r"|person|people|man|woman|men|women|resident|residents|witness|witnesses|lawyer"
    r"|attorney|adviser|advisor|analyst|analysts|expert|experts|officer|officers|member"
    r"|members|diplomat|diplomats|lawmaker|lawmakers|senator|legislator|friend|colleague"
    r"|father|mother|son|daughter|wife|husband|brother|sister|doctor|leader|leaders"
    r"|commander|soldier|soldiers|activist|activists|student|students|voter|voters"
    r"|supporter|supporters|critic|critics|economist|economists|director|executive"
    r"|president|minister|secretary|chairman|chairwoman|candidate|nominee|judge|worker"
    r"|workers|owner|manager|employee|employees|teacher|victim|survivor|neighbor|neighbour"
    r"|fighter|fighters|detainee|prisoner|farmer|parent|parents|researcher|researchers"
    r"|professor|scientist|scientists|historian|strategist|strategists|consultant|pollster"
    r"|reporter|reporters|journalist|host|organizer|organiser|protester|protesters"
    r"|someone|anyone|everyone|nobody|he|she|who)\b",
    re.IGNORECASE,
)
#: Role nouns that may stand between a verb and a name: "said Pentagon spokesman John Kirby".
_ROLE_NOUN = (
    r"(?:spokes(?:man|woman|person)|secretary|director|chief|official|leader|minister"
    r"|chairman|chairwoman|chair|president|commander|adviser|advisor|aide|analyst|attorney"
    r"|lawyer|professor|economist|strategist|ambassador|representative|senator|governor"
    r"|mayor|candidate|nominee|founder|co-founder|executive|CEO|manager|head|member"
    r"|researcher|expert|fellow|author|host|reporter|correspondent|editor|pollster"
    r"|consultant|deputy|coordinator|officer|judge|prosecutor|investigator|activist"
    r"|organizer|organiser|coach|general|colonel|captain|sergeant|lieutenant|major"
    r"|chancellor|partner|counsel|scientist|historian|commissioner|sheriff|superintendent"
    r"|cofounder|owner|vice\ president|director-general|envoy|diplomat|lawmaker|congressman"
    r"|congresswoman|son|daughter|wife|husband|father|mother|brother|sister|friend"
    r"|colleague|former|late|then)"
)

# --------------------------------------------------------------------------- name regexes

_ABBR_ALT = "|".join(
    sorted(
        (k.capitalize() for k in TITLE_ABBREVIATIONS if k.isalpha() and len(k) <= 5),
        key=len,
        reverse=True,
    )
)
_WORD = rf"[{_UP}][{_L}]*(?:['’\-][{_L}]+)*"
_TOK = (
    rf"(?:(?:{_ABBR_ALT}|Jr|Sr|St)\."  # Maj. Gen. Jr.
    rf"|(?:[{_UP}]\.){{2,}}"  # U.S.
    rf"|[{_UP}]\.(?={_SP}[{_UP}])"  # initial W.
    rf"|(?:al|el|ad|as|ash|at|an|ar|bin|ibn)-{_WORD}"  # al-Baghdadi
    rf"|{_WORD})"
)
_PARTICLE = (
    r"(?:de|da|di|del|della|der|den|du|van|von|la|le|dos|das|bin|ibn|al|el|ben|y"
    r"|of(?:[ ]the)?(?=[ ](?:State|Defense|Homeland|Health|Energy|Education|Labor|Commerce"
    r"|Transportation|Agriculture|Interior|Treasury|Veterans|Housing|Staff|Navy|Army)\b))"
)
#: A run of capitalised words: titles, initials, particles and a Jr./Sr./II/III suffix.
_SEQ = (
    rf"(?<![\w'’\-.]){_TOK}(?:{_SP}(?:{_PARTICLE}{_SP})*{_TOK})*"
    rf"(?:,?{_SP}(?:{NAME_SUFFIX_PATTERN})(?![\w]))?"
)
_SEQ_RE = re.compile(_SEQ)
#: Subject right before a verb: NAME, optional "(D-Calif.)", optional ", appositive,".
_SUBJ_END_RE = re.compile(
    rf"(?P<name>{_SEQ})(?:[ ]*\([^()\n]{{1,40}}\))?"
    rf"(?:,{_SP}(?P<role>[^,;:\"“”\n]{{2,120}}?),)?[ ]*$"
)
#: Object after a verb: optional role words, NAME, optional party tag and appositive.
_OBJ_RE = re.compile(
    rf"(?P<desc>(?:[^ ,.;:\"“”\n]+[ ]+){{0,6}}?{_ROLE_NOUN}s?,?[ ]+)?"
    rf"(?P<name>{_SEQ})(?P<party>[ ]*\([^()\n]{{1,40}}\))?"
    rf"(?:,[ ]*(?P<role>[^\n\"“”]{{2,200}}))?"
)

# --------------------------------------------------------------------------- cue regexes

_VERB = (
    r"(?:according\ to|pointed\ out|went\ on|went\ on\ to\ say|said|says|say|added|adds"
    r"|told|tells|explained|explains|noted|notes|wrote|writes|stated|states|continued"
    r"|continues|asked|asks|replied|replies|responded|responds|insisted|insists|argued"
    r"|argues|warned|warns|declared|declares|announced|claimed|claims|acknowledged"
    r"|admitted|conceded|recalled|remarked|observed|tweeted|posted|testified|concluded"
    r"|cautioned|emphasized|emphasised|stressed|suggested|predicted|urged|countered"
    r"|quipped|joked|complained|lamented|shouted|yelled|whispered|read|reads|reported"
    r"|reports|recounted|wondered|mused|exclaimed|boasted|vowed|promised|charged"
    r"|contended|maintained|explained|agreed|echoed|summed\ up|put\ it|chimed\ in)"
)
#: Verbs that may come first ("said Brennan"); "told" and "put it" never invert.
_VERB_FIRST = re.compile(
    r"^[ ]*(?:[,—–-][ ]*)?(?P<verb>according\ to|said|says|added|adds|explained|noted"
    r"|wrote|writes|stated|continued|asked|asks|replied|responded|insisted|argued|warned"
    r"|declared|announced|claimed|acknowledged|admitted|recalled|remarked|observed"
    r"|tweeted|testified|concluded|cautioned|emphasized|stressed|suggested|urged"
    r"|countered|quipped|joked|complained|read|reads|reported|recounted|exclaimed|boasted"
    r"|vowed|promised|charged|maintained|agreed|echoed)[ ]+(?P<obj>[^\n]{1,260})"
)
#: Subject first ("Brennan said", "he added", "the statement said").
_SUBJ_FIRST = re.compile(
    rf"^[ ]*(?:[,—–-][ ]*)?(?P<subj>[^!?\"“”\n]{{1,90}}?)"
    rf"[ ]+(?P<verb>{_VERB})\b"
)
#: Text before an opening quote mark that ends in a cue: 'Brennan said: ', 'he told CNN, '.
_PRE_CUE = re.compile(
    rf"(?P<verb>{_VERB})\b(?P<tail>[^.!?\"“”:;\n]{{0,60}}?)[ ]*(?P<punct>[,:]|\bthat\b|—|–)?"
    rf"[ ]*$"
)
#: Sentence boundary: end punctuation, optional closing marks, space, then a capital.
_BOUNDARY = re.compile(rf"[.!?][\"”’)\]]*[ \t\u00a0]+(?=[\"“‘(\[]?[{_UP}0-9])")
_PRE_ABBR = re.compile(rf"(?:\b(?:{_ABBR_ALT}|Jr|Sr|St|No|Mt|Ft|vs|etc)|\b[{_UP}]|\.[{_UP}])$")
#: Unquoted reported speech: "..., said Brennan." / "..., Brennan said." / "..., according to".
_REPORTED = re.compile(
    r",[ ]+(?:(?P<verb1>said|says|added|noted|explained|stated|according\ to)[ ]+"
    r"|(?P<subj>[^,.!?\"“”\n]{1,70}?)[ ]+(?P<verb2>said|says|added|noted|explained"
    r"|stated|told\ [^,.!?\"“”\n]{1,40}?|wrote|argued|insisted|warned)"
    r"(?P<tail>[ ]+[^,.!?\"“”\n]{1,40}?)?[ ]*(?:[.!?](?=\s|$)|$))"
)
#: Words between a subject and its verb: "he will say", "Cruz himself said", "has also said".
_SUBJ_TRAIL = re.compile(
    r"(?:[ \t\u00a0]+(?:will|would|has|had|have|also|later|then|once|previously|again|recently"
    r"|repeatedly|often|himself|herself|themselves|itself|first|last|simply|just|even"
    r"|further|frequently|publicly|privately|reportedly|quickly|bluntly|flatly|only"
    r"|never|ever|did|does|not|always|still|now|told|to|can|could|may|might|went on"
    r"|[a-z]{3,}ly))+$",
    re.IGNORECASE,
)
#: Participle cues whose speaker is the sentence subject: 'Trump went on, saying, "..."'.
_PARTICIPLE = re.compile(
    r"(?:,|\band)[ ]+(?P<verb>saying|adding|writing|telling[ ][^,:.\"“”]{1,40}?|noting"
    r"|explaining|arguing|insisting|warning|declaring|tweeting|asking)[ ]*[,:]?[ ]*$"
)
_SENT_SUBJ = re.compile(
    rf"^(?:(?:And|But|Then|So|Later|Still|Yet|Instead|Meanwhile|Now)(?:,?[ ]+then)?,?[ ]+)?"
    rf"(?P<subj>{_SEQ}|[Hh]e|[Ss]he)(?=[ ,])"
)
_SENT_START_NAME = re.compile(
    rf"(?:^|(?<=[.!?][ ])|(?<=[.!?][\"”][ ])|(?<=\n))(?P<subj>{_SEQ})"
    rf"(?=[ ]+[a-z]|,[ ]+[a-z])",
    re.MULTILINE,
)
#: Words that may stand before a name in a subject without making it another phrase:
#: "retired neurosurgeon Ben Carson", "Commentary's Noah Rothman", "co-Anchor".
_DESCRIPTOR_PREFIX = re.compile(
    rf"^(?:(?:[a-z][a-z\-]+|co-[A-Z][a-z]+)(?:[ ]+(?:[a-z][a-z\-]+|co-[A-Z][a-z]+)){{0,2}}"
    rf"|(?:The[ ]+)?(?:[{_UP}][{_L}]*[ ]+){{0,3}}[{_UP}][{_L}]*['’]s)$"
)
#: A name opening a sentence and followed by a lower-case word: 'Johnson demurred.'
_NAME_OPENING = re.compile(rf"(?P<subj>{_SEQ})(?=[ ]+[a-z]|,[ ]+[a-z])")
_LOWER_HYPHEN = re.compile(r"-[a-z]")
_QUOTED = re.compile(r"[\"“][^\"“”\n]*[\"”]|^[^\"“”\n]*[\"”]")
_HE_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]imself|[Hh]erself)\b")
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z][a-z.]*$")
#: Two words glued together by a scraper: a capital after three lower-case letters.
_GLUED = re.compile(rf"[{_LO}]{{3,}}[{_UP}]")
_ACCORDING_START = re.compile(r"(?:^|(?<=[ ]))According to[ ]+")
_QUOTE_MARK = re.compile(r"[\"“”]")
_SINGLE_QUOTE = re.compile(
    rf"(?:(?<=^)|(?<=[\s(\[—–-]))‘(?P<body>[^‘’\n]*?[^\s‘’][,.!?…—–-]?)’(?![{_L}])"
)
_READ_MORE = re.compile(r"^\s*(?:read more|read also|related|see also|watch)\s*:", re.I)
_WS = re.compile(r"\s+")
_SUFFIX_COMMA = re.compile(rf",\s*({NAME_SUFFIX_PATTERN})(?![\w])")
_PARENS = re.compile(r"\s*\([^()]*\)")
_ROLE_CUT = re.compile(
    r",[ ]+(?:the|a|an|which|who|whose|where|when|and|but|adding|saying|according|as|in"
    r"|on|at|after|before|while|during|told|said|noting|referring|using)\b"
    r"|[;:\"“”]|[ ]+(?:said|says|told|added)\b"
)


# --------------------------------------------------------------------------- names


def _norm_token(tok: str) -> str:
    """One name token in canonical spelling: initials and suffixes get their period."""
    bare = tok.rstrip(".")
    low = bare.lower()
    if low in NAME_SUFFIXES:
        return NAME_SUFFIXES[low]
    if len(bare) == 1 and bare.isupper():
        return bare + "."
    return tok


def _title_key(tok: str) -> str:
    """Lower-case, period-free form of a token for title lookups."""
    return tok.rstrip(".").lower()


def _is_title_token(tok: str) -> bool:
    """True for a word that may be part of a title before a name."""
    key = _title_key(tok).removesuffix("-elect").removeprefix("ex-")
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
        has_name_after = any(_title_key(t) not in NAME_SUFFIXES for t in tokens[i + 1 :])
        if _is_title_token(tokens[i]) and has_name_after and not _is_title_token(tokens[i + 1]):
            end = i + 1
            break
    if end < 0:
        return [], tokens
    if end < n and tokens[end] == "of":  # "Secretary of the Treasury Steven Mnuchin"
        j = end + 1
        if j < n and tokens[j] == "the":
            j += 1
        k = j
        while k < n and _title_key(tokens[k]) in _TITLE_OF:
            k += 1
        if k > j and k < n:
            end = k
    start = end - 1
    while start > 0:
        prev = tokens[start - 1]
        if _is_title_token(prev):
            start -= 1
        elif _title_key(prev) in _TITLE_OF and start >= 2 and tokens[start - 2] in {"of", "the"}:
            start -= 2 if tokens[start - 2] == "of" else 1
        elif prev in {"of", "the"} and start >= 2 and _is_title_token(tokens[start - 2]):
            start -= 1
        else:
            break
    title = tokens[start:end]
    abbr = [k for k, t in enumerate(title) if _title_key(t) in TITLE_ABBREVIATIONS]
    if abbr and abbr[0] > 0:
        title = title[abbr[0] :]  # "Chairman Rep." -> "Rep."
    return title, tokens[end:]


def _format_title(tokens: list[str]) -> str | None:
    """Normalised title text: "Maj Gen" -> "Maj. Gen.", "vice president" -> "Vice President"."""
    out: list[str] = []
    for tok in tokens:
        key = _title_key(tok)
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
    s = _WS.sub(" ", surface.replace("\u00a0", " ")).strip()
    s = _PARENS.sub("", s)
    s = s.strip(" ,;:—–-")
    s = re.sub(r"['’]s$", "", s)
    s = _SUFFIX_COMMA.sub(r" \1", s)
    return s


def _drop_descriptors(toks: list[str]) -> list[str]:
    """Strip sentence-initial words, descriptors and party tags that precede or follow a name."""
    while toks and toks[0].rstrip(".").lower() in _STOP and len(toks) > 1:
        toks.pop(0)
    # "Wisconsin Democrat Tom Barrett", "Eight-year-old Jane Roe": drop the descriptor.
    for k in range(len(toks) - 2, -1, -1):
        low = toks[k].lower()
        if low in _DESCRIPTORS or _LOWER_HYPHEN.search(toks[k]):
            toks = toks[k + 1 :]
            break
    if toks and _PARTY_TAG.match(toks[-1]):
        toks.pop()  # "Kevin McCarthy R-California"
    return toks


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


def _name_tokens(name: str) -> list[str]:
    """The given names and surname, without particles' case issues or suffixes."""
    return [t for t in name.split(" ") if _title_key(t) not in NAME_SUFFIXES]


def _surname(name: str) -> str:
    """Last non-suffix token, lower-cased: the key that merges "Brennan" with the full name."""
    toks = _name_tokens(name)
    return toks[-1].lower() if toks else ""


def _classify_name(name: str, title: str | None) -> str:
    """'person', 'org', or 'bad' for a canonical name (title already split off)."""
    toks = _name_tokens(name)
    if not toks:
        return "bad"
    for tok in toks:
        low = tok.rstrip(".").lower()
        if low in ORGANISATION_WORDS or low in PLACE_WORDS:
            return "org"
        bare = tok.replace(".", "").replace("-", "")
        if len(bare) >= 2 and bare.isupper():
            return "org"
        if low in _STOP or low in _PRONOUNS_OTHER or low in _PRONOUNS_PERSON:
            return "bad"
        if low.endswith(("'s", "’s")):
            return "bad"
    if len(toks) >= 2 and toks[-1].lower() in COMPANY_WORDS:
        return "org"
    if len(toks) == 1 and _is_title_token(toks[0]):
        return "bad"  # "Secretary", "President" on their own
    if _GLUED.search(name) or len({t.lower() for t in toks}) < len(toks) or len(toks) > 5:
        return "bad"  # scraping debris: "Jane DoeSanders", "Trump Trump"
    if any(c.isdigit() for c in name):
        return "bad"
    if toks[-1].endswith(".") and len(toks[-1]) <= 2:
        return "bad"  # ends in an initial: a fragment such as "John W."
    return "person"


# --------------------------------------------------------------------------- text helpers


def _sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence containing ``pos``; never before ``lo`` (the paragraph start)."""
    start = lo
    for m in _BOUNDARY.finditer(text, lo, pos):
        if _PRE_ABBR.search(text, max(lo, m.start() - 6), m.start()):
            continue
        start = m.end()
    return start


def _sentence_end(text: str, pos: int, hi: int) -> int:
    """End (exclusive, before the period) of the sentence that contains ``pos``."""
    for m in _BOUNDARY.finditer(text, pos, hi):
        if _PRE_ABBR.search(text, max(pos, m.start() - 6), m.start()):
            continue
        return m.start()
    end = hi
    while end > pos and text[end - 1] in " \t\u00a0":
        end -= 1
    if end > pos and text[end - 1] in ".!?":
        end -= 1
    return end


def _trim_role(role: str) -> str | None:
    """Cut an appositive to its role: "commander of X, the name for Y" -> "commander of X"."""
    m = _ROLE_CUT.search(role)
    if m:
        role = role[: m.start()]
    # Stop at a sentence end that is not an abbreviation ("U.S.").
    for b in _BOUNDARY.finditer(role + " X"):
        if not _PRE_ABBR.search(role, max(0, b.start() - 6), b.start()):
            role = role[: b.start()]
            break
    role = role.strip(" ,.;—–-")
    if role.endswith(")") and "(" not in role:
        role = role[:-1]
    if len(role) < 2 or len(role) > 160:
        return None
    return role


# --------------------------------------------------------------------------- attribution


@dataclass
class _Source:
    """Who an attribution points at, before names are merged across the document."""

    kind: str  # "person", "pronoun", "anon", "org"
    surface: str = ""
    name: str = ""
    title: str | None = None
    role: str | None = None
    cue: str = ""


@dataclass
class _Item:
    """A quote (or unquoted reported statement) waiting for a speaker."""

    start: int
    end: int
    para: int
    open_pos: int
    chain: int
    closed: bool
    whole_para: bool
    sentence_open: bool
    reported: bool = False
    source: _Source | None = None
    speaker: int | None = None  # index into the mention groups
    cue: str = ""
    words: int = 0
    aliases: list[str] = field(default_factory=list)


def _source_from_name(surface: str, cue: str, role: str | None) -> _Source:
    """Classify and canonicalise a name-shaped surface form."""
    name, title = canonical_name(surface)
    # Strip sentence-initial stop words ("But Brennan"), then re-check.
    kind = _classify_name(name, title)
    if kind == "person":
        return _Source("person", surface.strip(" ,"), name, title, role, cue)
    if kind == "org":
        return _Source("org", surface.strip(" ,"), cue=cue)
    return _Source("anon", surface.strip(" ,"), cue=cue)


def _source_from_phrase(phrase: str, cue: str, strict: bool) -> _Source | None:
    """Who a subject phrase before a cue verb names ('Brennan', 'he', 'the statement')."""
    phrase = phrase.lstrip(" ,\t").rstrip(" \t")  # keep an appositive's closing comma
    phrase = _SUBJ_TRAIL.sub("", phrase)
    if not phrase.strip(" ,"):
        return None
    low = phrase.rstrip(" ,").lower()
    words = low.split()
    last = words[-1]
    if last in _PRONOUNS_PERSON or last in _PRONOUNS_OTHER:
        head = " ".join(words[:-1]).strip(" ,")
        if not head or head in {"and", "but", "then", "so", "as", "and then", "but then"}:
            kind = "pronoun" if last in _PRONOUNS_PERSON else "org"
            return _Source(kind, phrase.split()[-1], cue=f"{phrase.split()[-1]} {cue}")
        if strict:
            return _Source("anon", phrase, cue=cue)
    m = _SUBJ_END_RE.search(phrase)
    if m:
        prefix = phrase[: m.start()].strip()
        prefix_low = prefix.lower()
        role = _trim_role(m.group("role")) if m.group("role") else None
        ok = True
        if prefix:
            last_word = prefix_low.split()[-1].rstrip(",")
            if re.search(rf"\b{_ROLE_NOUN}s?,?$", prefix_low):
                role = role or prefix.strip(" ,")
                if last_word in {"the", "a", "an"}:
                    ok = False
            elif last_word in {
                "for",
                "of",
                "to",
                "with",
                "by",
                "from",
                "about",
                "against",
                "than",
                "and",
                "or",
                "the",
                "a",
                "an",
                "on",
                "at",
                "in",
                "like",
                "whom",
                "said",
                "told",
            } or (strict and not prefix.endswith(",") and not _DESCRIPTOR_PREFIX.match(prefix)):
                ok = False
        if ok:
            src = _source_from_name(m.group("name"), cue, role)
            if src.kind == "anon" and m.group("role"):
                # "its Chief Executive, Vineet Nayar, said": the appositive is the name.
                swapped = _source_from_name(m.group("role"), cue, m.group("name"))
                if swapped.kind == "person" and _SEQ_RE.fullmatch(m.group("role").strip()):
                    return swapped
            if src.kind == "person" or not strict:
                return src
            if src.kind == "org":
                return src
    if strict and len(words) > 8:
        return None
    if _PERSON_NOUNS.search(phrase):
        return _Source("anon", phrase, cue=cue)
    return _Source("org", phrase, cue=cue)


def _source_from_object(obj: str, cue: str) -> _Source | None:
    """Who follows a cue verb ('said Maj. Gen. John W. Brennan, Jr., commander, ...')."""
    obj = obj.lstrip()
    first = obj.split(" ", 1)[0].strip(",.").lower()
    if first in _PRONOUNS_PERSON:
        return _Source("pronoun", obj.split(" ", 1)[0].strip(",."), cue=f"{cue} {first}")
    m = _OBJ_RE.match(obj)
    if m and (
        m.group("desc") is None
        or not m.group("desc").lower().startswith(("the ", "a "))
        or re.search(rf"{_ROLE_NOUN}s?,[ ]+$", m.group("desc"))
    ):
        after = obj[m.end("name") :]
        # A name is followed by the end of the clause, a party tag or an appositive.
        if not after or after[0] in ',.;:!?)( \n—–-"”':
            role = _trim_role(m.group("role")) if m.group("role") else None
            desc = m.group("desc")
            if desc and not role:
                d = desc.strip(" ,")
                role = None if d.lower() in {"former", "late", "then", "the late"} else d
            src = _source_from_name(m.group("name"), cue, role)
            if src.kind != "bad":
                return src
    head = re.split(r"[,.;:!?\n]", obj, maxsplit=1)[0]
    if first in _PRONOUNS_OTHER:
        return _Source("org", first, cue=cue)
    if _PERSON_NOUNS.search(head):
        return _Source("anon", head, cue=cue)
    return _Source("org", head, cue=cue)


def _after_source(text: str, item: _Item, para_end: int) -> _Source | None:
    """Attribution right after a closing quote mark: '," said Brennan' / '," he added'."""
    close = item.end
    # Skip trailing punctuation and the closing mark.
    i = close
    while i < para_end and text[i] in ' ,.!?…"”’“':  # '“' typed as a closing mark
        i += 1
    if i >= para_end:
        return None
    inner = text[item.start : close].rstrip("’'")
    inner_end = inner[-1] if inner else ""
    between = text[close:i]
    ended_comma = inner_end in ",!?—–-…" or "," in between
    if not ended_comma:
        return None
    window = text[i : min(para_end, i + 300)]
    m = _VERB_FIRST.match("," + window) or _VERB_FIRST.match(window)
    if m:
        return _source_from_object(m.group("obj"), m.group("verb"))
    m = _SUBJ_FIRST.match(window)
    if m:
        subj = m.group("subj")
        if len(subj.split()) <= 12:
            return _source_from_phrase(subj, m.group("verb"), strict=True)
    return None


def _before_source(text: str, item: _Item, para_start: int) -> _Source | None:
    """Attribution right before an opening quote mark: 'Brennan said: "...'."""
    lo = max(para_start, item.open_pos - 300)
    pre = text[lo : item.open_pos]
    m = _PRE_CUE.search(pre)
    if not m:
        p = _PARTICIPLE.search(pre)
        if not p:
            return None
        s0 = _sentence_start(text, para_start, lo + p.start())
        sm = _SENT_SUBJ.match(text, s0, lo + p.start())
        if not sm:
            return None
        verb = p.group("verb").split(" ")[0]
        subj = sm.group("subj")
        if subj.lower() in _PRONOUNS_PERSON:
            return _Source("pronoun", subj, cue=verb)
        src = _source_from_name(subj, verb, None)
        return src if src.kind == "person" else None
    verb = m.group("verb")
    if not m.group("punct") and verb.lower() not in {"said", "says", "added", "wrote"}:
        return None
    if verb == "according to" or verb == "According to":
        return None
    verb_pos = lo + m.start()
    s0 = _sentence_start(text, para_start, verb_pos)
    subj = text[s0:verb_pos]
    if _QUOTE_MARK.search(subj):
        subj = subj[max(subj.rfind('"'), subj.rfind("”"), subj.rfind("“")) + 1 :]
    if not subj.strip():
        return None
    return _source_from_phrase(subj, verb.lower(), strict=False)


def _according_before(text: str, item: _Item, para_start: int) -> _Source | None:
    """'According to Brennan, "..."' at the start of the sentence."""
    s0 = _sentence_start(text, para_start, item.open_pos)
    pre = text[s0 : item.open_pos]
    m = re.match(r"According to[ ]+(?P<obj>[^\"“”\n]+?),[ ]*$", pre)
    if not m:
        return None
    return _source_from_object(m.group("obj"), "according to")


#: Cue verbs that may stand anywhere before a quote in the same sentence: 'Klein said his
#: book showed Clinton was "...".' Participles take the sentence subject.
_SENT_CUE = re.compile(
    r"(?<![\w'’-])(?P<verb>said|says|told|tells|added|adds|wrote|writes|tweeted|argued"
    r"|argues|insisted|insists|warned|warns|claimed|claims|declared|declares|stated"
    r"|explained|noted|cautioned|vowed|promised|predicted|suggested|complained|urged"
    r"|asked|asks|replied|responded|answered|called|calls|described|describes|dubbed"
    r"|labeled|labelled|branded|recalled|acknowledged|admitted|conceded|countered"
    r"|quipped|joked|boasted|lamented|remarked|observed|announced|contended|maintained"
    r"|wondered|shouted|yelled|exclaimed|continued|continues|concluded|stressed)\b"
    r"|(?<![\w'’-])(?P<part>saying|adding|writing|tweeting|arguing|insisting|warning"
    r"|declaring|calling|describing|dubbing|labeling|branding|noting|asking|telling"
    r"|promising|vowing|predicting|urging|claiming|explaining|complaining|recalling)\b"
)


def _sentence_cue_source(text: str, item: _Item, para_start: int) -> _Source | None:
    """A cue verb earlier in the quote's sentence, after its subject: 'Kasich cautioned
    "let's not get ahead of ourselves"', 'Trump went after Bush, calling him "a stiff."'"""
    s0 = _sentence_start(text, para_start, item.open_pos)
    pre = text[s0 : item.open_pos]
    m = _SENT_CUE.search(pre)
    if m is None:
        return None
    subj = pre[: m.start()]
    if not subj.strip() or _QUOTE_MARK.search(subj) or len(subj.split()) > 25:
        return None
    if m.group("verb"):
        return _source_from_phrase(subj, m.group("verb"), strict=False)
    sm = _SENT_SUBJ.match(text, s0, s0 + m.start())
    if not sm:
        return None
    verb = m.group("part")
    subj_txt = sm.group("subj")
    if subj_txt.lower() in _PRONOUNS_PERSON:
        return _Source("pronoun", subj_txt, cue=verb)
    src = _source_from_name(subj_txt, verb, None)
    return src if src.kind == "person" else None


#: A label right before a quote: 'Clinton: "..."', 'Said Comey, "..."', 'Continued Stone: "'.
_LABEL_BEFORE = re.compile(
    rf"(?:^|(?<=[.!?])[\"”’)]?[ ]+)(?P<verb>(?:Said|Continued|Added|Wrote|Asked|Replied)[ ]+)?"
    rf"(?P<name>{_SEQ})(?:[ ]*\([^()\n]{{1,40}}\))?[ ]*(?P<punct>[:,])[ ]*$"
)


#: Words before a quoted name of a work: 'the show "Celebrity Apprentice"', 'his book "X"'.
_WORK_BEFORE = re.compile(
    r"\b(?:show|shows|book|books|film|films|movie|movies|program|programme|series|song"
    r"|songs|titled|entitled|album|column|article|op-ed|headline|memoir|novel|documentary"
    r"|play|musical|episode|sketch|segment|podcast|magazine|newspaper|newsletter|hashtag"
    r"|slogan|website|blog|sitcom)[ ,]*$",
    re.IGNORECASE,
)


def _is_title_of_work(text: str, item: _Item) -> bool:
    """A short Title Case quote after 'show', 'book', 'titled'...: a name, not speech."""
    body = text[item.start : item.end].strip(" ,.")
    words = body.split()
    if not words or len(words) > 8 or body[-1:] in "!?":
        return False
    if not all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words):
        return False
    return _WORK_BEFORE.search(text, max(0, item.open_pos - 40), item.open_pos) is not None


_TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with"}


def _label_source(text: str, item: _Item, para_start: int) -> _Source | None:
    """A speaker label or an inverted 'Said NAME,' right before the opening quote mark."""
    pre = text[max(para_start, item.open_pos - 120) : item.open_pos]
    m = _LABEL_BEFORE.search(pre)
    if m is None or (m.group("punct") == "," and not m.group("verb")):
        return None
    if m.start() == 0 and item.open_pos - 120 > para_start:
        return None
    verb = (m.group("verb") or "").strip().lower()
    src = _source_from_name(m.group("name"), verb or ":", None)
    return src if src.kind == "person" else None


def _sentence_tail_source(text: str, item: _Item, para_end: int) -> _Source | None:
    """Attribution closing the quote's sentence after more words: '"We are happy" about the
    ruling, said Jane Doe.' / 'Obama "felt an obligation" to act, Axelrod said.'"""
    close = item.end
    while close < para_end and text[close] not in '"”':
        close += 1
    if close >= para_end:
        return None
    s_end = _sentence_end(text, close + 1, para_end)
    seg = text[close + 1 : s_end]
    if _QUOTE_MARK.search(seg) or "," not in seg:
        return None
    found = list(_REPORTED.finditer(seg))
    m = found[-1] if found else None
    if m is None or (not m.group("verb1") and m.end() < len(seg.rstrip()) - 1):
        return None
    if m.group("verb1"):
        obj = seg[m.end() :]
        src = _source_from_object(obj, m.group("verb1"))
        if src is not None and src.kind == "person":
            name_m = _OBJ_RE.match(obj)
            if name_m is None or (name_m.group("role") is None and obj[name_m.end() :].strip(" .")):
                return None
        return src
    subj = m.group("subj")
    if len(subj.split()) > 10:
        return None
    return _source_from_phrase(subj, m.group("verb2").split(" ")[0], strict=True)


# --------------------------------------------------------------------------- quotes


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, skipping 'Read More:' link lines."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip() and not _READ_MORE.match(line):
            out.append((pos, end))
        pos = end + 1
    return out


def _find_quotes(text: str, paras: list[tuple[int, int]]) -> list[_Item]:
    """Pair quote marks paragraph by paragraph; an unclosed quote runs to the paragraph end."""
    items: list[_Item] = []
    chain = 0
    prev_open_para = -2
    for pi, (ps, pe) in enumerate(paras):
        marks = list(_QUOTE_MARK.finditer(text, ps, pe))
        spans: list[tuple[int, int, bool]] = []
        open_at: int | None = None
        for m in marks:
            ch = m.group()
            at = m.start()
            if (
                ch == "“"
                and open_at is not None
                and not text[at - 1].isspace()
                and (at + 1 >= pe or text[at + 1] in " \t\u00a0")
            ):
                ch = "”"  # a left mark typed where the right one belongs: '...here,“ said X'
            if ch == "“" or (ch == '"' and open_at is None):
                if open_at is None:
                    open_at = m.start()
            elif open_at is not None:  # ” or straight closing
                spans.append((open_at, m.start(), True))
                open_at = None
        if open_at is not None:
            spans.append((open_at, pe, False))
        if not marks:
            for sm in _SINGLE_QUOTE.finditer(text, ps, pe):
                body = sm.group("body")
                if len(body.split()) >= 3 and body[-1] in ",.!?…—–-":
                    spans.append((sm.start(), sm.end() - 1, True))
        first_nonspace = ps
        while first_nonspace < pe and text[first_nonspace] in " \t\u00a0":
            first_nonspace += 1
        for qi, (o, c, closed) in enumerate(spans):
            s, e = o + 1, c
            while s < e and text[s].isspace():
                s += 1
            while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
                e -= 1  # the comma before 'said' belongs to the attribution, not the quote
            if e <= s:
                continue
            starts_para = o == first_nonspace
            if starts_para and prev_open_para == pi - 1 and qi == 0:
                ch_id = chain  # continues the unclosed quote of the previous paragraph
            else:
                chain += 1
                ch_id = chain
            tail = text[c + 1 : pe].strip() if closed else ""
            before = text[ps:o].rstrip()
            items.append(
                _Item(
                    start=s,
                    end=e,
                    para=pi,
                    open_pos=o,
                    chain=ch_id,
                    closed=closed,
                    whole_para=starts_para and (not tail or tail in {".", ","}),
                    sentence_open=not before or before[-1] in '.!?:"”',
                    words=len(text[s:e].split()),
                )
            )
        prev_open_para = pi if spans and not spans[-1][2] else -2
    return items


def _reported_item(
    start: int, end: int, para: int, s0: int, src: _Source, cue: str, text: str = ""
) -> _Item:
    """An unquoted statement whose speaker is already known."""
    return _Item(
        start=start,
        end=end,
        para=para,
        open_pos=s0,
        chain=-1,
        closed=True,
        whole_para=False,
        sentence_open=True,
        reported=True,
        source=src,
        cue=cue,
    )


def _reported(text: str, paras: list[tuple[int, int]], quotes: list[_Item]) -> list[_Item]:
    """Unquoted reported speech: '..., said Brennan.' and 'According to X, ...'."""
    out: list[_Item] = []
    for pi, (ps, pe) in enumerate(paras):
        for m in _REPORTED.finditer(text, ps, pe):
            comma = m.start()
            if comma > ps and text[comma - 1] in '"”’':
                continue  # handled as a direct quote
            if m.group("verb1"):
                verb = m.group("verb1")
                obj_start = m.end()
                s_end = _sentence_end(text, obj_start, pe)
                obj = text[obj_start:s_end]
                src = _source_from_object(obj, verb)
                if src is None:
                    continue
                if src.kind == "person":
                    name_m = _OBJ_RE.match(obj)
                    if name_m is None:
                        continue
                    if name_m.group("role") is None and obj[name_m.end() :].strip(" ."):
                        continue  # the sentence goes on: not a closing attribution
            else:
                verb = m.group("verb2")
                subj = m.group("subj")
                if len(subj.split()) > 10:
                    continue
                src = _source_from_phrase(subj, verb.split(" ")[0], strict=True)
                if src is None:
                    continue
            s0 = _sentence_start(text, ps, comma)
            content = text[s0:comma]
            if _QUOTE_MARK.search(content) or len(content.split()) < 4:
                continue
            if any(q.start < comma and s0 < q.end for q in quotes):
                continue
            out.append(_reported_item(comma - len(content), comma, pi, s0, src, src.cue))
        pre = _ACCORDING_START.search(text, ps, pe)
        if pre:
            s0 = pre.start()
            if _sentence_start(text, ps, s0 + 1) != s0:
                continue
            s_end = _sentence_end(text, s0, pe)
            body = text[pre.end() : s_end]
            comma = body.find(",")
            if comma < 0 or _QUOTE_MARK.search(body):
                continue
            src = _source_from_object(body[:comma], "according to")
            start = pre.end() + comma + 1
            while start < s_end and text[start] == " ":
                start += 1
            if src is None or len(text[start:s_end].split()) < 4:
                continue
            out.append(_reported_item(start, s_end, pi, s0, src, "according to", text))
    return out


# --------------------------------------------------------------------------- merging


@dataclass
class _Group:
    """All mentions of one person (or one organisation) in the document."""

    key: tuple[str, str]
    names: list[tuple[str, str | None]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    kind: str = "person"  # or "organization": such groups never take a person's mention


class _Resolver:
    """Maps person mentions to groups: surname alone joins the most recent full name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.groups: list[_Group] = []
        self._scan: dict[str, tuple[str, str | None] | None] = {}

    def _full_form_in_text(self, surname: str, before: int) -> tuple[str, str | None] | None:
        """A fuller mention of ``surname`` anywhere in the text, nearest before ``before``."""
        if not surname.strip():
            return None
        key = f"{surname}@{before}"
        if key in self._scan:
            return self._scan[key]
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
            for cand in _SEQ_RE.finditer(text, max(0, at - 80), end + 6):
                if cand.start() <= at < cand.end():
                    sm = cand
                    break
            if sm is None:
                continue
            name, title = canonical_name(sm.group())
            if not name or _surname(name) != surname.lower():
                continue
            if _classify_name(name, title) != "person":
                continue
            ntok = len(_name_tokens(name))
            if ntok >= 2 or title:
                found.append((ntok, at, (name, title)))
        best: tuple[str, str | None] | None = None
        if found:
            # Full names beat "Mr. Trump"; the nearest one before the quote, else the first.
            top = max(f[0] for f in found)
            pool = [f for f in found if f[0] == top]
            earlier = [f for f in pool if f[1] < before]
            best = (earlier[-1] if earlier else pool[0])[2]
        self._scan[key] = best
        return best

    def _suffix_key(self, name: str) -> str:
        """' jr.' for 'Donald Trump Jr.' when plain 'Donald Trump' also occurs in the text, so
        father and son stay two people; '' otherwise (the suffix is then just spelling)."""
        last = name.rsplit(" ", 1)[-1]
        if _title_key(last) not in NAME_SUFFIXES:
            return ""
        base = " ".join(_name_tokens(name))
        plain = rf"{re.escape(base)}(?![ ]*,?[ ]*(?:{NAME_SUFFIX_PATTERN})\b)"
        return " " + last.lower() if re.search(plain, self.text) else ""

    def _person_context(self, item: _Item, surname: str) -> bool:
        """A lone surname is a person when it speaks right after a quote or a cue verb
        ('," Sammon said', 'said Sammon.') and "he"/"she" follows outside quotes (an
        organisation would be "it")."""
        if surname.lower().endswith(("ing", "ly", "ed")) or "’" in surname or "'" in surname:
            return False
        esc = re.escape(surname)
        cue = rf"(?:[,”\"][ ]+{esc}[ ]+(?:said|says|added|told|wrote)\b|\bsaid[ ]+{esc}[ ]*[.,])"
        if re.search(cue, self.text) is None:
            return False
        window = _QUOTED.sub(" ", self.text[item.end : item.end + 400])
        return _HE_SHE.search(window) is not None

    def add(self, item: _Item, src: _Source) -> int | None:
        """Attach a person mention to a group; None when a lone surname is unconfirmed."""
        toks = _name_tokens(src.name)
        surname = _surname(src.name)
        if not toks:
            return None
        if len(toks) >= 2:
            key = (surname, toks[0][0].lower() + self._suffix_key(src.name))
            names = [(src.name, src.title)]
        else:
            candidates = [g for g in self.groups if g.key[0] == surname]
            suffix = src.name.rsplit(" ", 1)[-1].lower()
            if _title_key(suffix) in NAME_SUFFIXES:  # "Trump Jr." goes to "Donald Trump Jr."
                candidates = [g for g in candidates if g.key[1].endswith(suffix)] or candidates
            if candidates:
                group = max(candidates, key=lambda g: g.items[-1].start if g.items else -1)
                return self._attach(group, item, src, [(src.name, src.title)])
            full = self._full_form_in_text(toks[0] if toks else src.name, item.start)
            if full is not None and len(_name_tokens(full[0])) < 2 and src.title:
                full = (src.name, src.title) if full[1] in HONORIFICS else full
            if full is None:
                if not src.title and not self._person_context(item, toks[0]):
                    return None
                full = (src.name, src.title)
            ftoks = _name_tokens(full[0])
            key = (surname, ftoks[0][0].lower() if len(ftoks) >= 2 else "")
            names = [full, (src.name, src.title)]
        for idx, group in enumerate(self.groups):
            if group.key == key or (group.key[0] == key[0] and "" in (group.key[1], key[1])):
                if group.key[1] == "" and key[1]:
                    group.key = key
                return self._attach(group, item, src, names, idx)
        self.groups.append(_Group(key))
        return self._attach(self.groups[-1], item, src, names)

    def _attach(
        self,
        group: _Group,
        item: _Item,
        src: _Source,
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


def _best_name(group: _Group) -> tuple[str, str | None]:
    """Fullest name in the group, and the title that goes with it (ranks over honorifics)."""
    name, title = max(group.names, key=lambda nt: (len(_name_tokens(nt[0])), len(nt[0])))
    if title is None or title in HONORIFICS:
        for _, other in group.names:
            if other and other not in HONORIFICS:
                title = other
                break
        else:
            title = title or next((t for _, t in group.names if t), None)
    return name, title


def _narrative_subject(
    text: str, paras: list[tuple[int, int]], item: _Item, resolver: _Resolver
) -> int | None:
    """'Johnson demurred. "...," he said.': with no earlier speaker, "he" is the person who
    last opened a sentence in this or the previous paragraph."""
    lo = paras[max(0, item.para - 1)][0]
    hi = item.open_pos
    best: _Source | None = None
    for b in _SENT_START_NAME.finditer(text, lo, hi):
        src = _source_from_name(b.group("subj"), "", None)
        if src.kind == "person":
            best = src
    if best is None:
        return None
    return resolver.add(item, best)


# fmt: off
#: A small first-name gender list, enough to keep "she said" off the last man quoted.
_MALE_NAMES_TEXT = """
    aaron adam al alan albert alex alexander andrew andy anthony ben benjamin bernie bill
    billy bob bobby brad brandon brian bruce carl carlos charles charlie chris christopher
    chuck cory dan daniel dave david dennis derek don donald doug douglas ed eddie edward
    eric frank fred gary george glenn greg gregory harry henry howard ian jack jacob jake
    james jared jason jeb jeff jeffrey jeremy jerry jesse jim jimmy joe joel john johnny
    jon jonathan jorge jose joseph josh joshua juan justin keith ken kenneth kevin kyle
    larry lee lindsey luis marco mark martin matt matthew michael mike mitch mitt nathan
    newt nick nicholas pat patrick paul pete peter phil philip ralph randy ray reince rick
    richard rob robert roger ron ronald rudy rush russell ryan sam samuel scott sean sergei
    steve steven stephen ted terry thomas tim timothy todd tom tony vladimir walter wayne
    william willie barack jeh rand corey reid rahm elijah hakeem bashar recep emmanuel
    francois xi ali omar mohammed muhammad ahmed hassan abdul jamal tyrone trey chad cody
    dustin travis tucker stuart marc
"""
_FEMALE_NAMES_TEXT = """
    abigail alice alicia allison amanda amy andrea angela ann anna anne barbara betsy
    betty beth carly carol caroline catherine chelsea christine claire cynthia debbie
    deborah debra diana diane dianne donna dorothy elaine elizabeth ellen emily emma erin
    eva gina hannah heather heidi helen hillary huma ivanka jan jane janet jennifer jessica
    jill joan joanne joni jody joyce judith judy julia julie karen kate katherine kathleen
    kathy katie kelly kellyanne kim kimberly kirsten laura lauren linda lisa liz lori
    madeleine maggie margaret maria marie marsha martha mary megan megyn melania melissa
    michelle monica nancy natalie nicole nikki nina olivia pam pamela patricia patty paula
    peggy rachel rebecca rosa ruth sally samantha sandra sara sarah sharon shirley stephanie
    susan susana suzanne tammy teresa theresa tina tulsi valerie victoria virginia wendy
    angela theresa marine hope sheila stacey tamara yvonne claudia dana ellen gretchen
    hope jeanne katrina kristen leslie lois loretta lynn marilyn marcia mia molly
    norah phyllis rhonda robin roseann sabrina shannon sonia tara terri ursula whitney
"""
_MALE_NAMES = frozenset(_MALE_NAMES_TEXT.split())
_FEMALE_NAMES = frozenset(_FEMALE_NAMES_TEXT.split())
_MALE_WORDS = frozenset({"mr", "king", "prince", "father", "sir", "lord", "congressman",
                         "chairman", "spokesman", "businessman", "brother", "son", "pope"})
_FEMALE_WORDS = frozenset({"mrs", "ms", "miss", "queen", "princess", "lady", "dame",
                           "congresswoman", "chairwoman", "spokeswoman", "businesswoman",
                           "sister", "daughter", "mother", "wife"})
# fmt: on


def _gender(name: str, title: str | None) -> str:
    """'m', 'f' or '' from an honorific or title word, else from the first given name."""
    for tok in (title or "").split():
        key = _title_key(tok)
        if key in _MALE_WORDS:
            return "m"
        if key in _FEMALE_WORDS:
            return "f"
    toks = _name_tokens(name)
    if len(toks) >= 2:
        first = toks[0].lower()
        if first in _MALE_NAMES:
            return "m"
        if first in _FEMALE_NAMES:
            return "f"
    return ""


def _group_gender(group: _Group) -> str:
    """The gender a group's names and aliases agree on ('' when unknown or mixed)."""
    found = {_gender(n, t) for n, t in group.names} | {
        _gender("", a.split()[0]) for a in group.aliases if " " in a
    }
    found.discard("")
    return found.pop() if len(found) == 1 else ""


@dataclass
class _Mention:
    """A named person given as a source anywhere in the text, quoted or not."""

    pos: int
    src: _Source


def _source_mentions(text: str, paras: list[tuple[int, int]]) -> list[_Mention]:
    """Every 'NAME said ...' / '... said NAME' in the text, quoted speech or not: the
    people a later "he said" may point back to."""
    out: list[_Mention] = []
    for ps, pe in paras:
        for m in _SENT_CUE.finditer(text, ps, pe):
            if not m.group("verb"):
                continue
            pos = m.start()
            lo = max(ps, pos - 160)
            chunk = text[lo:pos]
            cut = max(chunk.rfind(c) for c in '"“”.!?;:')
            if cut >= 0:
                chunk = chunk[cut + 1 :]
            src = None
            if chunk.strip():
                src = _source_from_phrase(chunk, m.group("verb"), strict=False)
            if (src is None or src.kind != "person") and m.group("verb") in {"said", "says"}:
                obj = text[m.end() : min(pe, m.end() + 200)]
                if obj[:1] == " " and obj[1:2].isupper():
                    src = _source_from_object(obj, m.group("verb"))
            if src is not None and src.kind == "person":
                out.append(_Mention(pos, src))
        starts = [ps] + [b.end() for b in _BOUNDARY.finditer(text, ps, pe)]
        for at in starts:
            b = _NAME_OPENING.match(text, at, pe)
            if b is not None:
                src = _source_from_name(b.group("subj"), "", None)
                if src.kind == "person":
                    out.append(_Mention(at, src))
    out.sort(key=lambda mention: mention.pos)
    return out


def _resolve_pronoun(
    item: _Item, pronoun: str, mentions: list[_Mention], resolver: _Resolver, floor: int
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
        gender = _gender(src.name, src.title)
        if not gender:
            groups = [g for g in resolver.groups if g.key[0] == _surname(src.name)]
            if groups:
                gender = _group_gender(groups[-1])
            else:
                full = resolver._full_form_in_text(_name_tokens(src.name)[-1], item.start)
                if full is not None:
                    gender = _gender(*full)
        if gender and gender != want:
            continue
        return resolver.add(item, src)
    return None


# --------------------------------------------------------------------------- organisations

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
# fmt: on
#: Lower-case words allowed between the capitalised words of a name: "Ministry of Defence".
_ORG_CONNECTORS = {"of", "for", "and", "&", "the", "on", "de", "du", "des", "la", "le"}
#: Words that open a clause after an organisation's name: "the Coalition charged with ...".
# fmt: off
_ORG_CLAUSE = {
    "which", "that", "who", "whose", "charged", "tasked", "responsible", "known", "created",
    "formed", "established", "headed", "set", "fighting", "leading", "overseeing", "in", "at",
}
# fmt: on
#: Lower-case words that open a subject clause before its source: "as police said".
_ORG_LEAD = {"as", "and", "but", "while", "when", "so", "then", "because", "though", "also"}
# fmt: off
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
    s = _WS.sub(" ", _PARENS.sub("", surface.replace("\u00a0", " "))).strip(" ,;:—–-.")
    toks = [t for t in s.split(" ") if t]
    while len(toks) > 1 and toks[0] in _ORG_LEAD:
        toks = toks[1:]  # ", as police said" -> "police"
    for i, tok in enumerate(toks):
        if i > 0 and tok in _ORG_CLAUSE:
            return " ".join(toks[:i]).rstrip(" ,")
    return " ".join(toks)


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


class _Organisations:
    """Organisation sources: canonical names and their groups (never merged with people)."""

    def __init__(self, text: str, resolver: _Resolver) -> None:
        self.text = text
        self.resolver = resolver
        self.events: list[tuple[int, int]] = []  # (position, group) of each attribution
        self._named: dict[str, str] | None = None

    def name(self, surface: str) -> str | None:
        """Canonical organisation name for a source phrase, or None (document, place, junk).

        "the Pentagon" -> "Pentagon"; "the coalition press release" -> the coalition; "the
        coalition" -> the capitalised "Coalition" (or "X Coalition") named in the text.
        """
        toks = _org_surface(surface).split(" ")
        if not toks or len(toks) > 8:
            return None
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
        if not toks:
            return None
        toks[-1] = _strip_possessive(toks[-1])
        if not toks[-1]:
            return None
        noun = toks[-1]
        if noun.islower():
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
        if not noun[:1].isupper() and not noun[:1].isdigit():
            return None
        while toks and _LED.search(toks[0]):
            toks = toks[1:]
        if not toks or not toks[0][:1].isupper():
            return None
        if any(not t[:1].isupper() and t not in _ORG_CONNECTORS for t in toks):
            return None
        name = " ".join(toks)
        if _classify_name(name, None) != "org":
            return None  # a person-shaped name, or a stop word ("It", "This")
        if canonical_name(name)[1] is not None or not _org_headed(toks):
            return None  # "Rep. Jim Jordan", "County Coroner Dennis Miller": people
        low = [_strip_possessive(t).lower().strip(".") for t in toks]
        if all(t in PLACE_WORDS or t in _GEO_WORDS or t in _ORG_CONNECTORS for t in low):
            return None  # "Russia said": a country, kept out so its mentions stay places
        if len(low) == 1 and low[0] in _STOP and low[0] not in _GENERIC_ORGS:
            return None
        return name

    def _generic(self, noun: str) -> str:
        """The organisation "the <noun>" stands for: one already quoted with that head noun,
        else the one capitalised name in the text with that head noun, else "<Noun>"."""
        quoted = {
            g.names[0][0]
            for g in self.resolver.groups
            if g.kind == "organization" and g.names[0][0].split(" ")[-1].lower() == noun
        }
        if len(quoted) == 1:
            return quoted.pop()
        if self._named is None:
            self._named = {}
        if noun not in self._named:
            found: set[str] = set()
            for m in re.finditer(rf"\b{re.escape(noun.capitalize())}\b", self.text):
                for cand in _SEQ_RE.finditer(self.text, max(0, m.start() - 60), m.end()):
                    if cand.end() != m.end():
                        continue
                    toks = cand.group().split(" ")
                    while toks and (toks[0].rstrip(".").lower() in _STOP or _LED.search(toks[0])):
                        toks = toks[1:]
                    if toks:
                        found.add(" ".join(toks))
            longer = {f for f in found if " " in f}
            if len(longer) == 1:
                self._named[noun] = longer.pop()
            else:
                self._named[noun] = noun.capitalize()
        return self._named[noun]

    def group(self, name: str, surface: str) -> int:
        """Index of the group for organisation ``name``, created on first use."""
        groups = self.resolver.groups
        key = ("\x00org:" + name.lower(), "")
        idx = next(
            (i for i, g in enumerate(groups) if g.kind == "organization" and g.key == key), -1
        )
        if idx < 0:
            groups.append(_Group(key, names=[(name, None)], kind="organization"))
            idx = len(groups) - 1
        surface = _org_surface(surface)
        if surface and surface not in groups[idx].aliases:
            groups[idx].aliases.append(surface)
        return idx

    def attach(
        self, text: str, paras: list[tuple[int, int]], item: _Item, src: _Source
    ) -> int | None:
        """The organisation group an "org" source gives ``item``, or None to drop it."""
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

    def _antecedent(self, text: str, paras: list[tuple[int, int]], item: _Item) -> int | None:
        """'"...," it read': the organisation that was a source in this or the previous
        sentence (an attribution, or the subject of 'The coalition press release revealed')."""
        ps, _ = paras[item.para]
        s_cur = _sentence_start(text, ps, item.open_pos)
        if s_cur > ps:
            s_prev = _sentence_start(text, ps, s_cur - 1)
        elif item.para > 0:
            pps, ppe = paras[item.para - 1]
            s_prev = _sentence_start(text, pps, ppe)
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
            if m is None or _QUOTE_MARK.search(m.group("subj")):
                continue
            name = self.name(m.group("subj"))
            if name is not None and (best is None or start >= best[0]):
                best = (start, self.group(name, m.group("subj")))
        return None if best is None else best[1]


# --------------------------------------------------------------------------- public API


def extract_speakers(text: str) -> list[Speaker]:
    """Find quotes in ``text`` (the cleaned article body) and who they are attributed to.

    Returns people (``kind="person"``) and organisations (``kind="organization"``: "the
    Pentagon said", "read the coalition press release", "it read" after either), sorted by
    their first quote. The two kinds are never merged. Anonymous sources ("an official
    said") and documents on their own ("the statement said") are recognised so that their
    quotes are not given to anyone.
    """
    if not text or not text.strip():
        return []
    paras = _paragraphs(text)
    quotes = _find_quotes(text, paras)
    items = quotes + _reported(text, paras, quotes)
    items.sort(key=lambda it: it.start)
    resolver = _Resolver(text)
    orgs = _Organisations(text, resolver)
    mentions: list[_Mention] | None = None  # computed at the first "he said"
    last_person: int | None = None  # group of the most recent person-ish speaker
    blocked = False  # the most recent speaker was an unnamed person ("an official")
    blocked_at = (-1, -1)  # where that unnamed person spoke: (position, paragraph)
    last_para_speaker: dict[int, tuple[int | None, str]] = {}
    chain_speaker: dict[int, tuple[int | None, str]] = {}
    prev_quote_para: dict[int, int] = {}

    for item in items:
        ps, pe = paras[item.para]
        if not item.reported and _is_title_of_work(text, item):
            continue
        src = item.source
        if src is None and not item.reported:
            src = _after_source(text, item, pe)
            if src is None and item.open_pos > ps:
                src = _before_source(text, item, ps) or _according_before(text, item, ps)
            if src is None and item.open_pos > ps:
                src = _label_source(text, item, ps)
            if src is None:
                src = _sentence_tail_source(text, item, pe)
            if src is None and not item.sentence_open:
                src = _sentence_cue_source(text, item, ps)
        speaker: int | None = None
        cue = ""
        attributed = src is not None
        if src is not None:
            cue = src.cue
            if src.kind == "person":
                speaker = resolver.add(item, src)
                if speaker is not None:
                    last_person = speaker
                    blocked = False
            elif src.kind == "pronoun":
                floor = blocked_at[0] if blocked and item.para - blocked_at[1] <= 1 else -1
                if mentions is None:
                    mentions = _source_mentions(text, paras)
                speaker = _resolve_pronoun(item, src.surface, mentions, resolver, floor)
                if speaker is None:
                    speaker = last_person
                if speaker is None and not blocked:
                    speaker = _narrative_subject(text, paras, item, resolver)
                if speaker is not None:
                    resolver._attach(resolver.groups[speaker], item, src, [], speaker)
            elif src.kind == "org":
                # A short fragment inside someone's sentence ('Trump called it a "witch
                # hunt", the White House said') is a scare quote, not the organisation's.
                if item.reported or item.sentence_open or item.words >= 4:
                    speaker = orgs.attach(text, paras, item, src)
            elif src.kind == "anon":
                last_person = None
                blocked = True
                blocked_at = (item.open_pos, item.para)
        elif not item.reported:
            inherited = chain_speaker.get(item.chain)
            if (
                inherited is None
                and item.para in last_para_speaker
                and (item.sentence_open or item.words >= 3)
            ):
                inherited = last_para_speaker[item.para]
            if inherited is None and item.whole_para:
                prev = prev_quote_para.get(item.para - 1)
                if prev is not None:
                    inherited = last_para_speaker.get(prev)
            if inherited is not None:
                speaker, cue = inherited
                attributed = True
                if speaker is not None:
                    resolver.groups[speaker].items.append(item)
        item.speaker = speaker
        item.cue = cue
        if attributed and not item.reported:
            chain_speaker[item.chain] = (speaker, cue)
            last_para_speaker[item.para] = (speaker, cue)
            prev_quote_para[item.para] = item.para

    # A quote chain attributed only at its end ('"...' / '"...," he said.') takes that speaker.
    for item in items:
        if item.speaker is None and not item.reported and item.chain in chain_speaker:
            speaker, cue = chain_speaker[item.chain]
            if speaker is not None and item not in resolver.groups[speaker].items:
                item.speaker, item.cue = speaker, cue
                resolver.groups[speaker].items.append(item)

    speakers: list[Speaker] = []
    for group in resolver.groups:
        seen: set[tuple[int, int]] = set()
        quotes_out: list[Quote] = []
        for it in sorted(group.items, key=lambda x: x.start):
            if (it.start, it.end) in seen:
                continue
            seen.add((it.start, it.end))
            quotes_out.append(Quote(text[it.start : it.end], it.start, it.end, it.cue))
        if not quotes_out:
            continue
        if group.kind == "organization":
            speakers.append(
                Speaker(
                    name=group.names[0][0],
                    kind="organization",
                    aliases=list(group.aliases),
                    quotes=quotes_out,
                )
            )
            continue
        name, title = _best_name(group)
        speakers.append(
            Speaker(
                name=name,
                title=title,
                role=group.roles[0] if group.roles else None,
                kind="person",
                aliases=list(group.aliases),
                quotes=quotes_out,
            )
        )
    speakers.sort(key=lambda sp: sp.quotes[0].start)
    return speakers
