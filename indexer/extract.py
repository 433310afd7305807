"""From an :class:`Article` as read to an :class:`Extraction` ready to index.

This is where the four facets meet: metadata wins where it exists, and each value
records where it came from (``provenance``) so the index is honest about what it
inferred from the text.
"""

from __future__ import annotations

import datetime as dt

from newsfacet.schema.document import (
    Article,
    Extraction,
    Span,
    Speaker,
    check_body_size,
    source_label,
)

from .clean import CleanText, clean_text
from .dates import extract_event_dates, parse_date
from .gazetteer import get_gazetteer
from .html import parse_html
from .lexicon import PERSON_TITLES
from .outlets import looks_like_organisation, split_byline
from .places import extract_places
from .places.words import INSTITUTION_WORDS, PLACE_PREFIXES
from .speakers import extract_speakers

#: Words of a role after a town in a speaker's name ("Columbus Investigator ...").
_ROLE_WORDS = INSTITUTION_WORDS | frozenset(PERSON_TITLES)

#: Bumped whenever extraction changes, so re-indexing re-extracts unchanged documents.
EXTRACTOR_VERSION = "17"


def _clean(article: Article) -> tuple[CleanText, dict[str, str | None]]:
    """Clean the body; for files also collect what the page itself states."""
    stated: dict[str, str | None] = {}
    if article.format == "html":
        page = parse_html(article.body)
        check_body_size(page.text, article.id)
        cleaned = clean_text(page.text, read_header=True, title_known=page.title is not None)
        stated = {"title": page.title, "published": page.published, "author": page.author,
                  "outlet": page.outlet}
    else:
        cleaned = clean_text(article.body, read_header=article.format == "text")
    return cleaned, stated


def _name_in(alias: str, name: str) -> str:
    """The person's name inside an alias as written: "Dublin Mayor Marilee Smith" is the
    name "Marilee Smith" after a role that names a place, which stays a place mention."""
    words = alias.split()
    own = set(name.split())
    for k, word in enumerate(words):
        if word in own:
            return " ".join(words[k:])
    return alias


def _region_name(name: str) -> bool:
    """True for a name of several words that the gazetteer holds whole as a country,
    region, continent or first-level region ("Korean Peninsula", "Tamil Nadu"): no
    person is called that, though a state that "contended" reads as a speaker."""
    if " " not in name:
        return False
    entries = get_gazetteer().entries(name)
    return any(e.candidate.kind in ("country", "region", "continent")
               or (e.candidate.kind == "admin" and e.candidate.level == 1) for e in entries)


def _main_place(name: str) -> bool:
    """True when the gazetteer holds ``name`` as a town, region or country of its own."""
    return any(e.main and e.candidate.kind in ("city", "admin", "country")
               for e in get_gazetteer().entries(name))


def _without_place(name: str) -> str:
    """A person's name without the place a speaker's name was read with: "Columbus
    Investigator Gregory Sealock", "Cambridge High Schooler Trevor Wilkinson" (a town and
    a role word), "Los Angeles Trapani" (a name of several words); "" for a place alone
    after a place word ("Metro Vancouver"). A lone first word that is a town ("Austin
    Lee Russell", "Chad Michael Murray") stays the person's."""
    words = name.split()
    if len(words) >= 2 and words[0].lower() in PLACE_PREFIXES and _main_place(
            " ".join(words[1:])):
        return ""
    for n in (3, 2):
        if len(words) > n and _main_place(" ".join(words[:n])):
            return " ".join(words[n:])
    if (len(words) >= 3 and words[1].lower().rstrip(".") in _ROLE_WORDS
            and _main_place(words[0])):
        return " ".join(words[1:])
    return name


def _name_spans(text: str, speakers: list[Speaker]) -> list[Span]:
    """Where speakers' names occur, so a "Jordan" in a person's name is not a place."""
    # "Gainesville Police" has a place; "Korean Peninsula" taken for a person is one
    people = [(s, own) for s in speakers if s.kind == "person" and not _region_name(s.name)
              for own in [_without_place(s.name)] if own]
    names = {part for s, own in people
             for part in [own, *(_name_in(a, own) for a in s.aliases), own.split()[-1]]
             if len(part) > 2}
    spans: list[Span] = []
    for name in names:  # str.find, not a regex per name: names change with every document
        start = text.find(name)
        while start >= 0:
            spans.append(Span(start, start + len(name)))
            start = text.find(name, start + len(name))
    return spans


def _outlet(
    article: Article, cleaned: CleanText, stated: dict[str, str | None], byline: str | None
) -> tuple[str | None, str | None]:
    """The outlet and where it came from: metadata first, then what the page says of itself."""
    masthead = next((m for m in cleaned.masthead if looks_like_organisation(m)), None)
    for source, value in (("metadata", article.outlet), ("byline", byline),
                          ("page", stated.get("outlet")), ("dateline", cleaned.dateline_outlet),
                          ("sign-off", cleaned.sign_off), ("masthead", masthead)):
        if value:
            return value, source
    return article.outlet, None


def _published(
    article: Article, cleaned: CleanText, stated: dict[str, str | None]
) -> tuple[dt.date | None, str | None]:
    """The publication date and where it came from; only a full stated date counts."""
    if article.published is not None:
        return article.published, "metadata"
    for source, text in (("page", stated.get("published")), ("header", cleaned.header_date)):
        published = parse_date(text[:40]) if text else None
        if published is not None:
            return published, source
    return None, None


def prepare() -> None:
    """Load what extraction shares across documents (the gazetteer, a few seconds) now.

    A writer calls this before it takes the index's write lock, so the first write of a
    process does not hold the lock while the gazetteer loads and time out the others.
    """
    get_gazetteer()


def extract(article: Article) -> Extraction:
    """Clean ``article`` and extract outlet, dates, speakers and places from it."""
    cleaned, stated = _clean(article)
    provenance: dict[str, str] = {}

    byline_author, byline_outlet = (
        split_byline(cleaned.byline) if cleaned.byline else (None, None)
    )
    outlet, outlet_source = _outlet(article, cleaned, stated, byline_outlet)
    if outlet_source:
        provenance["outlet"] = outlet_source
    published, published_source = _published(article, cleaned, stated)
    if published_source:
        provenance["published"] = published_source

    title = article.title or stated.get("title") or cleaned.title or ""
    author = article.author or stated.get("author") or byline_author
    body = cleaned.body
    speakers = extract_speakers(body)
    places = extract_places(body, cleaned.dateline_place, _name_spans(body, speakers))
    if cleaned.dateline_place:
        provenance["dateline"] = cleaned.dateline_place
    return Extraction(
        id=article.id,
        title=title,
        body=body,
        outlet=outlet,
        published=published,
        author=author,
        url=article.url,
        event_dates=extract_event_dates(body, published),
        speakers=speakers,
        locations=places,
        metadata=article.metadata,
        source=source_label(article.source, article.line),
        provenance=provenance,
        path=article.source,
    )
