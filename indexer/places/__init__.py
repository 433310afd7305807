"""Location extraction: place names in an article body (and its dateline) -> GeoNames places.

How it works, and why:

* Capitalised token runs of 1-4 words are looked up in the precomputed gazetteer index
  (:mod:`newsfacet.indexer.gazetteer`), longest first. Scanning the gazetteer per article
  would be far too slow for 80,000 articles; a dict lookup per candidate n-gram is not.
* Rules reject matches that are capitalised for another reason: common English words
  that happen to be towns ("Of", "March", "Mobile", "Reading"), sentence-initial words,
  acronyms in capitals ("ISIS"), and names inside a longer proper noun: a capitalised
  word right before or after ("Michael Jordan", "Georgia Smith", "Washington Post").
* Resolution picks, per mention, the candidate with the best prior (countries and US
  states over cities, then population), boosted for candidates in a country or US state
  the document mentions ("Cleveland, Ohio"; "Hasakah ... Syria"). One sense per
  document: a surface form resolves the same way at every mention.
* Demonyms ("Syrian", "Sri Lankan", "Palestinians") resolve to their country. One that
  begins an organisation's name ("Syrian Democratic Forces", "American Electric") is not
  extracted at all, so an organisation named after a people adds nothing to the location
  facet; government words after it ("Georgian Foreign Ministry") keep it a mention.
* Document context: local US news (a US state named, US places at least as many as
  foreign ones) lifts US towns over same-name foreign cities ("Paris" beside "Texas"),
  and small foreign towns there need their country named ("Martin said" is a person).
  US towns under 15,000 inhabitants and counties' coordinates come from the text's state
  (a county found in one state only names it) or from a town named within 50 km; towns
  under 15,000 elsewhere count only where the text names their country.
* Home state (:mod:`.home`): every name votes for the US states holding a town or
  county of that name, a state's own name twice; a clear leader is the article's home,
  and its towns beat bigger namesakes elsewhere ("Richmond" beside "Berea" and "Madison
  County" is Kentucky's). A US-local sign ("7 p.m.", a phone number, a street address)
  beside a lone town name with a US sense makes local US news too.
* Streets, roads, parks and rivers (:mod:`.features`) are mentions of the town the
  text puts them in (:mod:`.hosts`: "Main Street in Springfield", else the dateline's
  town, else the closest town before): a highlighted span under a town the text names,
  never a place of their own. Interstates cross states and belong to no town.
* Metonymy is not filtered: "Washington said" resolves to the US capital, since for a
  location facet the capital is the place the article is about; and telling a
  government from its city needs more than rules.

The steps, one module each: :mod:`.candidates` finds mentions (tokens, gazetteer
lookups, the rules above), :mod:`.resolution` chooses the place each one means, and
:mod:`.words` holds the rules' word lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfacet.schema.document import Place, Span

from ..gazetteer import Candidate, Gazetteer, get_gazetteer
from .bare_counties import bare_counties
from .candidates import MentionFinder
from .county_lists import county_lists
from .features import attach_features
from .resolution import dateline_mention, resolve

__all__ = ["extract_places"]


def _place(c: Candidate) -> Place:
    """The schema Place for a candidate (mentions added by the caller)."""
    return Place(
        name=c.name,
        country=c.country,
        country_code=c.country_code,
        kind=c.kind,
        geonameid=c.geonameid,
        latitude=c.latitude,
        longitude=c.longitude,
        aliases=list(c.aliases),
    )


def extract_places(
    text: str,
    dateline: str | None = None,
    exclude: Sequence[Span] = (),
    gazetteer: Gazetteer | None = None,
) -> list[Place]:
    """Places mentioned in `text`; `dateline` is the dateline place string as written
    (e.g. "ERBIL"), resolved too and marked Place.dateline=True; spans in `exclude`
    (e.g. speakers' names) are not places. ``gazetteer`` overrides the shared one (tests,
    tuning); one Place per distinct place, ordered by first mention.
    """
    gaz = gazetteer or get_gazetteer()
    extractor = MentionFinder(gaz, text, exclude)
    mentions = county_lists(gaz, text, extractor.find())
    mentions = bare_counties(text, mentions, extractor.excluded)
    date_mention = dateline_mention(gaz, text, dateline) if dateline else None
    if date_mention is not None:
        mentions = [
            m for m in mentions if not (m.start < date_mention.end and date_mention.start < m.end)
        ]
        mentions.append(date_mention)
        mentions.sort(key=lambda m: m.start)
    mentions = attach_features(text, extractor.tokens, resolve(gaz, mentions, text))
    places: dict[tuple[str, int | None, str, str, str], Place] = {}
    for m in mentions:
        c = m.choice
        if c is None:
            continue
        key = (c.kind, c.geonameid, c.country_code, c.name, c.admin1)
        place = places.get(key)
        if place is None:
            place = places[key] = _place(c)
        if m.start >= 0:
            place.mentions.append(Span(m.start, m.end))
        if m.dateline:
            place.dateline = True
    return sorted(places.values(), key=lambda p: p.mentions[0].start if p.mentions else -1)
