"""The query language's corner cases (issue 19): snippets of expanded terms, a field
with no term, suggestions never worse than the query, ``as_of`` closing an open range,
and what the command line says when nothing matches."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LiveServer
from newsfacet.api.cli import main
from newsfacet.api.engine.query import QUERYABLE_FIELDS, SEARCH_FIELDS
from newsfacet.api.engine.spelling import auto_edits
from newsfacet.api.service import SearchService
from newsfacet.schema.fields import normal_word

KNOWN = QUERYABLE_FIELDS[SEARCH_FIELDS]


@pytest.fixture(scope="module")
def service(demo_index: Path) -> Iterator[SearchService]:
    with SearchService(demo_index) as opened:
        yield opened


@pytest.mark.parametrize("q", ["strik*", "dockworkrs~", "elect*", "vermeulan~", "port*",
                               'speaker:"Joris Vermeulen" elect*'])
def test_expanded_terms_mark_what_they_matched(demo_server: LiveServer, q: str) -> None:
    status, body, _ = demo_server.get("/search?per_page=100&q=" + quote(q))
    assert status == 200 and body["total"] > 0
    stem = re.sub(r"[*~].*|.* ", "", q).lower()[:4]
    for hit in body["hits"]:
        marked = re.findall(r"<mark>(.*?)</mark>", " ".join(hit["snippets"]))
        assert marked, (q, hit["id"])
        assert any(word.lower().startswith(stem[:3]) for word in marked), (q, marked)


@pytest.mark.parametrize("q", ["nofield:strike", "id:x", "source:/tmp*"])
def test_unknown_fields_are_refused_naming_the_known(demo_server: LiveServer, q: str) -> None:
    status, body, _ = demo_server.get("/search?q=" + quote(q))
    assert status == 400 and body["title"] == "Invalid query"
    assert all(name in body["detail"] for name in KNOWN)


@given(field=st.sampled_from(KNOWN), before=st.sampled_from(["", "strike ", "(", "port AND "]),
       after=st.sampled_from(["", " ", ")", "  "]))
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_field_with_no_term_is_refused(service: SearchService, field: str, before: str,
                                         after: str) -> None:
    q = f"{before}{field}:{after}"
    if q.count("(") != q.count(")"):
        q = q.replace("(", "").replace(")", "")
    with pytest.raises(Exception) as raised:
        service.search(q)
    assert type(raised.value).__name__ == "InvalidQuery"
    assert f"field {field!r} has no term" in str(raised.value)
    assert all(name in str(raised.value) for name in KNOWN)


def test_a_field_with_no_term_is_a_400(demo_server: LiveServer) -> None:
    status, body, _ = demo_server.get("/search?q=title:")
    assert status == 400 and "title" in body["detail"] and "speaker" in body["detail"]
    # a name followed by a space stays text, as before
    assert demo_server.get("/search?q=" + quote("Update: strike"))[0] == 200


def _edits(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


TYPO_WORDS = ["strike", "dockworkers", "rotterdam", "satellite", "brennan", "election",
              "title", "flood", "harbour", "union"]


@st.composite
def typos(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(TYPO_WORDS))
    for _ in range(draw(st.integers(0, 2))):
        i = draw(st.integers(0, len(word) - 1))
        word = word[:i] + draw(st.sampled_from(["", "a", "e", "k", word[i]])) + word[i + 1:]
    return word + draw(st.sampled_from(["", "", "~", "*"])) if len(word) > 1 else "strke"


@given(q=typos())
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_did_you_mean_is_never_worse_than_the_query(service: SearchService, q: str) -> None:
    results = service.search(q)
    suggestion = results.did_you_mean
    if suggestion is None:
        return
    assert q[-1] not in "~*", "an expanded word is never corrected"
    assert service.search(suggestion).total > results.total
    typed, offered = normal_word(q)[0], normal_word(suggestion)[0]
    assert _edits(typed, offered) <= auto_edits(typed, 2), (q, suggestion)


def test_named_suggestions(service: SearchService) -> None:
    assert service.search("brenan~").did_you_mean is None  # not "break~"
    assert service.search("dockworkrs strke").did_you_mean == "dockworkers strike"


def test_as_of_caps_an_open_range(demo_server: LiveServer, service: SearchService) -> None:
    status, body, _ = demo_server.get("/search?per_page=100&as_of=2024-01-01&date_from="
                                      + quote("since September 2023"))
    assert status == 200
    assert body["date_range"] == {"from": "2023-09-01", "to": "2024-01-01",
                                  "field": "published"}
    assert body["hits"] and all("2023-09-01" <= h["published"] <= "2024-01-01"
                                for h in body["hits"])
    assert body["total"] == service.search(date_from=dt.date(2023, 9, 1),
                                           date_to=dt.date(2024, 1, 1)).total
    assert body["total"] < service.search(date_from=dt.date(2023, 9, 1)).total
    # a stated end stays as stated
    _, body, _ = demo_server.get("/search?as_of=2024-01-01&date_from=2023-09&date_to=2024-06")
    assert body["date_range"]["to"] == "2024-06-30"


def test_the_command_line_says_no_results(demo_index: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--index", str(demo_index), "dockworkrs", "strke"]) == 0
    out = capsys.readouterr().out
    assert out == "no results. Did you mean: dockworkers strike\n"
    assert main(["search", "--index", str(demo_index), "zzzzqqqx"]) == 0
    assert capsys.readouterr().out == "no results\n"


def test_help_is_plain_text_and_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for command in ("index", "reindex", "search", "facets", "story", "stats", "serve",
                    "extract"):
        assert f"    {command} " in text and command in text.split("Commands:")[1]
    for name in ("search", "facets", "story", "stats"):
        with pytest.raises(SystemExit):
            main([name, "--help"])
        text += capsys.readouterr().out
    assert not re.search(r"``|:(class|func|meth|mod|data):`", text)
