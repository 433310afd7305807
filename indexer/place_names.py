"""The conventional names of places that GeoNames does not carry, and the label rule.

Short forms of countries ("U.S.", "UK"), AP-style state abbreviations ("Ind."), irregular
demonyms ("British"), and :func:`english_name`: the name an English-language reader
writes for a place whose GeoNames name is a transliteration ("Al Ḩasakah" is "Hasakah").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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
    "Democratic People's Republic of Korea": "KP",
    "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Republic of Congo": "CG",
    "Republic of the Congo": "CG",
    "Congo-Brazzaville": "CG",
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

#: Canadian provinces as news abbreviates them ("Surrey, B.C."): form -> (country, name).
PROVINCE_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "B.C.": ("CA", "British Columbia"),
    "Ont.": ("CA", "Ontario"),
    "Alta.": ("CA", "Alberta"),
    "Que.": ("CA", "Quebec"),
    "Sask.": ("CA", "Saskatchewan"),
    "Man.": ("CA", "Manitoba"),
    "N.S.": ("CA", "Nova Scotia"),
    "N.B.": ("CA", "New Brunswick"),
    "P.E.I.": ("CA", "Prince Edward Island"),
    "Nfld.": ("CA", "Newfoundland and Labrador"),
}

#: Irregular demonyms, which no suffix rule derives from the country name.
#: Values are ISO2 codes; everything else about the country comes from GeoNames.
IRREGULAR_DEMONYMS: dict[str, str] = {
    "British": "GB",
    "French": "FR",
    "Dutch": "NL",
    "Swiss": "CH",
    "Greek": "GR",
    "Irish": "IE",
    "Spanish": "ES",
    "Polish": "PL",
    "Danish": "DK",
    "Swedish": "SE",
    "Finnish": "FI",
    "Norwegian": "NO",
    "Lebanese": "LB",
    "Portuguese": "PT",
    "Belgian": "BE",
    "Peruvian": "PE",
    "Afghan": "AF",
    "Cypriot": "CY",
    "Filipino": "PH",
    "Thai": "TH",
    "Saudi": "SA",
    "Czech": "CZ",
    "Slovak": "SK",
    "Serb": "RS",
    "Croat": "HR",
    "Kazakh": "KZ",
    "Uzbek": "UZ",
    "Argentine": "AR",
    "Congolese": "CD",
    "Emirati": "AE",
    "Turk": "TR",
    "Kosovar": "XK",
    "Bosnian": "BA",
    "Macedonian": "MK",
    "German": "DE",
    "Turkish": "TR",
    "Somali": "SO",
    "Welsh": "GB",
    "Scottish": "GB",
}


#: Arabic articles that GeoNames writes as a separate word ("Al Ḩasakah", "Ar Raqqah").
_ARTICLE = re.compile(r"^(?:Al|Ar|As|Ad|Ash|At|Az|An)[ -](?=\w{4,})")

#: Letters that Unicode does not decompose into a base letter plus a mark.
_PLAIN = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h",
                        "ʼ": "", "ʻ": "", "’": "'", "‘": "'", "ʿ": "", "ʾ": ""})


def _is_latin(name: str) -> bool:
    """True when the name is written in (accented) Latin letters."""
    return all(ord(ch) < 0x250 or ch in "ʼʻ’‘ʿʾ" for ch in name)


def latin_names(names: Iterable[str]) -> list[str]:
    """The names worth indexing: Latin script, capitalised, not short codes ("CLE")."""
    out = []
    for alt in names:
        if len(alt) < 3 or not alt[0].isupper() or not _is_latin(alt):
            continue
        if alt.isupper() and len(alt) <= 4:
            continue
        out.append(alt)
    return out


def _fold(name: str) -> str:
    """Transliteration marks removed: "Dūmā" -> "Duma", "Al Ḩasakah" -> "Al Hasakah"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_PLAIN))
    return unicodedata.normalize("NFC", "".join(
        ch for ch in decomposed if not unicodedata.combining(ch)))


def english_name(name: str, alternates: Iterable[str] = ()) -> str:
    """The label an English reader knows: GeoNames' name when it is plain Latin-1
    ("Kraków", "Zürich"), else its transliteration marks removed, and a leading Arabic
    article dropped when the place is also known without it ("Al Ḩasakah" -> "Hasakah").
    """
    if all(ord(ch) < 0x100 for ch in name) and not _ARTICLE.match(name):
        return name
    folded = _fold(name)
    stripped = _ARTICLE.sub("", folded)
    if stripped != folded and stripped in {_fold(a) for a in alternates}:
        return stripped
    return folded
