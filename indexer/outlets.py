"""Who published an article that came without metadata: read off its byline or dateline.

A byline names an outlet only when it names an organisation ("By CJTF-OIR Public
Affairs", "By Northline Wire Staff"); "By Jane Doe" names an author. A dateline names
the outlet in brackets ("ERBIL (Kurdistan 24) –").
"""

from __future__ import annotations

import re

from .lexicon import BYLINE_ORGANISATION_WORDS

_ORG_WORDS = re.compile(r"\b(?:" + "|".join(BYLINE_ORGANISATION_WORDS) + r")\b", re.IGNORECASE)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{2,}\b")
_STAFF_SUFFIX = re.compile(
    r"\s+(?:staff(?:\s+(?:writer|reporter)s?)?|reporters?|editors?|correspondents?)$", re.I
)
_AUTHOR_AND_OUTLET = re.compile(r"^(?P<author>[^,]+),\s*(?P<outlet>.+)$")


def _drop_repeated_acronym(words: list[str]) -> list[str]:
    """Drop a trailing unit tag that repeats an earlier token: "CJTF-OIR ... CJTF OIR"."""
    for cut in range(len(words) - 1, 0, -1):
        head, tail = words[:-cut], words[-cut:]
        letters = {re.sub(r"[^A-Za-z0-9]", "", w) for w in head}
        if all(w.isupper() for w in tail) and "".join(tail) in letters:
            return head
    return words


def looks_like_organisation(name: str) -> bool:
    """True for "CJTF-OIR Public Affairs", false for "Jane Doe"."""
    return bool(_ORG_WORDS.search(name) or _ACRONYM.search(name))


def split_byline(byline: str) -> tuple[str | None, str | None]:
    """Split a byline into (author, outlet); either may be None."""
    text = byline.strip().rstrip(".")
    pair = _AUTHOR_AND_OUTLET.match(text)
    if pair and looks_like_organisation(pair.group("outlet")):
        outlet = _clean_outlet(pair.group("outlet"))
        author = pair.group("author").strip()
        return (None, outlet) if looks_like_organisation(author) else (author, outlet)
    if looks_like_organisation(text):
        return None, _clean_outlet(text)
    return text or None, None


def _clean_outlet(name: str) -> str:
    words = _drop_repeated_acronym(name.split())
    return _STAFF_SUFFIX.sub("", " ".join(words)).strip()
