"""Calendar dates and date-times as ISO 8601 / RFC 3339 write them, read strictly.

Why not ``date.fromisoformat``: since Python 3.11 it also takes ``20200101`` and week
dates (``2020-W01-1``), and reading only ``text[:10]`` took ``2020-01-01garbage`` and
``2020-01-01T99:99:99``. What is accepted here, exactly:

- a date, ``YYYY-MM-DD``;
- a date-time, ``YYYY-MM-DD`` then ``T`` (or ``t``, or one space, as RFC 3339 allows)
  then ``hh:mm``, optionally ``:ss`` and a fraction, optionally an offset: ``Z``,
  ``±hh:mm``, ``±hhmm`` or ``±hh``.

Every field must be in range (a leap second, ``:60``, is allowed). The date is the one
written: ``2024-05-01T23:30:00-05:00`` is 1 May, the day the outlet dated it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[Tt ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"(?:[Zz]|[+-](?P<off_hour>\d{2})(?::?(?P<off_minute>\d{2}))?)?)?",
    re.ASCII,
)


def parse_iso_date(text: str) -> dt.date | None:
    """The calendar date of an ISO date or date-time; None if ``text`` is anything else."""
    match = _ISO.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(match[name]) for name in ("year", "month", "day"))
    if not (year >= 1 and 1 <= month <= 12
            and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    limits = {"hour": 23, "minute": 59, "second": 60, "off_hour": 23, "off_minute": 59}
    for name, highest in limits.items():
        if match[name] is not None and int(match[name]) > highest:
            return None
    return dt.date(year, month, day)
