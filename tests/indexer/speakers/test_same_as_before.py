"""The speaker modules' faster paths give exactly what the code they replace gave.

Cue verbs are matched through a trie instead of a flat alternation; a quick test skips
the participle search; a surname's '," Sammon said' and a name's role are found with
``str.find`` instead of a pattern compiled per name; single quotes are looked for only
where a ‘ is. The old code is kept here as the oracle.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsfacet.indexer.speakers import attribution, mentions, patterns, people, quotes
from newsfacet.indexer.speakers.names import DESCRIPTORS
from newsfacet.indexer.speakers.patterns import UPPER
from newsfacet.indexer.speakers.sources import role_in_text, trim_role

_LEFT = r"(?<![\w'’-])"


def _flat(verbs: str, participles: str) -> str:
    """A cue pattern as it was written: two flat alternations of the words, in order."""
    return (rf"{_LEFT}(?P<verb>{'|'.join(verbs.split())})\b"
            rf"|{_LEFT}(?P<part>{'|'.join(participles.split())})\b")


OLD_SENTENCE_CUE = re.compile(
    _flat(patterns._SENTENCE_CUE_VERBS, patterns._SENTENCE_CUE_PARTICIPLES)
)
OLD_SPEECH_CUE_TEXT = _flat(patterns._SPEECH_CUE_VERBS, patterns._SPEECH_CUE_PARTICIPLES)
OLD_SPEECH_CUE = re.compile(OLD_SPEECH_CUE_TEXT)
OLD_CUE_AFTER = re.compile(
    r"(?:,[^,\"“”\n]{0,80},)?\s+(?:\w+ly\s+|also\s+|has\s+|had\s+|have\s+|then\s+)*"
    + OLD_SPEECH_CUE_TEXT
)
OLD_CUE_BEFORE = re.compile(r"(?:" + OLD_SPEECH_CUE_TEXT + r")[ ,]+(?:\w+\s+){0,4}$")

CUE_WORDS = sorted(set(
    (patterns._SENTENCE_CUE_VERBS + patterns._SENTENCE_CUE_PARTICIPLES).split()
))
PIECES = [
    " ", "  ", ", ", ",", ".", ":", "'", "’", "-", "_", "\n", "\t", '"', "“", "”", "‘", "’",
    "Sammon", "Hale", "Jane Doe", "Dr. Ines Roca", "Political scientist ", "a", "the",
    "also ", "quickly ", "has ", ", a hydrologist at X,", "he", "it", "s", "ed", "ing",
    "un", "x", "telling reporters", "telling", "saying", "and ", "9", "(D-Calif.)", "İ",
]
texts = st.lists(
    st.sampled_from(CUE_WORDS) | st.sampled_from(PIECES) | st.text(max_size=2), max_size=24
).map("".join)


def _found(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=500, deadline=None)
@given(texts, st.integers(0, 30), st.integers(0, 40))
def test_cue_tries_match_what_the_flat_alternations_did(text: str, lo: int, hi: int) -> None:
    for new, old in ((patterns.SENTENCE_CUE, OLD_SENTENCE_CUE),
                     (patterns.SPEECH_CUE, OLD_SPEECH_CUE)):
        assert _found(new.finditer(text, lo, hi)) == _found(old.finditer(text, lo, hi))
        assert _found(new.finditer(text)) == _found(old.finditer(text))
    for new, old in ((mentions._CUE_AFTER, OLD_CUE_AFTER),
                     (mentions._CUE_BEFORE, OLD_CUE_BEFORE)):
        assert _found(filter(None, [new.match(text, lo, hi)])) == _found(
            filter(None, [old.match(text, lo, hi)]))
        assert _found(filter(None, [new.search(text, lo, hi)])) == _found(
            filter(None, [old.search(text, lo, hi)]))


#: The end of a sentence before a quote, in the shapes the participle pattern reads.
participle_ends = st.tuples(
    texts,
    st.sampled_from([",", " and", "and", ", x"]),
    st.sampled_from([" ", "  ", ""]),
    st.sampled_from(["saying", "telling reporters", "telling them. so", "asking", "tweeting"]),
    st.sampled_from(["", " ", ",", ":", " , ", ",,", "\n", ", \n", "\n\n", "x"]),
).map("".join)


@settings(max_examples=800, deadline=None)
@given(texts | participle_ends)
def test_the_participle_quick_test_never_skips_a_match(pre: str) -> None:
    if attribution._PARTICIPLE.search(pre) is not None:
        assert attribution._may_end_with_participle(pre)


def old_person_cue(text: str, surname: str) -> bool:
    esc = re.escape(surname)
    cue = rf"(?:[,”\"][ ]+{esc}[ ]+(?:said|says|added|told|wrote)\b|\bsaid[ ]+{esc}[ ]*[.,])"
    return re.search(cue, text) is not None


def old_said_after_quote(text: str, surname: str) -> bool:
    esc = re.escape(surname)
    return re.search(rf"[,”\"][ ]+{esc}[ ]+(?:said|says|told)\b", text) is not None


surnames = st.sampled_from(["Sammon", "Hale", "Doe", "a", "s", " ", "", "Roca.", "x y"]) | (
    st.text(max_size=3)
)
speech = st.lists(
    st.sampled_from([*PIECES, "said", "says", "told", "wrote", "added", "saidx", "_said"])
    | surnames,
    max_size=20,
).map("".join)
#: '," Sammon said' and 'said Sammon.' with what may stand around them.
cue_phrases = st.tuples(
    st.sampled_from(["", "x", "_", " ", "a,", "”", "un"]),
    st.sampled_from(["said", ",", "”", '"', "x"]),
    st.sampled_from([" ", "  ", ""]),
    st.sampled_from(["Sammon", "Hale", "s"]),
    st.sampled_from([" said", "  told", ".", " ,", "", " saidx", " wrote", " says."]),
    st.sampled_from(["", "x", " ", "."]),
).map(lambda parts: ("".join(parts), parts[3]))


@settings(max_examples=1000, deadline=None)
@given(st.tuples(speech, surnames) | cue_phrases)
@example(("said Sammon.x", "Sammon"))  # "said" opens the text: nothing before its bound
@example(('x," Sammon said', "Sammon"))
def test_surname_cues_are_the_old_searches(case: tuple[str, str]) -> None:
    text, surname = case
    assert people._speaks_after_quote(
        text, surname, people._CUE_AFTER_NAME, said_before=True
    ) == old_person_cue(text, surname)
    assert people._speaks_after_quote(
        text, surname, people._SAID_AFTER_NAME, said_before=False
    ) == old_said_after_quote(text, surname)


def old_role_in_text(text: str, name: str) -> str | None:
    if len(name.split()) < 2:
        return None
    for m in re.finditer(re.escape(name), text):
        after = re.match(r"(?:[ ]*\([^()\n]{1,40}\))?,[ ]+(?:\d{1,3},[ ]+)?"
                         r"((?:a|an|the)[ ][^,;:\"“”\n]{2,120}),",
                         text[m.end() : m.end() + 160])
        if after:
            role = trim_role(after.group(1))
            if role:
                return role
        before = re.search(
            rf"(?:^|[.!?]\s+|\n)(?P<desc>(?:[{UPPER}][a-z]+[ ])?[a-z]+[ ])"
            rf"(?:(?:[{UPPER}][a-z]*\.|[{UPPER}][a-z]+)[ ])*$",
            text[max(0, m.start() - 60) : m.start()],
        )
        if before and before.group("desc").split()[-1].lower() in DESCRIPTORS:
            return before.group("desc").strip()
    return None


names = st.sampled_from(["Jane Doe", "Ines Roca", "Doe Doe", "a a", "Jane"])
roles = st.lists(
    st.sampled_from([*PIECES, "Jane Doe", "Ines Roca", "Doe", "scientist ", "engineer ",
                              ", an engineer at Y,", ", 27, the mayor of Z,", ". ", "\n"]),
    max_size=16,
).map("".join)


@settings(max_examples=800, deadline=None)
@given(roles, names)
def test_role_in_text_is_the_old_search(text: str, name: str) -> None:
    assert role_in_text(text, name) == old_role_in_text(text, name)


def old_quote_spans(text: str, ps: int, pe: int) -> list[quotes.QuoteSpan]:
    marks = list(patterns.QUOTE_MARK.finditer(text, ps, pe))
    spans: list[quotes.QuoteSpan] = []
    open_at: int | None = None
    for m in marks:
        ch = m.group()
        at = m.start()
        if (ch == "“" and open_at is not None and not text[at - 1].isspace()
                and (at + 1 >= pe or text[at + 1] in " \t\u00a0")):
            ch = "”"
        if ch == "“" or (ch == '"' and open_at is None):
            if open_at is None:
                open_at = m.start()
        elif open_at is not None:
            spans.append((open_at, m.start(), True))
            open_at = None
    if open_at is not None:
        spans.append((open_at, pe, False))
    if not marks:
        for sm in quotes._SINGLE_QUOTE.finditer(text, ps, pe):
            body = sm.group("body")
            if len(body.split()) >= 3 and body[-1] in ",.!?…—–-":
                spans.append((sm.start(), sm.end() - 1, True))
    return spans


single = st.lists(
    st.sampled_from(["‘", "’", " ", "word", "three more words", ",", ".", "(", "\n", "a"]),
    max_size=16,
).map("".join)


@settings(max_examples=800, deadline=None)
@given(single | texts, st.integers(0, 10), st.integers(0, 40))
def test_quote_spans_are_the_old_ones(text: str, ps: int, pe: int) -> None:
    pe = min(pe, len(text))
    assert quotes._quote_spans(text, ps, pe) == old_quote_spans(text, ps, pe)


#: Text before a quote ending in a cue: 'he wrote on Facebook last night that '.
cue_ends = st.tuples(
    texts,
    st.sampled_from(["said", "wrote on Facebook", "went on to say", "according to", "told",
                     "blurted out", "says now", "added later", "x", ""]),
    st.text(alphabet=" ab,.—–:\n", max_size=70)
    | st.text(alphabet=" ab,—", min_size=50, max_size=66),  # the longest tails allowed
    st.sampled_from(["", " ", "     "]),
    st.sampled_from(["", ",", ":", "that", " that", "—", "–", ";"]),
    st.sampled_from(["", " ", "   ", "\n", " \n"]),
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(texts | cue_ends)
def test_the_cue_search_from_its_start_finds_the_same_match(pre: str) -> None:
    whole = patterns.CUE_BEFORE_QUOTE.search(pre)
    later = patterns.CUE_BEFORE_QUOTE.search(pre, patterns.cue_search_start(pre))
    assert _found(filter(None, [later])) == _found(filter(None, [whole]))


def test_the_cue_verb_width_is_the_patterns() -> None:
    widest = re._parser.parse(patterns._VERB).getwidth()[1]  # type: ignore[attr-defined]
    assert widest == patterns.CUE_VERB_WIDTH


label_ends = st.tuples(
    texts,
    st.sampled_from([". ", ".” ", "", "! "]),
    st.sampled_from(["Said ", "Continued ", ""]),
    st.sampled_from(["Clinton", "Jane Doe", "Comey (R-Ohio)"]),
    st.sampled_from(["", " "]),
    st.sampled_from([":", ",", ";", ""]),
    st.sampled_from(["", " ", "  ", "\n"]),
).map("".join)


@settings(max_examples=800, deadline=None)
@given(texts | label_ends)
def test_the_label_quick_test_never_skips_a_match(pre: str) -> None:
    if attribution._LABEL_BEFORE.search(pre) is not None:
        assert pre.rstrip(" \n").endswith((":", ","))
