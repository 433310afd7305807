"""The states and provinces a text's telephone numbers are in.

A local paper that never names its state still prints phone numbers ("call
903-675-8477"), and an area code belongs to one US state or Canadian province: the text's
"Athens" beside a 903 number is the one in Texas. The table is generated
(:mod:`.area_code_table`); toll-free and other non-geographic codes are not in it.
"""

from __future__ import annotations

import re

from .area_code_table import AREA_CODES

#: A North American number written "903-675-8477", "(903) 675-8477" or "903.675.8477".
_PHONE = re.compile(r"(?:\(([2-9]\d\d)\) ?[2-9]\d\d-|(?<![\d-])([2-9]\d\d)([-.])[2-9]\d\d\3)"
                    r"\d{4}(?![\d-])")


def phone_regions(text: str) -> set[tuple[str, str]]:
    """(country code, admin1 code) of each state or province whose area code a phone
    number in ``text`` has."""
    regions: set[tuple[str, str]] = set()
    for match in _PHONE.finditer(text):
        region = AREA_CODES.get(match.group(1) or match.group(2))
        if region is not None:
            regions.add(region)
    return regions
