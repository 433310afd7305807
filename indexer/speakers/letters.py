"""Letter classes and the two whitespace patterns that name handling shares.

Apart from :mod:`.patterns` so that canonicalising a name (the search side merges
speaker facet values with :func:`.names.merge_names`) does not compile the extraction's
cue-verb patterns: a search process never extracts.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

#: Latin letters beyond ASCII, so "José", "Łukasz" and "Şahin" are names too.
_EXTRA = [chr(c) for c in range(0xC0, 0x250) if chr(c).isalpha()]


def _char_class(letters: Iterable[str]) -> str:
    """Character-class contents (for inside [...]) matching exactly ``letters``, written
    as runs of consecutive code points ("À-Ö").

    Why: these classes sit several times in each name pattern, and ``re`` parses every
    character of a class one by one; listed singly, the letters made the cue patterns
    ~6,000 characters long and their compiling a third of a cold ``newsfacet index``.
    """
    codes = sorted({ord(c) for c in letters})
    runs: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -1]:
        if code == prev + 1:
            prev = code
            continue
        runs.append(chr(start) if prev == start
                    else chr(start) + chr(prev) if prev == start + 1
                    else f"{chr(start)}-{chr(prev)}")
        start = prev = code
    return "".join(runs)


#: Character-class contents (for inside [...]): capitals, lower case, both.
UPPER = _char_class([*string.ascii_uppercase, *(c for c in _EXTRA if c.isupper())])
LOWER = _char_class([*string.ascii_lowercase, *(c for c in _EXTRA if c.islower())])
LETTERS = _char_class([*string.ascii_letters, *(c for c in _EXTRA if c.isupper() or c.islower())])

WHITESPACE = re.compile(r"\s+")
#: A bracketed aside and the space before it: "(D-Calif.)", "(pictured)".
PARENTHESES = re.compile(r"\s*\([^()]*\)")
