"""Finding statements: quotes paired by their marks paragraph by paragraph, and unquoted
reported speech ('..., said Brennan.', 'According to X, ...'), whose speaker is known
when it is found."""

from __future__ import annotations

import re

from ..clean import DATELINE
from .model import Source, Statement
from .patterns import LETTERS, OBJECT_NAME, QUOTE_MARK, REPORTED, word_alternation
from .sentences import sentence_end, sentence_start
from .sources import source_from_object, source_from_phrase

#: A curly single-quoted passage, used only in paragraphs without double quote marks.
_SINGLE_QUOTE = re.compile(
    rf"(?:(?<=^)|(?<=[\s(\[—–-]))‘(?P<body>[^‘’\n]*?[^\s‘’][,.!?…—–-]?)’(?![{LETTERS}])"
)

#: "According to X, ..." opening a sentence: reported speech whose source comes first.
_ACCORDING_START = re.compile(r"(?:^|(?<=[ ]))According to[ ]+")

#: Words before a quoted name of a work: 'the show "Celebrity Apprentice"', 'his book "X"'.
_WORK_BEFORE = re.compile(
    r"\b(?:" + word_alternation("""
    show shows book books film films movie movies program programme series song songs
    titled entitled album column article op-ed headline memoir novel documentary play
    musical episode sketch segment podcast magazine newspaper newsletter hashtag slogan
    website blog sitcom on in to with of
    """) + r")[ ,]*$",
    re.IGNORECASE,  # a trie: ignoring case, re cannot skip a flat alternation's words
)
#: A broadcaster's or an outlet's possessive before a quoted Title Case name: 'on NBC's
#: "Meet the Press"', 'told Fox News channel's "Sunday Morning Futures"'.
_OWNER_BEFORE = re.compile(
    r"\b(?:[A-Z][\w.&-]*|[A-Z][\w.&-]*[ ]+(?:channel|network|station|radio))['’]s[ ]*$"
)

#: Small words a Title Case name of a work may hold: "Keeping Up with the Kardashians".
_TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with"}


def is_title_of_work(text: str, item: Statement) -> bool:
    """A short Title Case quote after 'show', 'book', 'titled'...: a name, not speech."""
    body = text[item.start : item.end].strip(" ,.")
    words = body.split()
    if not words or len(words) > 8 or body[-1:] in "!?":
        return False
    if not all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words):
        return False
    lo = max(0, item.open_pos - 40)
    return (
        _WORK_BEFORE.search(text, lo, item.open_pos) is not None
        or (
            text[lo : item.open_pos].rstrip(" ").endswith(("'s", "’s"))
            and _OWNER_BEFORE.search(text, lo, item.open_pos) is not None
        )
    )


#: One quote's (opening mark, closing mark or paragraph end, closed).
QuoteSpan = tuple[int, int, bool]


def _quote_spans(text: str, ps: int, pe: int) -> list[QuoteSpan]:
    """The quotes of one paragraph by their marks; an unclosed quote runs to the paragraph
    end, and curly single quotes count only in a paragraph without double marks."""
    marks = list(QUOTE_MARK.finditer(text, ps, pe))
    spans: list[QuoteSpan] = []
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
    if not marks and text.find("‘", ps, pe) >= 0:  # the pattern needs one: skip its scan
        for sm in _SINGLE_QUOTE.finditer(text, ps, pe):
            body = sm.group("body")
            if len(body.split()) >= 3 and body[-1] in ",.!?…—–-":
                spans.append((sm.start(), sm.end() - 1, True))
    return spans


def _quote_content(text: str, o: int, c: int) -> tuple[int, int]:
    """Start and end of the words between an opening mark at ``o`` and a closing one at
    ``c``: no spaces at the edges, and no comma before the attribution."""
    s, e = o + 1, c
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1  # the comma before 'said' belongs to the attribution, not the quote
    return s, e


def find_quotes(text: str, paras: list[tuple[int, int]]) -> list[Statement]:
    """Pair quote marks paragraph by paragraph; an unclosed quote runs to the paragraph end
    and a quote opening the next paragraph continues it (one chain)."""
    items: list[Statement] = []
    chain = 0
    prev_open_para = -2
    for pi, (ps, pe) in enumerate(paras):
        spans = _quote_spans(text, ps, pe)
        first_nonspace = ps
        while first_nonspace < pe and text[first_nonspace] in " \t\u00a0":
            first_nonspace += 1
        for qi, (o, c, closed) in enumerate(spans):
            s, e = _quote_content(text, o, c)
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
                Statement(
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
    start: int, end: int, para: int, s0: int, src: Source, cue: str, text: str = ""
) -> Statement:
    """An unquoted statement whose speaker is already known."""
    return Statement(
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


#: What may follow "said he" when it closes a sentence: nothing, or when and where.
_ENDS_AFTER_PRONOUN = re.compile(
    r"^[ ]*\w+[ ]*(?:$|[.,;]|(?:on|in|at|last|this|yesterday|today|later|earlier)\b"
    r"[^\n]{0,30}$)"
)


def _reported_source(text: str, m: re.Match[str], para_end: int) -> Source | None:
    """Whom a closing attribution ('..., said Brennan.', '..., Brennan said.') names; None
    when it is none (the sentence goes on after the name)."""
    if m.group("verb1"):
        obj_start = m.end()
        s_end = sentence_end(text, obj_start, para_end)
        obj = text[obj_start:s_end]
        src = source_from_object(obj, m.group("verb1"))
        if src is None:
            return None
        if src.kind == "pronoun" and not _ENDS_AFTER_PRONOUN.match(obj):
            return None  # "..., said she had no quarrel": "she" opens the reported clause
        if src.kind == "person":
            name_m = OBJECT_NAME.match(obj)
            if name_m is None:
                return None
            if name_m.group("role") is None and obj[name_m.end() :].strip(" ."):
                return None  # the sentence goes on: not a closing attribution
        return src
    subj = m.group("subj")
    if len(subj.split()) > 10:
        return None
    return source_from_phrase(subj, m.group("verb2").split(" ")[0], strict=True)


def _dateline_length(opening: str) -> int:
    """How much of a paragraph's opening is a dateline ("BERGEN, Norway (Wire) – "), which
    nobody says; a capitalised word and a dash alone ("NATO – ...") are not enough."""
    m = DATELINE.match(opening)
    if m is None or not (m.group("region") or m.group("date") or m.group("outlet")):
        return 0
    return m.end()


def _closing_attributions(
    text: str, pi: int, ps: int, pe: int, quotes: list[Statement]
) -> list[Statement]:
    """Unquoted sentences of paragraph ``pi`` closed by an attribution: '..., said X.'."""
    out: list[Statement] = []
    for m in REPORTED.finditer(text, ps, pe):
        comma = m.start()
        if comma > ps and text[comma - 1] in '"”’':
            continue  # handled as a direct quote
        src = _reported_source(text, m, pe)
        if src is None:
            continue
        s0 = sentence_start(text, ps, comma)
        if s0 == ps:
            s0 += _dateline_length(text[ps:comma])
        content = text[s0:comma]
        if QUOTE_MARK.search(content) or len(content.split()) < 4:
            continue
        if any(q.start < comma and s0 < q.end for q in quotes):
            continue
        out.append(_reported_item(comma - len(content), comma, pi, s0, src, src.cue))
    return out


def _according_to_opening(text: str, pi: int, ps: int, pe: int) -> Statement | None:
    """An unquoted sentence opening with 'According to X, ...' in paragraph ``pi``."""
    if "According to" not in text[ps:pe]:
        return None
    pre = _ACCORDING_START.search(text, ps, pe)
    if not pre:
        return None
    s0 = pre.start()
    if sentence_start(text, ps, s0 + 1) != s0:
        return None
    s_end = sentence_end(text, s0, pe)
    body = text[pre.end() : s_end]
    comma = body.find(",")
    if comma < 0 or QUOTE_MARK.search(body):
        return None
    src = source_from_object(body[:comma], "according to")
    start = pre.end() + comma + 1
    while start < s_end and text[start] == " ":
        start += 1
    if src is None or len(text[start:s_end].split()) < 4:
        return None
    return _reported_item(start, s_end, pi, s0, src, "according to", text)


def find_reported(
    text: str, paras: list[tuple[int, int]], quotes: list[Statement]
) -> list[Statement]:
    """Unquoted reported speech: '..., said Brennan.' and 'According to X, ...'."""
    out: list[Statement] = []
    for pi, (ps, pe) in enumerate(paras):
        out.extend(_closing_attributions(text, pi, ps, pe, quotes))
        opening = _according_to_opening(text, pi, ps, pe)
        if opening is not None:
            out.append(opening)
    return out


def find_statements(text: str, paras: list[tuple[int, int]]) -> list[Statement]:
    """Quotes and unquoted reported speech, in text order, each waiting for its speaker."""
    quotes = find_quotes(text, paras)
    items = quotes + find_reported(text, paras, quotes)
    items.sort(key=lambda it: it.start)
    return items
