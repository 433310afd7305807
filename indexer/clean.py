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

from .inline_chrome import pieces as line_pieces
from .lexicon import MONTH_PATTERN

#: Lines that site frames add around every page (government banners, share bars, menus).
_CHROME = re.compile(
    r"""^(?:
        an\ official\ website\ of\b
      | here[’']s\ how\ you\ know
      | an?\ \.(?:mil|gov)\ website\ belongs\ to
      | a\ lock\ \(
      | .*share\ sensitive\ information\ only\ on\ official
      | skip\ to\ (?:main\ )?content
      | menu\s+search$ | listen\ live\b | you\ are\ here\b
      | (?:advertisement|share|print|email|tweet|share\ this(?:\ article)?|close|menu|search)$
      | follow\ us\b | subscribe\b | sign\ up\ for\b
      | (?:the\ )?(?:story|article)\ continues?\ below$ | story\ continued\ below$
      | continue\ reading(?:\ (?:below|the\ (?:main\ )?story))?$
      | all\ rights\ reserved | copyright\b | ©
    )""",
    re.IGNORECASE | re.VERBOSE,
)
#: :data:`_CHROME` without its one alternative that is not anchored at the line's start
#: (".*share sensitive ..."), which makes ``re`` read the whole line: that alternative is
#: tried only on a line that holds "sensitive".
_CHROME_AT_START = re.compile(
    _CHROME.pattern.replace("| .*share\\ sensitive\\ information\\ only\\ on\\ official\n", ""),
    re.IGNORECASE | re.VERBOSE,
)
#: Characters that ``re.IGNORECASE`` matches to an ASCII letter but ``str.lower`` does not
#: turn into it ("İ" and "ı" match "i", "ſ" matches "s"); a line holding one is left to the
#: full pattern rather than the quick test on its lower-case form.
_ODD_CASES = ("İ", "ı", "ſ")
#: The separators a breadcrumb needs two of.
_BREADCRUMB_SEPARATORS = (":", ">", "»", "›", "/", "|")
#: Words one of which every caption credit holds.
_CAPTION_WORDS = ("photo", "image", "picture", "credit", "video")
#: "HOME : NEWSROOM : News Articles" and "Home > World > Europe".
_BREADCRUMB = re.compile(r"^[^.!?]{0,120}?(?:\s[:>»›/|]\s[^.!?:>»›/|]+){2,}$")
#: Navigation bars: "Markets   World   Politics", "Listen Live  |  Donate  |  News".
_MENU = re.compile(r"^(?:[^\s|•·]+(?: [^\s|•·]+)?(?:\s{2,}|\s*[|•·]\s*)){2,}[^\s|•·]+(?: \S+)?$")
_READ_MORE = re.compile(r"^(?:read more|read also|related|see also|more from|watch)\s*:", re.I)
#: Photo credits mark a caption: "(Photo: Delil Souleiman/AFP)", "Photo by ...".
_CAPTION = re.compile(
    r"\((?:AP |AFP |Reuters |File )?(?:photo|image|picture|credit|video)s?\b[^)]*\)?\s*$"
    r"|^(?:photo|image|picture)s?(?: by|:)\s"
    r"|\b(?:photo|image|picture)s?:\s[^.]*$",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\+?\(?\d{1,4}\)?[\s.-]?\(?\d{2,4}\)?[\s.-]\d{3}[\s.-]\d{3,4}\b")
#: A wire agency's sign-off on the last line ("Reuter", "REUTER..."): names the outlet.
_SIGN_OFF = re.compile(r"^(?P<agency>reuters?|ap|afp|upi)\W*(?:\^M)?$", re.IGNORECASE)
SIGN_OFF_OUTLETS = {"reuter": "Reuters", "reuters": "Reuters", "ap": "AP", "afp": "AFP",
                    "upi": "UPI"}
#: Longest line that a phone number makes a contact footer.
FOOTER_LINE_MAX = 200
#: Longest line that a photo credit makes a caption: a one-line article that ends
#: with its photo's credit is still the article (an LGL story came out empty).
CAPTION_LINE_MAX = 600
_FOOTER_LEAD = re.compile(r"^(?:media (?:inquiries|contact)|contact|press contact)\b", re.I)
_BYLINE = re.compile(r"^by\s+(?P<who>\S.{1,150})$", re.IGNORECASE)
#: "NEWS | Jan. 24, 2022", "Published March 5, 2024", "Updated: 2024-03-05".
_HEADER_DATE_PREFIX = re.compile(
    r"(?:[A-Z][A-Za-z ]{0,24}\s*[|:•·–-]\s*|(?:published|posted|updated|released|date)"
    r"(?:\s+on)?\s*:?\s*)",
    re.IGNORECASE,
)
_HEADER_DATE_SUFFIX = re.compile(
    r"^[\s,·•|–-]*(?:(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?|[AP]M)?\b.*"
    r"|(?:updated|modified|last updated)\b.*)?$",
    re.IGNORECASE,
)
_MONTH = MONTH_PATTERN + r"\.?"
#: A date with day, month and year: the only kind a publication date may come from.
FULL_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b"
)
#: "ERBIL (Kurdistan 24) –", "WASHINGTON, D.C. (Reuters) -", "CLEVELAND, Feb 26 -".
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))??"
    r"(?:,\s*(?P<date>" + _MONTH + r"\s+\d{1,2}))?"
    r"\s*(?:\((?P<outlet>[^)]{2,60})\))?\s*[–—-]{1,2}\s"
)
#: A byline a dateline follows, opening the text or after its headline: "By JILL COLVIN,
#: Associated Press WASHINGTON (AP) —", "BY ABBEY ROY Advocate Reporter March 30, 2009
#: NEWARK --". It ends in an agency or a reporter's job, and a date may follow.
_BYLINE_BEFORE_DATELINE = re.compile(
    r"(?:^|[.!?]\s+)(?:By|BY)\s[^\n]{2,100}?\b(?:Associated\s+Press|Reuters|AFP"
    r"|[Ww]riters?|WRITERS?|[Rr]eporter|REPORTER|[Cc]orrespondent|CORRESPONDENT)"
    r"(?:\s+" + _MONTH + r"\s+\d{1,2},?\s+\d{4})?\s+(?=[A-Z][A-Z'.\-])"
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
    #: Short header lines that are neither title, byline nor date: the site's name.
    masthead: list[str] = field(default_factory=list)
    #: The outlet a wire sign-off names ("Reuter" closing a Reuters story).
    sign_off: str | None = None
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


def _holds(line: str, words: tuple[str, ...]) -> bool:
    """True when ``line`` may hold one of the lower-case ``words`` in any case, as
    ``re.IGNORECASE`` reads it: a quick test that lets most lines skip a pattern."""
    low = line.lower()
    return any(w in low for w in words) or any(c in line for c in _ODD_CASES)


#: A link to another story as its headline and "Read more" (The Guardian's inline links:
#: "Can the US break its cycle of gun control failure? Read more"): a short line, since
#: a paragraph that ends so without a full stop is rarer than the link.
_READ_MORE_ENDS = ("Read more", "Read More", "READ MORE")
_READ_MORE_LINE_MAX = 200


def is_chrome(line: str) -> bool:
    """Site frame, navigation or a link to another story: never body text."""
    return bool(
        (line.endswith(_READ_MORE_ENDS) and len(line) <= _READ_MORE_LINE_MAX)
        or _CHROME_AT_START.match(line)
        or (_holds(line, ("sensitive",)) and _CHROME.match(line))
        or _READ_MORE.match(line)
        or (any(s in line for s in _BREADCRUMB_SEPARATORS) and _BREADCRUMB.match(line))
        or (len(line) < 120 and _MENU.match(line))
    )


def is_caption(line: str) -> bool:
    """A photo caption, recognised by its credit (a short line: not a paragraph)."""
    return (
        len(line) <= CAPTION_LINE_MAX
        and _holds(line, _CAPTION_WORDS)
        and bool(_CAPTION.search(line))
    )


def header_date(line: str) -> str | None:
    """The date on a short header line ("NEWS | Jan. 24, 2022"), else None.

    The line may name the date ("Published", "NEWS |"), add a clock time, or go on
    with an "Updated" date; anything more and it is a sentence, not a header.
    """
    if len(line) > 110:
        return None
    match = FULL_DATE.search(line)
    if not match:
        return None
    before = line[: match.start()]
    if before.strip() and not _HEADER_DATE_PREFIX.fullmatch(before):
        return None
    if not _HEADER_DATE_SUFFIX.match(line[match.end() :]):
        return None
    return match.group(0)


def _footer_start(lines: list[tuple[int, str]]) -> int:
    """Index of the first trailing line that is a contact footer (phone numbers)."""
    end = len(lines)
    for i in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        line = lines[i][1]
        # A phone number ends a contact line, not a paragraph that mentions one: a
        # one-line article giving a number was dropped whole. (The length first: the
        # search tries every position of a long paragraph.)
        contact = len(line) <= FOOTER_LINE_MAX and _PHONE.search(line) is not None
        if contact or _FOOTER_LEAD.match(line) or is_chrome(line):
            end = i
        else:
            break
    return end


def _is_body_line(line: str) -> bool:
    """A paragraph of the article: long, or a full sentence, or opening with a dateline."""
    return len(line) > 160 or bool(DATELINE.match(line)) or (
        len(line.split()) >= 6 and line.rstrip("\"”’'").endswith((".", "!", "?"))
    )


def _read_header(lines: list[tuple[int, str]], out: CleanText, title_known: bool) -> int:
    """Take title, byline, header date and masthead off the top of a bare text page.

    Returns the index of the first body line. Headers hold a masthead, menus, a date,
    the headline and a byline in varying order; the headline is the longest of the
    lines that are none of the others.
    """
    candidates: list[str] = []
    i = 0
    while i < len(lines) and i < 25:
        line = lines[i][1]
        if is_chrome(line) or is_caption(line):
            i += 1
            continue
        byline = _BYLINE.match(line)
        if not byline and not header_date(line) and _is_body_line(line):
            break
        i += 1
        if byline:
            who = re.split(r"\s+[·•|]\s+", byline.group("who"), maxsplit=1)[0]
            out.byline = out.byline or who.strip()
            line = byline.group("who")[len(who) :]
        date = header_date(line.strip(" ·•|")) if line.strip(" ·•|") else None
        if date:
            out.header_date = out.header_date or date
            continue
        if byline:
            posted = FULL_DATE.search(line)
            if posted and out.header_date is None:
                out.header_date = posted.group(0)
            continue
        if title_known:  # the markup gave the title: only a section label may remain
            if len(line.split()) > 5:
                i -= 1
                break
            continue
        candidates.append(line)
    if candidates and not title_known:
        out.title = max(candidates, key=len)
        candidates.remove(out.title)
    out.masthead = [c for c in candidates if len(c.split()) <= 6]
    return i


def clean_text(text: str, *, read_header: bool, title_known: bool = False) -> CleanText:
    """Clean an article body; with ``read_header`` also read title, byline and date off it.

    ``read_header`` is for files with no metadata: their first lines are the page
    header. A JSON Lines body already has its metadata, so its first line is body text.
    """
    lines = _lines(text)
    out = CleanText(body="")
    if lines and (sign_off := _SIGN_OFF.match(lines[-1][1])):
        out.sign_off = SIGN_OFF_OUTLETS[sign_off.group("agency").lower()]
        lines = lines[:-1]
    first = _read_header(lines, out, title_known) if read_header else 0
    last = _footer_start(lines)
    pieces: list[str] = []
    pos = 0
    previous = ""
    for source_start, line in lines[first:last]:
        if is_chrome(line) or is_caption(line) or line == previous:
            previous = line
            continue
        previous = line
        for start, end, new_paragraph in line_pieces(line):
            if pieces and new_paragraph:
                pieces.append("\n\n")
                pos += 2
            out.segments.append(Segment(pos, source_start + start, end - start))
            pieces.append(line[start:end])
            pos += end - start
    out.body = "".join(pieces)
    _read_dateline(out)
    return out


def _read_dateline(out: CleanText) -> None:
    """Find the dateline: it opens one of the first paragraphs (a standfirst may precede it)."""
    for paragraph in out.body.split("\n\n", 3)[:3]:
        byline = _BYLINE_BEFORE_DATELINE.search(paragraph, 0, 400)
        # after a byline, a place in capitals and a dash is the dateline
        dateline = DATELINE.match(paragraph[byline.end():] if byline else paragraph)
        if dateline and (byline or dateline.group("outlet") or dateline.group("date")):
            out.dateline_place = dateline.group("place").strip()
            if dateline.group("outlet"):
                out.dateline_outlet = dateline.group("outlet").strip()
            return
