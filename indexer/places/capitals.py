"""What a word's capitals say about it: whether the text also writes it in lower case (a
common word, not a name), and whether a run in capitals stands where a dateline does even
without the dateline's usual punctuation."""

from __future__ import annotations

import re

from .tokens import JOINERS, Token, is_letter
from .words import CONNECTORS

#: A news agency's credit in brackets, then a dash: "WASHINGTON (AP) —" after a byline.
#: Whatever stands before it, a run in capitals here is a dateline.
_WIRE_CREDIT = re.compile(r"\s*\([A-Z][A-Za-z]{1,9}\)\s*(?:--|[—–\x97-])")


def written_in_lower_case(text: str, word: str) -> bool:
    """True when ``word`` (lower case) is a word of :data:`.tokens.TOKEN` in ``text``, with or
    without a full stop after it: what "the text also says 'mobile home'" means.

    Found with ``str.find`` and the word's edges checked by hand: one compiled pattern
    per word costs more than the whole scan.
    """
    n, size = len(text), len(word)
    pos = text.find(word)
    while pos >= 0:
        before = text[pos - 1] if pos else ""
        starts = not (before and (is_letter(before) or (
            before in JOINERS and pos > 1 and is_letter(text[pos - 2]))))
        after = text[pos + size] if pos + size < n else ""
        then = text[pos + size + 1] if pos + size + 1 < n else ""
        if word in CONNECTORS:
            ends = after == "." and not is_letter(then)
        else:
            ends = not (is_letter(after) or (after in JOINERS and after and is_letter(then)))
        if starts and ends:
            return True
        pos = text.find(word, pos + 1)
    return False


def bare_dateline(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """Tokens i..j in capitals as a dateline whose punctuation the text lacks: a wire
    credit after them wherever they stand ("Associated Press WASHINGTON (AP) —"), or
    opening the text before a capitalised word ("LONDON The Latest on ...").

    Only the first of these needs no gazetteer support beyond the name itself; the second
    holds only at the very start of the text, where a headline in capitals would be
    followed by more capitals.
    """
    if not all(t.all_caps for t in tokens[i : j + 1]):
        return False
    if _WIRE_CREDIT.match(text, tokens[j].end):
        return True
    if i != 0 or text[: tokens[0].start].strip() or j + 1 >= len(tokens):
        return False
    nxt = tokens[j + 1]
    return (text[tokens[j].end : nxt.start] == " " and nxt.upper_initial
            and not nxt.all_caps)
