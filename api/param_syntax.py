"""The syntax of query parameters that are text, as regular expressions for the description.

The OpenAPI description promises, parameter by parameter, what the server takes; a
generator (schemathesis) draws values from these patterns and expects each one to be
accepted, so a pattern must not be looser than the parser (``2024-02-30`` has the shape
of a date but is none). These are built once here from the same rules the parsers in
:mod:`param_values` apply, and ``tests/api/test_param_syntax.py`` checks the two agree both
ways on generated values.

Patterns use only syntax common to Python and ECMA-262 regular expressions (no
look-arounds, no inline flags), so any OpenAPI tool can read them.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Whitespace the parsers strip around a value: ASCII only, because Python's ``\s`` and
#: ECMA-262's ``\s`` disagree beyond it (``\x85``, ``\ufeff``...).
SPACES = " \t\n\r\f\v"
_WS = "[ \\t\\n\\r\\f\\v]"


def _either(*options: str) -> str:
    return "(?:" + "|".join(options) + ")"


def _any_case(word: str) -> str:
    """``since`` -> ``[Ss][Ii][Nn][Cc][Ee]`` (no inline ``(?i)`` in ECMA-262)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


#: A year the calendar has (0001-9999).
YEAR = _either("000[1-9]", "00[1-9][0-9]", "0[1-9][0-9]{2}", "[1-9][0-9]{3}")
#: Years with a 29 February: divisible by 4, centuries only when divisible by 400.
LEAP_YEAR = _either("[0-9]{2}(?:0[48]|[2468][048]|[13579][26])",
                    "(?:0[48]|[2468][048]|[13579][26])00")


def calendar_date(zero_padded: bool) -> str:
    """YYYY-MM-DD that exists; month and day may drop a leading zero unless ``zero_padded``."""
    z = "0" if zero_padded else "0?"
    long_months, short_months = f"(?:{z}[13578]|1[02])", f"(?:{z}[469]|11)"
    day_31, day_30 = f"(?:{z}[1-9]|[12][0-9]|3[01])", f"(?:{z}[1-9]|[12][0-9]|30)"
    day_28 = f"(?:{z}[1-9]|1[0-9]|2[0-8])"
    return _either(f"{YEAR}-{long_months}-{day_31}", f"{YEAR}-{short_months}-{day_30}",
                   f"{YEAR}-{z}2-{day_28}", f"{LEAP_YEAR}-{z}2-29")


#: hh:mm[:ss[.fraction]] and an optional offset, as :mod:`schema.isodate` reads them.
TIME = ("[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::(?:[0-5][0-9]|60)(?:[.,][0-9]+)?)?"
        "(?:[Zz]|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?")
#: What a date bound takes in ISO syntax: a year, a month, a day or a date-time.
ISO_BOUND = _either(YEAR, f"{YEAR}-(?:0?[1-9]|1[0-2])", calendar_date(zero_padded=False),
                    calendar_date(zero_padded=True) + TIME)


def _padded(body: str) -> str:
    """Whole value, optionally surrounded by whitespace (the parsers strip it), or empty."""
    return f"^{_WS}*(?:{body})?{_WS}*$"


#: ``date_to`` in ISO syntax (empty: no bound).
DATE_TO = _padded(ISO_BOUND)
#: ``date_from`` also takes ``since <bound>``.
DATE_FROM = _padded(_either(ISO_BOUND, _any_case("since") + f"{_WS}+" + ISO_BOUND))
#: ``as_of``: a calendar day, YYYY-MM-DD (empty: today).
AS_OF = _padded(calendar_date(zero_padded=True))
#: ``half_life``: a positive number of days, weeks, months or years (``30``, ``2w``).
HALF_LIFE = _padded(r"(?:0*[1-9][0-9]*(?:\.[0-9]+)?|0+\.[0-9]*[1-9][0-9]*)"
                    + f"{_WS}*[dDwWmMyY]?")


def name_list(names: Iterable[str]) -> str:
    """Names separated by commas (spaces and empty items ignored), as ``split_list`` reads
    one value of a repeated parameter such as ``facets=outlet,date``."""
    name = _either(*names)
    sep = "[ \\t\\n\\r\\f\\v,]"
    return f"^{sep}*(?:{name}{_WS}*(?:,{sep}*{name}{_WS}*)*{sep}*)?$"
