"""Docstrings as text for people: reST markup turned into Markdown for the OpenAPI
description, and Markdown rendered as HTML for ``/docs``.

Why: the description is built from docstrings, which use reST (``code``,
:class:`SearchService`); OpenAPI descriptions are CommonMark, and a reader of ``/docs``
should see code set as code, not the markup around it.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

#: ``:class:`~pkg.Name``` and friends: the role goes, the last dotted part stays.
_ROLE = re.compile(r":(?:py:)?[a-z]+:`~?(?:[^`<]*<)?([^`>]+?)>?`")
#: reST's literal ``text``, Markdown's `text`.
_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
#: CommonMark without raw HTML: descriptions are our text, but nothing in them may
#: become markup other than Markdown's own.
_RENDERER = MarkdownIt("commonmark", {"html": False})


def _role(match: re.Match[str]) -> str:
    target = match.group(1)
    return f"`{target.rsplit('.', 1)[-1]}`"


def markdown_of(doc: str) -> str:
    """reST roles and literals of a docstring as Markdown code spans."""
    return _LITERAL.sub(r"`\1`", _ROLE.sub(_role, doc))


def render(text: str | None, inline: bool = False) -> Markup:
    """Markdown as HTML (raw HTML in it is escaped); ``inline`` for a table cell."""
    if not text:
        return Markup("")
    source = markdown_of(text)
    html = _RENDERER.renderInline(source) if inline else _RENDERER.render(source)
    return Markup(html)  # markdown-it escapes the text: raw HTML is off
