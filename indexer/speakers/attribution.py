"""Where a quote's attribution stands, in the shapes news prose uses: after the closing
mark ('," said Brennan'), before the opening one ('Brennan said: "'), as a label
('Clinton: "'), at the end of the quote's sentence, or as a cue earlier in it."""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Source, Statement
from .names import PERSON_PRONOUNS
from .patterns import (
    CUE_BEFORE_QUOTE,
    INVERTED_VERB,
    INVERTED_VERB_RE,
    NAME_SEQ,
    NAME_SEQ_RE,
    OBJECT_NAME,
    QUOTE_MARK,
    REPORTED,
    SENTENCE_CUE,
    SENTENCE_SUBJECT,
    SUBJECT_FIRST,
    UPPER,
    VERB_FIRST,
    cue_search_start,
    is_word_char,
    word_alternation,
)
from .sentences import sentence_end, sentence_start
from .sources import (
    owned_body,
    source_from_name,
    source_from_object,
    source_from_phrase,
    trim_role,
)

#: Participle cues whose speaker is the sentence subject: 'Trump went on, saying, "..."'.
_PARTICIPLE = re.compile(
    r"(?:,|\band)[ ]+(?P<verb>saying|adding|writing|telling[ ][^,:.\"“”]{1,40}?|noting"
    r"|explaining|arguing|insisting|warning|declaring|tweeting|asking)[ ]*[,:]?[ ]*$"
)


#: A signature after the closing mark: '..." ― Carla Ruiz' (testimonials, tweets, emails).
_DASH_SIGNATURE = re.compile(
    rf"[\"”’]?[ ]*(?:―|—|–|--|-)[ ]*(?P<name>{NAME_SEQ})(?:,[ ]*(?P<role>[^\n\"“”]{{2,80}}?))?"
    rf"[ .]*(?:$|\n)"
)

#: A signature line of a roundup after the quoted paragraph: 'Dana Milbank, Washington
#: Post', 'Jen Kirby, Katelyn Burns, and Matthew Yglesias, Vox' (the first name speaks).
_NAME_OUTLET_LINE = re.compile(
    rf"(?P<name>{NAME_SEQ})(?:,[ ]+(?:and[ ]+)?{NAME_SEQ})*,[ ]+(?:and[ ]+)?(?:The[ ]+)?"
    r"[A-Z][\w.&'’-]*(?:[ ]+[A-Z][\w.&'’-]*){0,4}[ ]*"
)

#: A transcript label opening a quote: '"PENCE: Well, look ...' / 'KAINE: ...'.
_TRANSCRIPT_LABEL = re.compile(r"(?P<name>[A-Z][A-Z'’.-]+(?:[ ][A-Z][A-Z'’.-]+){0,2}):[ ]")


#: The words :data:`_PARTICIPLE` ends with ("telling" goes on: 'telling reporters,').
_PARTICIPLE_WORDS = ("saying", "adding", "writing", "noting", "explaining", "arguing",
                     "insisting", "warning", "declaring", "tweeting", "asking")


def _may_end_with_participle(pre: str) -> bool:
    """False when :data:`_PARTICIPLE` cannot match ``pre``: it must end (before one final
    line break, where ``$`` also matches) with a participle, then spaces and at most one
    comma or colon. Lets most quotes skip a search that tries every position."""
    tail = pre[:-1] if pre.endswith("\n") else pre
    tail = tail.rstrip(" ")
    if tail.endswith((",", ":")):
        tail = tail[:-1].rstrip(" ")
    return tail.endswith(_PARTICIPLE_WORDS) or "telling" in tail


def _signature_source(text: str, item: Statement, para_end: int) -> Source | None:
    """A dash and a name closing the quote's paragraph: '"..." ― Carla Ruiz'."""
    close = item.end
    while close < para_end and text[close] in ' ,.!?…':
        close += 1
    m = _DASH_SIGNATURE.match(text, close, min(para_end + 1, len(text)))
    if m is None or m.end("name") - m.start("name") < 3:
        return None
    src = source_from_name(m.group("name"), "―", None)
    return src if src.kind == "person" else None


def _next_line_signature(text: str, item: Statement, para_end: int) -> Source | None:
    """A signature on its own line after a quote that fills its paragraph: '"..."' then
    '- Sanders.' or '-President Obama, tweeting after the speech.' (fact checks, tweets),
    or a roundup's 'Name, Outlet' line, also under two or three quoted paragraphs."""
    if not item.whole_para:
        return None
    line_end = para_end
    for _ in range(3):  # the signature under a block of quoted paragraphs signs them all
        start = line_end
        while start < len(text) and text[start].isspace():
            start += 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        if not (text[start : start + 1] in ('"', "“") and text[line_end - 1] in '"”'):
            break
    if start >= len(text) or line_end - start > 120:
        return None
    if text[start] not in "―—–-":  # a roundup's 'Dana Milbank, Washington Post' ("Editorial
        # Board, New York Times" is nobody's: not the person quoted before)
        m = _NAME_OUTLET_LINE.fullmatch(text, start, line_end)
        return source_from_name(m.group("name"), "―", None) if m else None
    # A space after the dash, so that '-President Obama' reads as a dash and a name.
    line = text[start] + " " + text[start + 1 : min(line_end + 1, len(text))]
    m = _DASH_SIGNATURE.match(line)
    if m is None or m.end("name") - m.start("name") < 3:
        return None
    src = source_from_name(m.group("name"), "―", None)
    return src if src.kind == "person" else None


def _transcript_source(text: str, item: Statement) -> Source | None:
    """A speaker label in capitals opening the quote, as transcripts write them."""
    m = _TRANSCRIPT_LABEL.match(text, item.start, item.end)
    if m is None:
        return None
    src = source_from_name(m.group("name").title(), ":", None)
    return src if src.kind == "person" else None


def _after_source(text: str, item: Statement, para_end: int) -> Source | None:
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
    window = text[i : min(para_end, i + 300)]
    if not ended_comma:
        # The comma left out of a quote that opens its sentence: '"... our campaign"
        # said Nick Merrill.', '"... No, Trump. -H" Clinton tweeted': a person and a cue.
        return _uncommaed_source(window) if item.sentence_open and item.words > 3 else None
    m = VERB_FIRST.match("," + window) or VERB_FIRST.match(window)
    if m:
        return source_from_object(m.group("obj"), m.group("verb"))
    m = SUBJECT_FIRST.match(window)
    if m:
        subj = m.group("subj")
        if len(subj.split()) <= 12:
            src = source_from_phrase(subj, m.group("verb"), strict=True)
            if src is not None:
                return src
    m = _LONG_SUBJECT.match(window)
    if m:  # '"...," Scott Pruitt, the attorney general of Oklahoma, one of ..., said', "Rep.
        # Mike Rogers (R) of Michigan, the chairman of ..., observed"
        return source_from_name(m.group("name"), m.group("verb"), trim_role(m.group("role")))
    # A fragment inside a sentence ('While X proclaims it a "terrific piece," Clinton
    # fixates ...') is followed by the sentence's own clause, not an attribution.
    return _any_verb_after(window) if item.sentence_open else None


def _uncommaed_source(window: str) -> Source | None:
    """A person named with a cue verb right after a quote without its comma."""
    m = VERB_FIRST.match(window)
    if m:
        src = source_from_object(m.group("obj"), m.group("verb"))
    else:
        m = SUBJECT_FIRST.match(window)
        if m is None or len(m.group("subj").split()) > 8:
            return None
        src = source_from_phrase(m.group("subj"), m.group("verb"), strict=True)
    return src if src is not None and src.kind == "person" else None


#: What may follow a verb that closes an attribution: the clause's end, or an adverbial.
_VERB_CLOSE = (
    r"(?=[ ]*(?:[.,;:!?—–]|$|[ ]+(?:on|in|at|to|of|about|during|after|before|from|with"
    r"|as|the|a|an|his|her|their|back|out|up|again|later|loudly|angrily|defiantly)\b))"
)
#: Any verb in the past or present tense between a quote and its speaker, in either order:
#: '," Toomey fumed.', '," he barked at ...', '!" beamed Donald Hartley of Madison'. After
#: a quote ending in a comma, such a clause is its attribution whatever the verb is.
_ANY_VERB_SUBJECT = re.compile(
    rf"[ ]*(?P<subj>{NAME_SEQ}|[Hh]e|[Ss]he)(?:[ ]*\([^()\n]{{1,40}}\))?[ ]+"
    rf"(?P<verb>[a-z]{{3,}}(?:ed|es|ks|ts|ps|ds))\b{_VERB_CLOSE}"
)
_ANY_VERB_FIRST = re.compile(rf"[ ]*(?P<verb>[a-z]{{3,}}(?:ed|es|ks|ts|ps|ds))[ ]+(?=[{UPPER}])")


def _any_verb_after(window: str) -> Source | None:
    """The speaker of an attribution with a verb the cue lists do not hold."""
    m = _ANY_VERB_SUBJECT.match(window)
    if m:
        subj = m.group("subj")
        if subj.lower() in PERSON_PRONOUNS:
            return Source("pronoun", subj, cue=f"{subj} {m.group('verb')}")
        named = source_from_name(subj, m.group("verb"), None)
        return named if named.kind == "person" else None
    m = _ANY_VERB_FIRST.match(window)
    if m:
        obj = source_from_object(window[m.end() :], m.group("verb"))
        return obj if obj is not None and obj.kind == "person" else None
    return None


#: A name with a long appositive before its cue verb, after a quote.
_LONG_SUBJECT = re.compile(
    rf"[ ]*(?P<name>{NAME_SEQ})(?:[ ]*\([RDI](?:-[A-Za-z. ]{{1,15}})?\)(?:[ ]+of[ ]+[A-Z][\w.]+"
    rf"(?:[ ][A-Z][\w.]+)?)?)?,[ ]+(?P<role>[^\"“”\n]{{5,200}}?),[ ]+(?P<verb>said|says|added"
    rf"|adds|told|tells|wrote|writes|argued|noted|notes|explained|observed|warned|tweeted)\b"
)


#: A phrase fronted before a sentence's subject: 'Speaking at a town hall in Salem, ',
#: 'In an incendiary press conference, ', 'However, '.
_FRONTED = re.compile(r"[^,;:\"“”\n]{2,100}?,[ ]+")


#: A subordinator opening the subject's words: the name is in a fronted clause ('When
#: Wallace died in 1998, President Clinton released …', 'Like Corker, Menendez …').
_SUBORDINATE = re.compile(
    r"(?:When|While|After|Before|Like|Unlike|Although|Though|If|Since|Because|Until)[ \u00a0]"
)


def _is_person_subject(sm: re.Match[str] | None) -> bool:
    """True when a sentence-subject match is "he"/"she" or a person's name."""
    subj = sm.group("subj") if sm is not None else ""
    if _SUBORDINATE.match(subj):
        return False
    return bool(subj) and (
        subj.lower() in PERSON_PRONOUNS or source_from_name(subj, "", None).kind == "person"
    )


def _never_in_full(text: str, word: str) -> bool:
    """True when ``word`` is one capitalised word that no capitalised word ever precedes in
    the text ('Hours later, Trump ...', 'Continuing to explain, Carson ...'): more likely a
    word opening a fronted phrase than a surname, which a full name introduces."""
    if " " in word or "\u00a0" in word or not word[:1].isupper():
        return False
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if end >= len(text) or not is_word_char(text[end]):
            before = NAME_SEQ_RE.search(text, max(0, at - 40), end)
            while before is not None and before.end() < end:
                before = NAME_SEQ_RE.search(text, before.end(), end)
            if before is not None and before.end() == end and before.start() < at:
                return False
        at = text.find(word, end)
    return True


def _subject_of(text: str, s0: int, end: int) -> re.Match[str] | None:
    """The subject opening the sentence at ``s0`` (a name, "he" or "she"), also after up
    to three fronted phrases: 'Speaking at a town hall in Salem, New Hampshire, Trump went
    after Bush, calling him "a stiff."'. The first capitalised word when none is a person."""
    first = SENTENCE_SUBJECT.match(text, s0, end)
    if _is_person_subject(first) and (
        first is None or not _never_in_full(text, first.group("subj"))
    ):
        return first
    pos = s0
    for _ in range(3):
        fronted = _FRONTED.match(text, pos, end)
        if fronted is None or fronted.end() - s0 > 150:
            break
        pos = fronted.end()
        sm = SENTENCE_SUBJECT.match(text, pos, end)
        if sm is not None and _is_person_subject(sm) and not sm.group("subj").endswith(
            ("’s", "'s")
        ):
            return sm
    return first


def _before_source(text: str, item: Statement, para_start: int) -> Source | None:
    """Attribution right before an opening quote mark: 'Brennan said: "...'."""
    lo = max(para_start, item.open_pos - 300)
    pre = text[lo : item.open_pos]
    p = _PARTICIPLE.search(pre) if _may_end_with_participle(pre) else None
    m = None if p else CUE_BEFORE_QUOTE.search(pre, cue_search_start(pre))
    if not m:
        if not p:
            return None
        verb = p.group("verb").split(" ")[0]
        said = _said_before_participle(pre[: p.start()], verb)
        if said is not None:  # '…, Spicer said, adding, "…"': the participle is Spicer's
            return said
        s0 = sentence_start(text, para_start, lo + p.start())
        sm = _subject_of(text, s0, lo + p.start())
        if not sm:
            return None
        owned = owned_body(text[: lo + p.start()], sm.start("subj"), verb)
        if owned is not None:  # 'Ryan's campaign shrugged it off, telling reporters, "'
            return owned
        subj = sm.group("subj")
        if subj.lower() in PERSON_PRONOUNS:
            return Source("pronoun", subj, cue=verb)
        src = source_from_name(subj, verb, None)
        return src if src.kind == "person" else None
    verb = m.group("verb")
    if not m.group("punct") and verb.lower() not in {"said", "says", "added", "wrote"}:
        return None
    if verb == "according to" or verb == "According to":
        return None
    verb_pos = lo + m.start()
    s0 = sentence_start(text, para_start, verb_pos)
    subj = text[s0:verb_pos]
    if QUOTE_MARK.search(subj):
        subj = subj[max(subj.rfind('"'), subj.rfind("”"), subj.rfind("“")) + 1 :]
    if not subj.strip():
        return None
    return source_from_phrase(subj, verb.lower(), strict=False)


def _colon_intro(text: str, item: Statement, para_start: int) -> Source | None:
    """A sentence about its subject that introduces the quote with a colon: 'Trump swiped
    at Ryan in a series of tweets: "..."' / 'Windsor Mann, editor of X: "..."'."""
    pre = text[para_start : item.open_pos].rstrip()
    if not pre.endswith(":"):
        return None
    s0 = sentence_start(text, para_start, item.open_pos - 1)
    sentence = text[s0 : item.open_pos]
    if QUOTE_MARK.search(sentence) or len(sentence.split()) > 30:
        return None
    sm = SENTENCE_SUBJECT.match(text, s0, item.open_pos)
    if sm is not None and _SUBORDINATE.match(sm.group("subj")):
        sm = _subject_of(text, s0, item.open_pos)  # 'When Wallace died, Clinton said:'
    if not sm or _SUBORDINATE.match(sm.group("subj")):
        return None
    whole = NAME_SEQ_RE.match(text, sm.start("subj"), item.open_pos)
    if whole is not None and whole.end() != sm.end("subj"):
        return None  # 'Carla Ostrow: "..."' is a label; the subject is the whole name
    subj = sm.group("subj")
    if subj.lower() in PERSON_PRONOUNS:
        return Source("pronoun", subj, cue=":")
    verb = INVERTED_VERB_RE.match(subj)
    if verb is not None:  # 'Stated Stone:': the verb first, then the speaker
        subj = subj[verb.end() :]
    role = None
    ap = re.match(r",[ ]+([^,:\"“”\n]{2,120})[,:]", text[sm.end() : item.open_pos])
    if ap:
        role = trim_role(ap.group(1))
    src = source_from_name(subj, ":", role)
    return src if src.kind == "person" else None


def _according_before(text: str, item: Statement, para_start: int) -> Source | None:
    """'According to Brennan, "..."' at the start of the sentence."""
    s0 = sentence_start(text, para_start, item.open_pos)
    pre = text[s0 : item.open_pos]
    m = re.match(r"According to[ ]+(?P<obj>[^\"“”\n]+?),[ ]*$", pre)
    if not m:
        return None
    return source_from_object(m.group("obj"), "according to")


#: A person and "said" in a clause closed by a comma right before a participle: '… will
#: meet next week, Spicer said, adding, "…"' makes Spicer, not the sentence's subject
#: (Ryan), the one adding.
_SAID_BEFORE_PARTICIPLE = re.compile(
    rf",[ ]+(?P<subj>{NAME_SEQ})[ ]+(?:said|says|told[ ]+[A-Za-z][A-Za-z ]{{0,30}}?|wrote"
    rf"|writes|added|adds)[ ]*,?[ ]*$"
)


def _said_before_participle(before: str, verb: str) -> Source | None:
    """The person of a '…, NAME said,' clause that ``before`` (the text up to a
    participle) ends with, or None."""
    said = _SAID_BEFORE_PARTICIPLE.search(before, max(0, len(before) - 120))
    if said is None:
        return None
    src = source_from_name(said.group("subj"), verb, None)
    return src if src.kind == "person" else None


def _sentence_cue_source(text: str, item: Statement, para_start: int) -> Source | None:
    """A cue verb earlier in the quote's sentence, after its subject: 'Kasich cautioned
    "let's not get ahead of ourselves"', 'Trump went after Bush, calling him "a stiff."'"""
    s0 = sentence_start(text, para_start, item.open_pos)
    pre = text[s0 : item.open_pos]
    m = SENTENCE_CUE.search(pre)
    if m is None:
        return _subject_verb_source(text, s0, item)
    subj = pre[: m.start()]
    if QUOTE_MARK.search(subj):
        # 'Trump defended "New York values," saying the city was "...": a participle
        # closer to the quote takes the sentence subject, quotes before it or not.
        part = next((p for p in SENTENCE_CUE.finditer(pre) if p.group("part")), None)
        if part is None or QUOTE_MARK.search(pre, part.end()):
            return None
        m, subj = part, pre[: part.start()]
    elif not subj.strip() or len(subj.split()) > 25:
        return None
    if m.group("verb"):
        return source_from_phrase(subj, m.group("verb"), strict=False)
    verb = m.group("part")
    said = _said_before_participle(pre[: m.start()], verb)
    if said is not None:  # '…, Spicer said, adding that …': the participle is Spicer's
        return said
    sm = _subject_of(text, s0, s0 + m.start())
    if not sm:
        return None
    owned = owned_body(text[: s0 + m.start()], sm.start("subj"), verb)
    if owned is not None:  # 'Gowdy's office slammed the suit, calling it "meritless"'
        return owned
    subj_txt = sm.group("subj")
    if subj_txt.lower() in PERSON_PRONOUNS:
        return Source("pronoun", subj_txt, cue=verb)
    src = source_from_name(subj_txt, verb, None)
    return src if src.kind == "person" else None


#: A person opening the sentence with a verb in the past or present tense: 'Paul Ryan
#: worried that the safety net was "a hammock"', 'Gov. Pat McCrory (R) blamed the court's
#: "four liberal justices"'. Whatever the verb, PolNeAR gives such quotes to the subject.
_SUBJECT_VERB = re.compile(
    rf"(?:(?:And|But|Then|So|Still|Yet|Now|Later|Meanwhile|Instead),?[ ]+(?:then[ ]+)?)?"
    rf"(?P<subj>{NAME_SEQ})(?:[ ]*\([^()\n]{{1,40}}\))?"
    rf"(?:,[^,\"“”\n]{{2,100}},)?"
    rf"[ ]+(?:(?:has|had|have|would|will|did|does)[ ]+)?"
    rf"(?:[a-z]+ly[ ]+|also[ ]+|then[ ]+|later[ ]+)?"
    rf"(?P<verb>[a-z]{{3,}}(?:ed|es|ts|ds|ns|ks))\b"
)


def _subject_verb_source(text: str, s0: int, item: Statement) -> Source | None:
    """The person the quote's sentence opens with, before any verb: the quote's speaker.
    Also after up to three fronted phrases ('Speaking to MSNBC Monday, Bush referred to
    Rubio as "a bright leader"') and behind an auxiliary ('Clinton has increasingly
    decried "systemic racism"')."""
    pos = s0
    for _ in range(4):
        m = _SUBJECT_VERB.match(text, pos, item.open_pos)
        if m is not None and not QUOTE_MARK.search(text, s0, m.end()):
            subj = m.group("subj")
            src = source_from_name(subj, m.group("verb"), None)
            if src.kind == "person" and not subj.endswith(("’s", "'s")):
                return src
        fronted = _FRONTED.match(text, pos, item.open_pos)
        if fronted is None or fronted.end() - s0 > 150:
            return None
        pos = fronted.end()
    return None



#: A label right before a quote: 'Clinton: "..."', 'Said Comey, "..."', 'Continued Stone: "',
#: at the paragraph start, after a sentence, or after a spaced dash that ends a heading or
#: a lead-in ('Pollsters agree - Carl Bialik: "..."').
_LABEL_BEFORE = re.compile(
    rf"(?:^|(?<=[.!?])[\"”’)]?[ ]+|(?<=[ ][-–—])[ ]+)"
    rf"(?P<verb>{INVERTED_VERB}[ ]+)?(?P<name>{NAME_SEQ})"
    rf"(?:[ ]*\([^()\n]{{1,40}}\))?[ ]*(?P<punct>[:,])[ ]*$"
)


def _label_source(text: str, item: Statement, para_start: int) -> Source | None:
    """A speaker label or an inverted 'Said NAME,' right before the opening quote mark."""
    pre = text[max(para_start, item.open_pos - 120) : item.open_pos]
    if not pre.rstrip(" \n").endswith((":", ",")):
        return None  # the label's colon or comma must close ``pre``: skip the search
    m = _LABEL_BEFORE.search(pre)
    if m is None or (m.group("punct") == "," and not m.group("verb")):
        return None
    if m.start() == 0 and item.open_pos - 120 > para_start:
        return None
    verb = (m.group("verb") or "").strip().lower()
    src = source_from_name(m.group("name"), verb or ":", None)
    return src if src.kind == "person" else None


def _sentence_tail_source(text: str, item: Statement, para_end: int) -> Source | None:
    """Attribution closing the quote's sentence after more words: '"We are happy" about the
    ruling, said Jane Doe.' / 'Obama "felt an obligation" to act, Axelrod said.'"""
    close = item.end
    while close < para_end and text[close] not in '"”':
        close += 1
    if close >= para_end:
        return None
    s_end = sentence_end(text, close + 1, para_end)
    seg = text[close + 1 : s_end]
    if QUOTE_MARK.search(seg) or "," not in seg:
        return None
    found = list(REPORTED.finditer(seg))
    m = found[-1] if found else None
    if m is None or (not m.group("verb1") and m.end() < len(seg.rstrip()) - 1):
        return None
    if m.group("verb1"):
        obj = seg[m.end() :]
        src = source_from_object(obj, m.group("verb1"))
        if src is not None and src.kind == "person":
            name_m = OBJECT_NAME.match(obj)
            if name_m is None or (name_m.group("role") is None and obj[name_m.end() :].strip(" .")):
                return None
        return src
    subj = m.group("subj")
    if len(subj.split()) > 10:
        return None
    return source_from_phrase(subj, m.group("verb2").split(" ")[0], strict=True)


#: Speech participles an absolute clause opens with ('with McCain calling it ...').
_ABSOLUTE_PARTICIPLES = word_alternation("""
    saying calling telling tweeting yelling writing adding arguing warning noting describing
    asking declaring insisting claiming urging shouting promising vowing predicting
    suggesting complaining joking quipping dubbing branding labeling labelling
""")
_PARTICIPLE_WORD = re.compile(rf"[ ](?:{_ABSOLUTE_PARTICIPLES})\b")

#: A person named right before a speech participle, in the quote's sentence, opening an
#: absolute clause: 'with Sen. John McCain calling it a "Chinese menu"', '– Ryan saying
#: he was "very encouraged"'. Not after a preposition: in 'a letter to Lynch asking ...'
#: and 'an account of Clinton telling ...' the sentence's subject reports the words.
_NAMED_PARTICIPLE = re.compile(
    rf"(?:^|\bwith[ ]+|\band[ ]+|[,—–][ ]*|[ ]-[ ]+)"
    rf"(?P<name>{NAME_SEQ})[ ]+(?:[a-z]+ly[ ]+)?(?P<verb>{_ABSOLUTE_PARTICIPLES})\b"
    rf"[^\"“”\n]{{0,80}}$"
)


def _named_participle_source(text: str, item: Statement, para_start: int) -> Source | None:
    """The person named right before a speech participle earlier in the quote's sentence
    (the participle's own subject, not the sentence's)."""
    if _PARTICIPLE_WORD.search(text, max(para_start, item.open_pos - 100), item.open_pos) is None:
        return None  # the cheap test first: most quotes have no such participle before them
    s0 = sentence_start(text, para_start, item.open_pos)
    pre = text[s0 : item.open_pos]
    last_mark = max(pre.rfind('"'), pre.rfind("”"), pre.rfind("“"))
    word = _PARTICIPLE_WORD.search(pre, max(last_mark + 1, len(pre) - 100))
    if word is None:
        return None
    # after a quote: '" and Trump calling'; the name and its opener stand just before
    m = _NAMED_PARTICIPLE.search(pre, max(last_mark + 1, word.start() - 120))
    if m is None:
        return None
    src = source_from_name(m.group("name"), m.group("verb"), None)
    return src if src.kind == "person" else None


def find_source(text: str, item: Statement, para_start: int, para_end: int) -> Source | None:
    """The attribution of a quote, trying its shapes from the most to the least specific:
    right after the closing mark, right before the opening one, a speaker label, the end
    of the quote's sentence, a cue verb earlier in that sentence."""
    src = _after_source(text, item, para_end) or _signature_source(text, item, para_end)
    if src is None:
        src = _next_line_signature(text, item, para_end)
    if src is None:
        src = _transcript_source(text, item)
    if src is None and item.open_pos > para_start:
        src = _before_source(text, item, para_start) or _according_before(text, item, para_start)
    if src is None and item.open_pos > para_start:
        # The label first: right before the mark, it is nearer than the sentence's
        # subject ('Pollsters agree - Carl Bialik: "..."' is Bialik's, not Pollsters').
        src = _label_source(text, item, para_start)
    if src is None and item.open_pos > para_start:
        src = _colon_intro(text, item, para_start)
    if src is None:
        src = _sentence_tail_source(text, item, para_end)
    if src is None and (
        not item.sentence_open or text[para_start : item.open_pos].rstrip().endswith(":")
    ):
        src = _named_participle_source(text, item, para_start)
    if src is None and not item.sentence_open:
        src = _sentence_cue_source(text, item, para_start)
    if src is None and item.open_pos == para_start:
        src = _intro_paragraph_source(text, item, para_start)
    return src


def _intro_paragraph_source(text: str, item: Statement, para_start: int) -> Source | None:
    """A block quote whose introduction closes the paragraph before it with a colon:
    'In a 1963 speech, he declared:' / 'Clinton released the following statement:', then
    the quote as its own paragraph. The introduction is read as if it stood right before
    the opening mark."""
    end = para_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0 or text[end - 1] != ":" or end == para_start:
        return None
    start = text.rfind("\n", 0, end) + 1
    if QUOTE_MARK.search(text, start, end):
        return None  # the paragraph before holds quotes of its own: no plain introduction
    intro = replace(item, open_pos=end)
    return (
        _before_source(text, intro, start)
        or _colon_intro(text, intro, start)
        or _label_source(text, intro, start)
    )
