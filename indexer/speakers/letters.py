"""Letter classes and the two whitespace patterns that name handling shares.

Apart from :mod:`.patterns` so that canonicalising a name (the search side merges
speaker facet values with :func:`.names.merge_names`) does not compile the extraction's
cue-verb patterns: a search process never extracts.
"""

from __future__ import annotations

import re

#: Latin letters beyond ASCII, so "José", "Łukasz" and "Şahin" are names too.
_EXTRA = [chr(c) for c in range(0xC0, 0x250) if chr(c).isalpha()]

#: Character-class contents (for inside [...]): capitals, lower case, both.
UPPER = "A-Z" + "".join(c for c in _EXTRA if c.isupper())
LOWER = "a-z" + "".join(c for c in _EXTRA if c.islower())
LETTERS = UPPER + LOWER

WHITESPACE = re.compile(r"\s+")
#: A bracketed aside and the space before it: "(D-Calif.)", "(pictured)".
PARENTHESES = re.compile(r"\s*\([^()]*\)")
