"""Word lists that more than one extractor knows, kept here so they are written once.

Calendar words (cleaning, dates, speakers and places all need them), name suffixes
(within a document and across the index), titles before names, and the words that make
a capitalised phrase an organisation or a place rather than a person. Lists that serve
one rule of one extractor stay beside that rule; lists here say in their comment who
reads them. All words are lower-case unless the list maps to a written form.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated words (easier to read and edit)."""
    return frozenset(text.split())


# --------------------------------------------------------------------------- calendar

#: Month names, January first: ``MONTHS.index(name) + 1`` is the month number.
MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)  # fmt: skip
#: Abbreviated month names as news text writes them ("Sept." as well as "Sep.").
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip
#: A capitalised month name, full or abbreviated (without the period): exactly the words
#: of :data:`MONTHS` and :data:`MONTH_ABBREVIATIONS` (``tests/indexer/test_lexicon.py``).
MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
#: Weekdays, Monday first: ``WEEKDAYS.index(name)`` is ``date.weekday()``.
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip
#: A capitalised weekday: exactly the words of :data:`WEEKDAYS`.
WEEKDAY_PATTERN = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
#: Every month and weekday word, for lists of words that are never names or places.
CALENDAR_WORDS: frozenset[str] = frozenset(MONTHS + MONTH_ABBREVIATIONS + WEEKDAYS)

# --------------------------------------------------------------------------- names

#: Generational suffixes after a name, lower-case without the period, to their written
#: form: speakers' canonical names and the index-wide merging of names both read it.
NAME_SUFFIXES: dict[str, str] = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}
#: A written suffix in a pattern: "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV".
NAME_SUFFIX_PATTERN = r"Jr\.?|Sr\.?|II|III|IV"

# fmt: off
#: Title abbreviations, lower-case and without the period, mapped to their written form.
#: Abbreviations always get their period back so "Maj Gen" and "Maj. Gen." agree.
TITLE_ABBREVIATIONS: dict[str, str] = {
    "maj": "Maj.", "gen": "Gen.", "lt": "Lt.", "col": "Col.", "sen": "Sen.", "sens": "Sens.",
    "rep": "Rep.", "reps": "Reps.", "gov": "Gov.", "dr": "Dr.", "mr": "Mr.", "mrs": "Mrs.",
    "ms": "Ms.", "mx": "Mx.", "prof": "Prof.", "capt": "Capt.", "sgt": "Sgt.", "adm": "Adm.",
    "brig": "Brig.", "cmdr": "Cmdr.", "cdr": "Cdr.", "cpl": "Cpl.", "pvt": "Pvt.", "pfc": "Pfc.",
    "spc": "Spc.", "rev": "Rev.", "sec": "Sec.", "pres": "Pres.", "supt": "Supt.",
    "det": "Det.", "hon": "Hon.", "amb": "Amb.", "atty": "Atty.", "msgr": "Msgr.", "fr": "Fr.",
    "sgtmaj": "Sgt. Maj.", "cmsgt": "CMSgt.",
}
#: Title words written out, which may stand in a title before a person's name.
TITLE_WORDS: frozenset[str] = frozenset({
    "president", "vice", "prime", "minister", "secretary", "senator", "governor",
    "representative", "congressman", "congresswoman", "speaker", "leader", "majority",
    "minority", "chief", "justice", "judge", "mayor", "ambassador", "chancellor", "pope",
    "king", "queen", "prince", "princess", "sheikh", "sir", "dame", "lord", "lady",
    "attorney", "general", "deputy", "assistant", "director", "commissioner", "chairman",
    "chairwoman", "chair", "sheriff", "detective", "inspector", "superintendent", "pastor",
    "father", "rabbi", "imam", "cardinal", "bishop", "archbishop", "first", "press",
    "foreign", "defense", "defence", "finance", "emir", "crown", "supreme", "commander",
    "major", "colonel", "captain", "lieutenant", "sergeant", "admiral", "brigadier", "rear",
    "corporal", "councilman", "councilwoman", "councilmember", "miss", "professor",
    "doctor", "reverend", "state", "senior", "acting", "interim", "former", "ayatollah",
    "gens", "generals", "presidents", "executive", "officer", "whip", "delegate",
    "constable", "principal", "counsel", "special", "dean", "alderman", "alderwoman",
    "assemblyman", "assemblywoman", "assemblymember", "councillor", "councilor",
})
#: Honorifics as written: they rank below any other title when a name has both.
HONORIFICS: frozenset[str] = frozenset({"Mr.", "Mrs.", "Ms.", "Mx.", "Miss"})
#: Titles after which a capitalised word is a person, not a town ("Sen. Cleveland",
#: "coach Jordan"): the places extractor's shorter list, tuned on the toponym sets.
PERSON_TITLES: frozenset[str] = words(
    """
    mr mrs ms miss dr sen sens rep reps gov gen lt col capt sgt maj adm prof rev
    president judge officer sheriff detective trooper coach senator governor chief
    deputy commander sergeant captain pastor father sister brother
    """
)

# --------------------------------------------------------------------------- organisations

#: Words that make a capitalised phrase an organisation or place, not a person
#: (speakers: classifying a name, and telling an organisation's name by its head word).
ORGANISATION_WORDS: frozenset[str] = frozenset({
    "house", "department", "ministry", "office", "council", "committee", "court", "party",
    "agency", "police", "army", "navy", "force", "forces", "command", "coalition", "group",
    "association", "union", "institute", "university", "college", "center", "centre",
    "foundation", "company", "inc", "corp", "co", "llc", "ltd", "news", "times", "post",
    "press", "journal", "network", "commission", "bureau", "service", "services",
    "administration", "government", "senate", "congress", "parliament", "campaign",
    "organization", "organisation", "fund", "bank", "board", "authority", "states",
    "republic", "kingdom", "nations", "media", "television", "radio", "magazine", "church",
    "democrats", "republicans", "trust", "capitol", "pentagon", "kremlin", "statement",
    "report", "reports", "project", "alliance", "federation",
    "movement", "caucus", "club", "hospital", "school", "schools", "airlines", "airways",
    "motors", "studios", "records", "reuters", "telegraph", "guardian", "tribune", "herald",
    "gazette", "daily", "weekly", "review", "monitor", "observatory", "watch", "index",
    "poll", "survey", "study", "data", "policy", "affairs", "security", "intelligence",
    "department's", "today", "tonight", "program", "programme", "team", "staff", "commerce",
    "chamber", "legislature", "assembly", "cabinet", "embassy", "consulate", "mission",
    "county", "city", "province", "district", "region", "valley", "street", "avenue",
    "square", "island", "islands", "korea", "arabia", "africa", "america", "europe",
    "asia", "zealand", "emirates", "twitter", "facebook", "google", "instagram", "youtube",
    "microsoft", "amazon", "apple", "tesla", "cnn", "fox", "msnbc", "nbc", "cbs", "abc",
    "npr", "bbc", "politico", "axios", "bloomberg", "breitbart", "vox", "insider",
    "democratic", "republican", "conservative", "liberal", "federal", "national",
    "international", "global", "american", "americans", "unit", "division", "brigade",
    "battalion", "regiment", "corps", "guard", "fleet", "squadron", "operation", "task",
    "joint", "combined", "general's", "isis", "daesh", "taliban", "hamas", "hezbollah",
    "brotherhood", "sdf", "ypg", "pkk", "nato", "gop", "fbi", "cia", "nsa", "epa", "dhs",
    "doj", "irs", "cdc", "who", "un", "eu", "us", "uk", "usa", "sun", "energy", "homes",
    "institution", "borders", "hampshire", "paso", "gun", "rights", "leave", "nova",
})
#: Last words of company names ("Delta Quay Terminals", "Harbor Logistics"): a name of two or
#: more words ending in one of these is an organisation (speakers).
COMPANY_WORDS: frozenset[str] = frozenset({
    "terminals", "terminal", "holdings", "industries", "partners", "systems", "technologies",
    "technology", "logistics", "shipping", "lines", "ports", "pharmaceuticals", "solutions",
    "ventures", "labs", "laboratories", "foods", "resources", "mining", "petroleum",
    "utilities", "communications", "telecom", "telecommunications", "railways", "railway",
    "transport", "transit", "insurance", "securities", "investments", "enterprises",
    "associates", "consulting", "construction", "chemicals", "therapeutics", "biosciences",
    "semiconductor", "semiconductors", "software", "entertainment", "hotels", "resorts",
    "stores", "freight", "cargo", "airport", "airlines", "brewery", "dockworkers",
})
#: Words and phrases that make a byline or masthead an organisation ("CJTF-OIR Public
#: Affairs", "Northline Wire Staff") rather than an author (outlets).
BYLINE_ORGANISATION_WORDS: tuple[str, ...] = (
    "public affairs", "office", "press", "news", "staff", "service", "agency", "department",
    "command", "ministry", "bureau", "wire", "radio", "television", "tv", "gazette", "times",
    "post", "journal", "herald", "tribune", "ledger", "media", "network", "daily", "weekly",
    "chronicle", "courier", "observer", "reuters", "associated press", "afp", "ap",
    "newsroom", "desk", "communications", "embassy", "council", "commission", "institute",
    "university",
)

# --------------------------------------------------------------------------- places

#: Countries, cities and words of place names that no organisation word above catches:
#: a speaker's name containing one is not a person (speakers). A list, not a gazetteer
#: lookup: the words of GeoNames' countries, states and capitals include first names and
#: initials ("Chad", "Martin", "Douglas", "E") and lack "England", "Gaza", "Kurdistan", so
#: the lookup dropped "Chad Wolf" and "Alexandria Ocasio-Cortez" as speakers and lowered
#: PolNeAR direct-quote F1 from 0.776 to 0.769.
PLACE_WORDS: frozenset[str] = frozenset({
    "china", "russia", "iran", "iraq", "syria", "israel", "turkey", "egypt", "india",
    "pakistan", "afghanistan", "france", "germany", "britain", "england", "japan", "mexico",
    "canada", "ukraine", "venezuela", "cuba", "washington", "moscow", "beijing", "tehran",
    "london", "paris", "brussels", "baghdad", "damascus", "ankara", "kabul", "jerusalem",
    "york", "jersey", "carolina", "dakota", "virginia", "california", "texas", "florida",
    "ohio", "hong", "kong", "taiwan", "libya", "yemen", "lebanon", "jordan", "qatar",
    "kuwait", "saudi", "palestine", "gaza", "erbil", "kurdistan", "hasakah", "europe",
    "spain", "italy", "greece", "poland", "sweden", "norway", "australia", "brazil",
    "argentina", "colombia", "nigeria", "kenya", "ethiopia", "somalia", "sudan", "nato",
})
# fmt: on
