"""A person's gender as the text shows it (an honorific, a title word, a first name), which
"he" and "she" must agree with and which keeps "Mr. Boone" apart from Harriet Boone."""

from __future__ import annotations

from .first_names import first_name_gender
from .model import Group
from .names import name_tokens, title_key

# fmt: off
_MALE_WORDS = frozenset({"mr", "king", "prince", "father", "sir", "lord", "congressman",
                         "chairman", "spokesman", "businessman", "brother", "son", "pope",
                         "alderman", "assemblyman"})

_FEMALE_WORDS = frozenset({"mrs", "ms", "miss", "queen", "princess", "lady", "dame",
                           "congresswoman", "chairwoman", "spokeswoman", "businesswoman",
                           "sister", "daughter", "mother", "wife", "alderwoman",
                           "assemblywoman"})
# fmt: on


def gender_of(name: str, title: str | None) -> str:
    """'m', 'f' or '' from an honorific or title word, else from the first given name."""
    for tok in (title or "").split():
        key = title_key(tok)
        if key in _MALE_WORDS:
            return "m"
        if key in _FEMALE_WORDS:
            return "f"
    toks = name_tokens(name)
    if len(toks) >= 2:
        return first_name_gender(toks[0].lower())
    return ""


def group_gender(group: Group) -> str:
    """The gender a group's names and aliases agree on ('' when unknown or mixed).

    Names and aliases are only ever added, so only those added since the last question
    are read: a text quoting one person thousands of times asks at every quote."""
    names_read, aliases_read, found = group.genders_seen
    if names_read < len(group.names) or aliases_read < len(group.aliases):
        found = found | {gender_of(n, t) for n, t in group.names[names_read:]} | {
            gender_of("", a.split()[0]) for a in group.aliases[aliases_read:] if " " in a
        }
        group.genders_seen = (len(group.names), len(group.aliases), found)
    known = found - {""}
    return next(iter(known)) if len(known) == 1 else ""
