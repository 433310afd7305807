"""A country's initials after its full name: "South Africa ... in SA", "New Zealand ...
NZ's". Two or three capitals are mostly acronyms of other things ("SA" is also a
company form, "CR" a county road), so only the initials of a country of several words
that the text has already named count, and they name that country."""

from __future__ import annotations

from bisect import bisect_left

from ..gazetteer import Candidate, Gazetteer, normalize
from .mention import Mention
from .tokens import Token


def country_initials(gaz: Gazetteer, text: str, tokens: list[Token], mentions: list[Mention],
                     peoples: list[tuple[int, int, Candidate]]) -> list[Mention]:
    """``mentions`` with each later use of a named country's initials added; ``peoples``
    are the demonyms the text uses (start, end, country): "South Africans" names South
    Africa's initials too, though it is no mention."""
    named: dict[str, Mention] = {}
    for start, end, country in peoples:
        letters = "".join(w[0] for w in text[start:end].split() if w[:1].isupper())
        key = normalize(country.name)
        entries = [e for e in gaz.entries_for_key(key) if e.candidate.kind == "country"]
        if 2 <= len(letters) <= 4 and " " in key and entries:
            named.setdefault(letters, Mention(start, end, key, entries))
    for m in mentions:
        top = m.entries[0].candidate
        if top.kind == "country" and " " in m.key and not m.demonym:
            letters = "".join(w[0] for w in text[m.start : m.end].split() if w[:1].isupper())
            if 2 <= len(letters) <= 4:
                named.setdefault(letters, m)
    if not named:
        return mentions
    # a mention of the initials themselves ("AS", a town somewhere) gives way
    replaced: set[int] = set()
    found = []
    # the mentions by start, to find those overlapping a word without reading them all
    # at every word (a text of thousands of initials made that quadratic)
    order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
    starts = [mentions[k].start for k in order]
    longest = max((m.end - m.start for m in mentions), default=0)
    for tok in tokens:
        word = tok.text.rstrip(".")  # "post-apartheid SA.": the sentence's stop
        first = named.get(word) if tok.all_caps else None
        if first is None or tok.start <= first.start:
            continue
        end = tok.start + len(word)
        same = []
        i = bisect_left(starts, end) - 1
        while i >= 0 and starts[i] > tok.start - longest:
            if tok.start < mentions[order[i]].end:
                same.append(order[i])
            i -= 1
        if all(mentions[k].start == tok.start and mentions[k].end <= tok.end for k in same):
            replaced.update(same)
            found.append(Mention(tok.start, end, first.key, first.entries))
    if not found:
        return mentions
    kept = [m for k, m in enumerate(mentions) if k not in replaced]
    return sorted(kept + found, key=lambda m: m.start)
