"""Turn an HTML article page into text lines plus what its markup says outright.

The markup already separates the frame from the article (``<nav>``, ``<footer>``,
``<figcaption>``, ``<script>``), so those are dropped here, before the line cleaner
sees the text; a ``<time datetime>`` or ``article:published_time`` is a stated date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "nav", "footer", "aside", "figure", "figcaption",
         "form", "button", "svg", "iframe", "template", "select"}
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "article",
          "section", "header", "blockquote", "tr", "table", "main", "time", "title", "hr", "pre"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col"}
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "dc.date",
              "og:published_time", "publish-date", "sailthru.date")


@dataclass
class HtmlPage:
    """Visible article text, one block per line, and the metadata the markup states."""

    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    title_tag: str | None = None
    lines: list[str] = field(default_factory=list)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip_depth = 0
        self.parts: list[str] = []
        self.page = HtmlPage(text="")
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(attr)
            return
        if tag in _VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        self.stack.append(tag)
        in_article = "article" in self.stack or "main" in self.stack
        if self.skip_depth or tag in _SKIP or (tag == "header" and not in_article):
            self.skip_depth += 1
            return
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag == "time" and self.page.published is None and attr.get("datetime"):
            self.page.published = attr["datetime"]
        if tag in ("title", "h1") and self._capture is None:
            self._capture, self._buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if self.skip_depth:
                self.skip_depth -= 1
            elif open_tag in _BLOCK:
                self.parts.append("\n")
            if open_tag == self._capture:
                text = " ".join("".join(self._buffer).split())
                if open_tag == "title":
                    self.page.title_tag = self.page.title_tag or text
                if text and (open_tag == "h1" or self.page.title is None):
                    self.page.title = text
                self._capture = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._capture == "title" and self.stack and self.stack[-1] == "title":
            self._buffer.append(data)
            return
        if self.skip_depth:
            return
        if self._capture:
            self._buffer.append(data)
        self.parts.append(data)

    def _meta(self, attr: dict[str, str]) -> None:
        key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
        content = attr.get("content", "").strip()
        if not content:
            return
        if key in _DATE_META and self.page.published is None:
            self.page.published = content
        elif key in ("author", "article:author") and self.page.author is None:
            self.page.author = content
        elif key in ("og:site_name", "application-name") and self.page.outlet is None:
            self.page.outlet = content


def parse_html(markup: str) -> HtmlPage:
    """Visible article text of ``markup`` with title, date, author and site name if stated."""
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    page = parser.page
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    page.lines = [line for line in lines if line]
    if page.title and page.title in page.lines[:8]:
        page.lines.remove(page.title)
    page.text = "\n\n".join(page.lines)
    if page.outlet is None and page.title_tag:
        page.outlet = _site_in_title(page.title_tag, page.title or "")
    return page


def _site_in_title(title_tag: str, headline: str) -> str | None:
    """"Headline | Site" or "Site – Headline": the short part that is not the headline."""
    parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+", title_tag) if p.strip()]
    if len(parts) < 2:
        return None
    for part in (parts[-1], parts[0]):
        if len(part.split()) <= 5 and part.lower() not in headline.lower():
            return part
    return None
