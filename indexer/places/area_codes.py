"""The states and provinces a text's telephone numbers are in.

A local paper that never names its state still prints phone numbers ("call
903-675-8477"), and an area code belongs to one US state or Canadian province: the text's
"Athens" beside a 903 number is the one in Texas. The table is generated
(:mod:`.area_code_table`); toll-free and other non-geographic codes are not in it.
"""

from __future__ import annotations

import re

from .area_code_table import AREA_CODES

#: The end of a North American number, "675-8477" or "675.8477" (searched first: the whole
#: number's pattern, tried at every character, cost five times as much) ...
_TAIL = re.compile(r"[2-9]\d\d[-.]\d{4}(?![\d-])")
#: ... and what must stand right before it: "903-", "903." or "(903) ".
_HEAD = re.compile(r"(?:\(([2-9]\d\d)\) ?|(?<![\d-])([2-9]\d\d)([-.]))$")


def phone_regions(text: str) -> set[tuple[str, str]]:
    """(country code, admin1 code) of each state or province whose area code a phone
    number in ``text`` has: "903-675-8477", "(903) 675-8477", "903.675.8477"."""
    regions: set[tuple[str, str]] = set()
    for tail in _TAIL.finditer(text):
        start = tail.start()
        head = _HEAD.search(text, max(0, start - 6), start)
        # the same separator twice ("903-675-8477"); a dash after a bracketed code
        if head is None or text[start + 3] != (head.group(3) or "-"):
            continue
        region = AREA_CODES.get(head.group(1) or head.group(2))
        if region is not None:
            regions.add(region)
    return regions
