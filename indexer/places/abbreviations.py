"""State and province abbreviations in running text ("Columbus, Ind.", "an Ill. man"):
where an AP-style abbreviation stands for its state, which a gazetteer lookup of
capitalised words cannot tell."""

from __future__ import annotations

import re

from ..gazetteer import Entry, Gazetteer
from .tokens import Token

#: Abbreviations that are unambiguous anywhere: two or more dotted letters ("S.C.", "B.C.").
DOTTED = re.compile(r"^(?:[A-Z][a-z]?\.){2,}$")


def abbreviation_at(gaz: Gazetteer, text: str, tokens: list[Token],
                    i: int) -> tuple[list[Entry], int, int]:
    """A state or province abbreviation at token i: its entry, where it ends and its
    last token; else ([], 0, i).

    After a comma ("Columbus, Ind.", "Wood County, W. Va."); two or more dotted letters
    anywhere ("the S.C. Highway Patrol"); or, with its full stop, where that stop cannot
    end a sentence: before a lower-case word ("an Ill. man", "Western Mass. stargazers")
    or in brackets ("Walker County (Ga.) Sheriff's Office").
    """
    tok = tokens[i]
    after_comma = tok.start >= 2 and text[tok.start - 2] == "," and text[tok.start - 1] == " "
    if not after_comma and "." not in tok.text and text[tok.end : tok.end + 1] != ".":
        return [], 0, i  # neither after a comma nor dotted: most words, answered at once
    last, end = i, tok.end if tok.text.endswith(".") else tok.end + 1
    surface = text[tok.start : end]
    if (len(surface) == 2 and i + 1 < len(tokens)
            and text[end : end + 1] == " " and tokens[i + 1].start == end + 1):
        # "W. Va.", "N. Y.": the initials written apart
        nxt = tokens[i + 1]
        joined_end = nxt.end if nxt.text.endswith(".") else nxt.end + 1
        joined = surface + text[nxt.start : joined_end]
        if text[joined_end - 1 : joined_end] == "." and joined in gaz.abbreviations:
            last, end, surface = i + 1, joined_end, joined
    if not after_comma and not DOTTED.match(surface):
        after = text[end : end + 2]
        free = ((len(after) == 2 and after[0] == " " and after[1].islower())
                or (text[tok.start - 1 : tok.start] == "(" and after[:1] == ")"))
        if not free or not surface.endswith("."):
            return [], 0, i
    entry = gaz.abbreviations.get(surface)
    return ([entry], end, last) if entry else ([], 0, i)
