"""Towns of other countries below the gazetteer's population threshold, kept compact.

GeoNames' 500+ file holds about 160,000 such towns ("Nenagh", "New Quay", "Valemount").
As gazetteer entries in the cached gazetteer they doubled a process's memory (118 MB ->
245 MB) and its start; here they are one sorted blob of text lines found by binary search,
behind a bit filter that answers "no town of that name" (nearly every lookup) at once.
The table is plain bytes, so the gazetteer cache stores it as it is.
"""

from __future__ import annotations

import bisect
import functools
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

#: Bits of the filter: keys and first words of ~160,000 names set about 6 % of them.
FILTER_BITS = 1 << 22
_FIRST_WORD = b"\x01"

#: One town: (key, name, country code, admin1 code, population, latitude, longitude, id).
Row = tuple[str, str, str, str, int, float, float, int]


def _field(text: str) -> str:
    """A name as one field of a line (GeoNames' have no tabs or line breaks anyway)."""
    return text.replace("\t", " ").replace("\n", " ")


def _bit(data: bytes) -> int:
    return zlib.crc32(data) & (FILTER_BITS - 1)


@dataclass(frozen=True)
class TownTable:
    """Towns by normalised name: lines "key, name, country, admin1, population, lat,
    lon, id" (tab-separated), sorted by key, then by population, largest first."""

    blob: bytes
    #: End offset of each line, as an ``array("I")``'s bytes.
    ends: bytes
    #: Bit filter over the keys and over their first words.
    bits: bytes

    @classmethod
    def build(cls, rows: Iterable[Row]) -> TownTable:
        """The table of ``rows`` (keys already normalised, none empty)."""
        ordered = sorted(rows, key=lambda r: (r[0], -r[4], r[7]))
        lines = [f"{r[0]}\t{_field(r[1])}\t{r[2]}\t{r[3]}\t{r[4]}\t{r[5]}\t{r[6]}\t{r[7]}\n"
                 .encode() for r in ordered]
        ends = array("I")
        total = 0
        bits = bytearray(FILTER_BITS // 8)
        for row, line in zip(ordered, lines, strict=True):
            total += len(line)
            ends.append(total)
            for probe in (row[0].encode(), _FIRST_WORD + row[0].split(" ", 1)[0].encode()):
                bit = _bit(probe)
                bits[bit >> 3] |= 1 << (bit & 7)
        return cls(b"".join(lines), ends.tobytes(), bytes(bits))

    @functools.cached_property
    def _ends(self) -> array[int]:
        ends = array("I")
        ends.frombytes(self.ends)
        return ends

    def _has(self, probe: bytes) -> bool:
        bit = _bit(probe)
        return bool(self.bits[bit >> 3] & (1 << (bit & 7)))

    def may_start(self, word: str) -> bool:
        """False when no town's name starts with the (normalised) word ``word``."""
        return self._has(_FIRST_WORD + word.encode())

    def _key_at(self, index: int) -> bytes:
        start = self._ends[index - 1] if index else 0
        return self.blob[start:self.blob.index(b"\t", start)]

    def rows(self, key: str) -> list[Row]:
        """The towns named ``key`` (normalised), largest first."""
        wanted = key.encode()
        if not self._has(wanted):
            return []
        ends = self._ends
        found: list[Row] = []
        i = bisect.bisect_left(range(len(ends)), wanted, key=self._key_at)
        while i < len(ends) and self._key_at(i) == wanted:
            start = ends[i - 1] if i else 0
            k, name, code, admin1, pop, lat, lon, gid = (
                self.blob[start:ends[i] - 1].decode().split("\t"))
            found.append((k, name, code, admin1, int(pop), float(lat), float(lon), int(gid)))
            i += 1
        return found

    def __len__(self) -> int:
        return len(self.ends) // 4
