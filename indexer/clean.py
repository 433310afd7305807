"""Separate what an article says from what the web page wrapped around it.

Pages pasted from news sites and government newsrooms carry banners, breadcrumbs,
"Read More" links, photo captions and contact footers. None of that is body text: it
would pollute search, and a caption's date ("Sept. 6, 2021") is not the publication date.
Cleaning works on whole lines, so the cleaned body maps back to the source by a short
table of segments (:meth:`CleanText.to_source`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

#: Lines that site frames add around every page (government banners, share bars, menus).
_CHROME = re.compile(
    r"""^(?:
        an\ official\ website\ of\ the\ .*government
      | here[’']s\ how\ you\ know
      | an?\ \.(?:mil|gov)\ website\ belongs\ to
      | a\ lock\ \(
      | .*share\ sensitive\ information\ only\ on\ official
      | skip\ to\ (?:main\ )?content
      | (?:advertisement|share|print|email|tweet|share\ this(?:\ article)?|close|menu|search)$
      | follow\ us\b | subscribe\b | sign\ up\ for\b
      | all\ rights\ reserved | copyright\b | ©
    )""",
    re.IGNORECASE | re.VERBOSE,
)
#: "HOME : NEWSROOM : News Articles" and "Home > World > Europe".
_BREADCRUMB = re.compile(r"^[^.!?]{0,120}?(?:\s[:>»/|]\s[^.!?:>»/|]+){2,}$")
_READ_MORE = re.compile(r"^(?:read more|read also|related|see also|more from|watch)\s*:", re.I)
#: Photo credits mark a caption: "(Photo: Delil Souleiman/AFP)", "Photo by ...".
_CAPTION = re.compile(
    r"\((?:AP |AFP |Reuters |File )?(?:photo|image|picture|credit|video)s?\b[^)]*\)?\s*$"
    r"|^(?:photo|image|picture)s?(?: by|:)\s"
    r"|\b(?:photo|image|picture)s?:\s[^.]*$",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\+?\(?\d{1,4}\)?[\s.-]?\(?\d{2,4}\)?[\s.-]\d{3}[\s.-]\d{3,4}\b")
_FOOTER_LEAD = re.compile(r"^(?:media (?:inquiries|contact)|contact|press contact)\b", re.I)
_BYLINE = re.compile(r"^by\s+(?P<who>\S.{1,150})$", re.IGNORECASE)
#: "NEWS | Jan. 24, 2022", "Published March 5, 2024", "Updated: 2024-03-05".
_HEADER_DATE_PREFIX = re.compile(
    r"^(?:[A-Z][A-Za-z ]{0,24}\s*[|:•·–-]\s*|(?:published|posted|updated|released|date)"
    r"(?:\s+on)?\s*:?\s*)",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: A date with day, month and year: the only kind a publication date may come from.
FULL_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b"
)
#: "ERBIL (Kurdistan 24) –", "WASHINGTON, D.C. (Reuters) -", "CLEVELAND, Feb 26 -".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))??"
    r"(?:,\s*(?P<date>" + _MONTH + r"\s+\d{1,2}))?"
    r"\s*(?:\((?P<outlet>[^)]{2,60})\))?\s*[–—-]{1,2}\s"
)


@dataclass(frozen=True)
class Segment:
    """A run of body text copied unchanged from the source at ``source_start``."""

    start: int
    source_start: int
    length: int


@dataclass
class CleanText:
    """The cleaned body and what the page frame told us about the article."""

    body: str
    title: str | None = None
    byline: str | None = None
    header_date: str | None = None
    dateline_place: str | None = None
    dateline_outlet: str | None = None
    segments: list[Segment] = field(default_factory=list)

    def to_source(self, offset: int) -> int:
        """Map an offset in :attr:`body` to the offset in the text that was cleaned."""
        starts = [s.start for s in self.segments]
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return offset
        seg = self.segments[i]
        return seg.source_start + min(offset - seg.start, seg.length)


def _lines(text: str) -> list[tuple[int, str]]:
    """Lines with their source offsets, stripped of surrounding blanks."""
    out: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            out.append((pos + raw.index(stripped[0]), stripped))
        pos += len(raw)
    return out


def is_chrome(line: str) -> bool:
    """Site frame, navigation or a link to another story: never body text."""
    return bool(_CHROME.match(line) or _READ_MORE.match(line) or _BREADCRUMB.match(line))


def is_caption(line: str) -> bool:
    """A photo caption, recognised by its credit."""
    return bool(_CAPTION.search(line))


def header_date(line: str) -> str | None:
    """The date on a short header line ("NEWS | Jan. 24, 2022"), else None."""
    if len(line) > 80:
        return None
    match = FULL_DATE.search(line)
    if not match:
        return None
    rest = (line[: match.start()] + line[match.end() :]).strip(" |:•·–-,")
    if rest and not _HEADER_DATE_PREFIX.match(line[: match.start()] or rest):
        return None
    return match.group(0)


def _footer_start(lines: list[tuple[int, str]]) -> int:
    """Index of the first trailing line that is a contact footer (phone numbers)."""
    end = len(lines)
    for i in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        line = lines[i][1]
        if _PHONE.search(line) or _FOOTER_LEAD.match(line) or is_chrome(line):
            end = i
        else:
            break
    return end


def _read_header(lines: list[tuple[int, str]], out: CleanText) -> int:
    """Take title, byline and header date off the top of a bare text page.

    Returns the index of the first body line. The header ends at the first ordinary
    line after the title.
    """
    i = 0
    while i < len(lines) and i < 20:
        line = lines[i][1]
        if is_chrome(line) or is_caption(line):
            i += 1
            continue
        date = header_date(line)
        if date and out.header_date is None:
            out.header_date = date
            i += 1
            continue
        byline = _BYLINE.match(line)
        if byline and out.byline is None:
            out.byline = byline.group("who").strip()
            i += 1
            continue
        if out.title is None and len(line) <= 200:
            out.title = line
            i += 1
            continue
        break
    return i


def clean_text(text: str, *, read_header: bool) -> CleanText:
    """Clean an article body; with ``read_header`` also read title, byline and date off it.

    ``read_header`` is for text files with no metadata: their first lines are the page
    header. A JSON Lines body already has its metadata, so its first line is body text.
    """
    lines = _lines(text)
    out = CleanText(body="")
    first = _read_header(lines, out) if read_header else 0
    last = _footer_start(lines)
    pieces: list[str] = []
    pos = 0
    previous = ""
    for source_start, line in lines[first:last]:
        if is_chrome(line) or is_caption(line) or line == previous:
            previous = line
            continue
        previous = line
        if pieces:
            pieces.append("\n\n")
            pos += 2
        out.segments.append(Segment(pos, source_start, len(line)))
        pieces.append(line)
        pos += len(line)
    out.body = "".join(pieces)
    _read_dateline(out)
    return out


def _read_dateline(out: CleanText) -> None:
    """Find the dateline: it opens one of the first paragraphs (a standfirst may precede it)."""
    for paragraph in out.body.split("\n\n", 3)[:3]:
        dateline = _DATELINE.match(paragraph)
        if dateline and (dateline.group("outlet") or dateline.group("date")):
            out.dateline_place = dateline.group("place").strip()
            if dateline.group("outlet"):
                out.dateline_outlet = dateline.group("outlet").strip()
            return
