"""Regular expressions the speaker modules share: letters, name shapes, cue verbs, sentence
bounds. Compiled once at import time; building blocks (``NAME_SEQ``) are strings so other
modules can embed them in their own patterns."""

from __future__ import annotations

import re
import string

from ..lexicon import NAME_SUFFIX_PATTERN, TITLE_ABBREVIATIONS
from .letters import LETTERS, UPPER


def is_word_char(char: str) -> bool:
    """``\\w`` as ``re`` reads it in a ``str`` pattern, without a regex per character."""
    return char.isalnum() or char == "_"


#: Spaces inside a name, no-break space included (never a line break).
_SP = r"[ \t\u00a0]+"

#: Role nouns that may stand between a verb and a name: "said Pentagon spokesman John Kirby".
ROLE_NOUN = (
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

#: Title abbreviations as a regex alternation, longest first.
_ABBR_ALT = "|".join(
    sorted(
        (k.capitalize() for k in TITLE_ABBREVIATIONS if k.isalpha() and len(k) <= 5),
        key=len,
        reverse=True,
    )
)

_WORD = rf"[{UPPER}][{LETTERS}]*(?:['’\-][{LETTERS}]+)*"

#: Articles joined to a name by a hyphen: "al-Baghdadi".
_ARTICLES = "al|el|ad|as|ash|at|an|ar|bin|ibn"

_TOK = (
    rf"(?:(?:{_ABBR_ALT}|Jr|Sr|St)\."  # Maj. Gen. Jr.
    rf"|(?:[{UPPER}]\.){{2,}}"  # U.S.
    rf"|[{UPPER}]\.(?={_SP}[{UPPER}])"  # initial W.
    rf"|(?:{_ARTICLES})-{_WORD}"  # al-Baghdadi
    rf"|{_WORD})"
)

_PARTICLE = (
    r"(?:de|da|di|del|della|der|den|du|van|von|la|le|dos|das|bin|ibn|al|el|ben|y"
    r"|of(?:[ ]the)?(?=[ ](?:State|Defense|Homeland|Health|Energy|Education|Labor|Commerce"
    r"|Transportation|Agriculture|Interior|Treasury|Veterans|Housing|Staff|Navy|Army)\b))"
)

#: A run of capitalised words: titles, initials, particles and a Jr./Sr./II/III suffix.
_NAME_RUN = (
    rf"(?<![\w'’\-.]){_TOK}(?:{_SP}(?:{_PARTICLE}{_SP})*{_TOK})*"
    rf"(?:,?{_SP}(?:{NAME_SUFFIX_PATTERN})(?![\w]))?"
)
#: The lower-case ASCII letters no name opens with (a name opens with a capital, UPPER
#: holds no lower-case letter, or a title's or an article's first letter: "al-Baghdadi").
#: A small class: it is in every pattern built on the name, and a copy of the capitals'
#: would cost each its compile time.
_NOT_NAME_FIRST = "".join(
    c for c in string.ascii_lowercase
    if c not in {w[0] for w in f"{_ABBR_ALT}|Jr|Sr|St|{_ARTICLES}".split("|")})
#: :data:`_NAME_RUN` behind a look at its first character: at most lower-case words that
#: test fails before ``re`` tries the titles one by one, in every pattern built on it
#: that is searched. Same matches.
NAME_SEQ = rf"(?![{_NOT_NAME_FIRST}]){_NAME_RUN}"

NAME_SEQ_RE = re.compile(NAME_SEQ)

#: Subject right before a verb: NAME, optional "(D-Calif.)", optional ", appositive,".
SUBJECT_END = re.compile(
    rf"(?P<name>{NAME_SEQ})(?:[ ]*\([^()\n]{{1,40}}\))?"
    rf"(?:,{_SP}(?P<role>[^,;:\"“”\n]{{2,120}}?),)?[ ]*$"
)

#: Object after a verb: optional role words, NAME, optional party tag and appositive.
OBJECT_NAME = re.compile(
    rf"(?P<desc>(?:[^ ,.;:\"“”\n]+[ ]+){{0,6}}?{ROLE_NOUN}s?,?[ ]+)?"
    rf"(?P<name>{NAME_SEQ})(?P<party>[ ]*\([^()\n]{{1,40}}\))?"
    rf"(?:,[ ]*(?P<role>[^\n\"“”]{{2,200}}))?"
)

#: Cue verbs after their subject ("Brennan said", "he told", "she put it").
_VERB = (
    r"(?:according\ to|pointed\ out|went\ on|went\ on\ to\ say|said|says|say|added|adds"
    r"|told|tells|explained|explains|noted|notes|wrote|writes|stated|states|continued"
    r"|continues|asked|asks|replied|replies|responded|responds|insisted|insists|argued"
    r"|argues|warned|warns|declared|declares|announced|claimed|claims|acknowledged"
    r"|admitted|conceded|recalled|remarked|observed|tweeted|posted|testified|concluded"
    r"|cautioned|emphasized|emphasised|stressed|suggested|predicted|urged|countered"
    r"|quipped|joked|complained|lamented|shouted|yelled|whispered|read|reads|reported"
    r"|reports|recounted|wondered|mused|exclaimed|boasted|vowed|promised|charged"
    r"|contended|maintained|explained|agreed|echoed|summed\ up|put\ it|chimed\ in"
    r"|demanded|demands|blurted(?:\ out)?|interjected|interrupted|snapped|retorted|shot\ back"
    r"|fired\ back|added\ later|proclaimed|proclaims|insisted|pleaded|scoffed|sneered|mocked"
    r"|conceded|confirmed|confirms|disclosed|revealed|denied|explained|elaborated|began"
    r"|recalls|remembers|offered|advised|pledged|screamed|cried|chanted|sang|sings|texted"
    r"|emailed|e-mailed|messaged|posted|wrote\ on\ (?:Twitter|Facebook)|observes"
    r"|concludes|adds|explains|jokes|quips|tells|wonders|warns|says\ now)"
)

#: :data:`_VERB` for other modules: the cue verbs that may follow their subject.
CUE_VERB = _VERB

#: Verbs that may come first ("said Brennan"); "told" and "put it" never invert.
VERB_FIRST = re.compile(
    r"^[ ]*(?:[,—–-][ ]*)?(?P<verb>according\ to|said|says|added|adds|explained|noted"
    r"|wrote|writes|stated|continued|asked|asks|replied|responded|insisted|argued|warned"
    r"|declared|announced|claimed|acknowledged|admitted|recalled|remarked|observed"
    r"|tweeted|testified|concluded|cautioned|emphasized|stressed|suggested|urged"
    r"|countered|quipped|joked|complained|read|reads|reported|recounted|exclaimed|boasted"
    r"|vowed|promised|charged|maintained|agreed|echoed|demanded|interjected|shouted|yelled"
    r"|blurted|retorted|proclaimed|pleaded|confirmed|continues|notes|writes|tweets|posted"
    r"|texted|emailed|explains|insists|warns|recalls|adds)[ ]+(?P<obj>[^\n]{1,260})"
)

#: Cue verbs that open a sentence before their subject: 'Said Comey, "..."', 'Stated Stone:'.
INVERTED_VERB = (
    r"(?:Said|Says|Continued|Continues|Added|Adds|Wrote|Writes|Asked|Replied|Stated|Noted"
    r"|Explained|Declared|Concluded|Insisted|Warned|Tweeted)"
)
INVERTED_VERB_RE = re.compile(rf"{INVERTED_VERB}[ ]+(?=[{UPPER}])")

#: Subject first ("Brennan said", "he added", "the statement said").
SUBJECT_FIRST = re.compile(
    rf"^[ ]*(?:[,—–-][ ]*)?(?P<subj>[^!?\"“”\n]{{1,90}}?)"
    rf"[ ]+(?P<verb>{_VERB})\b"
)

#: Text before an opening quote mark that ends in a cue: 'Brennan said: ', 'he told CNN, '.
CUE_BEFORE_QUOTE = re.compile(
    rf"(?P<verb>{_VERB})\b(?P<tail>[^.!?\"“”:;\n]{{0,60}}?)[ ]*(?P<punct>[,:]|\bthat\b|—|–)?"
    rf"[ ]*$"
)

#: The most characters a cue verb of :data:`CUE_BEFORE_QUOTE` spans ("wrote on Facebook";
#: a test checks it against the pattern).
CUE_VERB_WIDTH = 17
#: The most characters :data:`CUE_BEFORE_QUOTE` allows between its verb and the end
#: (``tail``), besides spaces and the closing punctuation (at most "that").
CUE_TAIL = 60


#: Characters no match of :data:`CUE_BEFORE_QUOTE` holds: its verb is words, its tail
#: excludes them and its closing punctuation is none of them (``$`` may stand before a
#: final line break, which is not looked at).
CUE_STOPS = '.!?"“”;\n'


def cue_search_start(pre: str) -> int:
    """The first position where :data:`CUE_BEFORE_QUOTE` may match ``pre``: its verb ends
    at most 60 characters before its closing spaces and punctuation (",", ":", "that", a
    dash) and ``$``, and it starts after the last sentence end or quote mark. Searching
    from there finds the same match and skips most of ``pre``.
    """
    end = len(pre.rstrip(" \n")[:-4].rstrip(" "))  # no later than where the tail ends
    body = pre[:-1] if pre.endswith("\n") else pre
    stop = max(body.rfind(c) for c in CUE_STOPS)
    return max(0, end - CUE_TAIL - CUE_VERB_WIDTH, stop + 1)


#: Sentence boundary: end punctuation, optional closing marks, space, then a capital.
SENTENCE_BOUNDARY = re.compile(rf"[.!?][\"”’)\]]*[ \t\u00a0]+(?=[\"“‘(\[]?[{UPPER}0-9])")

#: An abbreviation's period, not a sentence end: "Gen.", "St.", "U.S.", an initial "W.".
ABBREVIATION_END = re.compile(
    rf"(?:\b(?:{_ABBR_ALT}|Jr|Sr|St|No|Mt|Ft|vs|etc)|\b[{UPPER}]|\.[{UPPER}])$"
)

#: Unquoted reported speech: "..., said Brennan." / "..., Brennan said." / "..., according to".
REPORTED = re.compile(
    r",[ ]+(?:(?P<verb1>said|says|added|noted|explained|stated|according\ to)[ ]+"
    r"|(?P<subj>[^,.!?\"“”\n]{1,70}?)[ ]+(?P<verb2>said|says|added|noted|explained"
    r"|stated|told\ [^,.!?\"“”\n]{1,40}?|wrote|argued|insisted|warned|tweeted|posted"
    r"|explained|noted|added|claimed|contended|acknowledged|reported|reports|writes)"
    r"(?P<tail>[ ]+[^,.!?\"“”\n]{1,40}?)?[ ]*(?:[.!?](?=\s|$)|$))"
)

#: A name or "he"/"she" opening a sentence, after an optional "And", "But then", ...
SENTENCE_SUBJECT = re.compile(
    rf"(?:(?:And|But|Then|So|Later|Still|Yet|Instead|Meanwhile|Now)(?:,?[ ]+then)?,?[ ]+)?"
    rf"(?P<subj>{NAME_SEQ}|[Hh]e|[Ss]he)(?=[ ,])"
)

def word_alternation(words: str) -> str:
    """A regex alternation of the space-separated ``words``, written as a trie ("sa(?:id|ys)").

    The same words as ``said|says|...``, but ``re`` tries an alternation in order, each
    word in turn at every word start; the trie reads each letter once. Followed by a
    word bound, as here, the two match the same text: only one word of the list can end
    at a word bound where both start.
    """
    trie: dict[str, dict] = {}
    for word in words.split():
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(c) + emit(node[c]) for c in sorted(node) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


#: Not inside a word: no letter, apostrophe or hyphen before.
_WORD_START = r"(?<![\w'’-])"

#: The speech verbs: the cue the pronoun resolver and the learned model read (fewer than
#: :data:`SENTENCE_CUE`'s, so scanning a whole text for named sources stays cheap).
_SPEECH_CUE_VERBS = """
    said says told tells added adds wrote writes tweeted argued argues insisted insists
    warned warns claimed claims declared declares stated explained noted cautioned vowed
    promised predicted suggested complained urged asked asks replied responded answered
    called calls described describes dubbed labeled labelled branded recalled
    acknowledged admitted conceded countered quipped joked boasted lamented remarked
    observed announced contended maintained wondered shouted yelled exclaimed continued
    continues concluded stressed
"""
_SPEECH_CUE_PARTICIPLES = """
    saying adding writing tweeting arguing insisting warning declaring calling
    describing dubbing labeling branding noting asking telling promising vowing
    predicting urging claiming explaining complaining recalling
"""

#: Cue verbs that may stand anywhere before a quote in the same sentence: 'Klein said his
#: book showed Clinton was "...".' Participles take the sentence subject. The speech verbs
#: and more (a trie: order and repeats do not matter).
_SENTENCE_CUE_VERBS = _SPEECH_CUE_VERBS + """
    demanded proclaimed proclaims blurted interjected
    retorted pleaded texted emailed posted denounced praised slammed blasted attacked
    mocked derided dismissed defended reported reports recounted confirmed pledged
    touted hailed characterized likened deemed termed dismissed accused criticized
    criticised condemned thanked accuses thought thinks believes believed agreed agrees
    expressed commanded credited praises slams blasts mocks calls labels brands dubs
    describes touts hails urges vows pledges promises predicts warns insists claims
    argues admits acknowledges recalls recounted reiterated reiterates repeated repeats
    conceded concedes questioned questions suggested suggests declared declares
    announced announces
"""
_SENTENCE_CUE_PARTICIPLES = _SPEECH_CUE_PARTICIPLES + """
    proclaiming demanding
    accusing praising slamming blasting mocking dismissing deeming terming insisting
    pledging touting hailing characterizing likening yelling shouting expressing
    reiterating repeating acknowledging admitting conceding suggesting questioning
    announcing criticizing condemning
"""
SENTENCE_CUE = re.compile(
    rf"{_WORD_START}(?:(?P<verb>{word_alternation(_SENTENCE_CUE_VERBS)})\b"
    rf"|(?P<part>{word_alternation(_SENTENCE_CUE_PARTICIPLES)})\b)"
)

_SPEECH_VERB = word_alternation(_SPEECH_CUE_VERBS)
_SPEECH_PARTICIPLE = word_alternation(_SPEECH_CUE_PARTICIPLES)
SPEECH_CUE = re.compile(
    rf"{_WORD_START}(?:(?P<verb>{_SPEECH_VERB})\b|(?P<part>{_SPEECH_PARTICIPLE})\b)"
)
#: :data:`SPEECH_CUE` as the pattern text it used to be, two alternatives at the top
#: level, for patterns built on it: text put before it binds to the verbs alone.
SPEECH_CUE_ALTERNATIVES = (
    rf"{_WORD_START}(?P<verb>{_SPEECH_VERB})\b|{_WORD_START}(?P<part>{_SPEECH_PARTICIPLE})\b"
)

#: Double quote marks, straight and curly.
QUOTE_MARK = re.compile(r"[\"“”]")
