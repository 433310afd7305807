"""The newsfacet command: JSON Lines out of extract, one-line errors, exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsfacet.api.cli import build_parser, main
from newsfacet.api.param_registry import FACET_VALUES, SEARCH, params_of


def test_extract_prints_one_json_line_per_article(
    tiny_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tiny_jsonl)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["id"] for d in lines] == ["t1", "t2", "t3"]
    first = lines[0]
    assert set(first) >= {"id", "title", "outlet", "published", "event_dates", "speakers",
                          "locations"}
    assert first["speakers"][0]["name"] == "Ana Lindqvist"
    assert first["speakers"][0]["title"] == "Mayor"
    assert {p["label"] for p in lines[2]["locations"]} >= {"Rotterdam, The Netherlands"}


def test_index_then_search_as_json(tmp_path: Path, tiny_jsonl: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "index")
    assert main(["index", "--quiet", "--index", index, str(tiny_jsonl)]) == 0
    capsys.readouterr()
    assert main(["search", "--index", index, "--json", "--facets", "outlet", "strike"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["total"] == 2
    assert body["facets"]["outlet"] == [{"value": "Harbor Test", "count": 2}]


def test_errors_are_one_line_with_a_non_zero_exit(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "newsfacet.api.cli", "search", "--index", str(tmp_path), "x"],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0
    assert run.stderr.startswith("newsfacet: no index at")
    assert "Traceback" not in run.stderr


def test_skipped_records_name_file_and_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "ok", "body": "fine"}\n{broken\n', encoding="utf-8")
    status = main(["index", "--quiet", "--index", str(tmp_path / "index"), str(source)])
    assert status == 1
    assert f"{source}:2: malformed JSON" in capsys.readouterr().err


def test_search_prints_a_table_with_facets(tmp_path: Path, tiny_jsonl: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "index")
    assert main(["index", "--quiet", "--index", index, str(tiny_jsonl)]) == 0
    capsys.readouterr()
    assert main(["search", "--index", index, "--facets", "outlet,date", "strike"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2 results, showing 1-2")
    header = next(line for line in out if line.startswith("#"))
    assert header.split() == ["#", "date", "outlet", "score", "title", "id"]
    rows = [line for line in out if line[:1].isdigit() and "Harbor Test" in line]
    assert len(rows) == 2 and {"t1", "t3"} == {row.split()[-1] for row in rows}
    assert any(line.split() == ["Harbor", "Test", "2"] for line in out)
    assert any(line.split() == ["2024-03", "2"] for line in out)


def test_facets_and_stats_commands(tmp_path: Path, tiny_jsonl: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "index")
    assert main(["index", "--quiet", "--index", index, str(tiny_jsonl)]) == 0
    capsys.readouterr()
    assert main(["facets", "--index", index, "outlet", "--prefix", "val", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"value": "Valley Test", "count": 1}]
    assert main(["stats", "--index", index, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] == 3 and stats["size_bytes"] > 0
    assert stats["facets"]["outlet"] == 2
    assert main(["stats", "--index", index]) == 0
    assert "documents           3" in capsys.readouterr().out
    assert main(["facets", "--index", index, "nonsense"]) == 2


def test_story_command_and_collapsed_search(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    body = ("The river authority opened the new flood barrier on the east bank on Monday. "
            "It can hold back water two metres above the record level of last winter, "
            "and it closes in under ten minutes when the sensors upstream raise the alarm.")
    records = [{"id": "wire", "title": "Barrier opens", "outlet": "Wire", "body": body,
                "published": "2024-02-05"},
               {"id": "copy", "title": "New barrier", "outlet": "Daily", "body": body,
                "published": "2024-02-06"}]
    source = tmp_path / "copies.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    index = str(tmp_path / "index")
    assert main(["index", "--quiet", "--index", index, str(source)]) == 0
    capsys.readouterr()
    assert main(["search", "--index", index, "--collapse", "story", "barrier"]) == 0
    assert "1 stories (2 documents)" in capsys.readouterr().out
    assert main(["story", "--index", index, "--json", "wire"]) == 0
    story = json.loads(capsys.readouterr().out)
    assert [m["id"] for m in story["members"]] == ["wire", "copy"]
    assert main(["story", "--index", index, "nope"]) == 2
    assert "no story with id 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["index", "reindex", "search", "facets", "stats", "serve",
                                     "extract", "story"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert f"usage: newsfacet {command}" in capsys.readouterr().out


def _options(command: str) -> set[str]:
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    return {flag for action in sub._actions for flag in action.option_strings}


@pytest.mark.parametrize(("command", "op"), [("search", SEARCH), ("facets", FACET_VALUES)])
def test_options_are_the_declared_parameters(command: str, op: str) -> None:
    """Every parameter the HTTP operation takes is an option, and no other (but the
    command's own), named as declared; the query words and the facet name are positional."""
    own = {"-h", "--help", "--index", "--backend", "--json", "--timeout"}
    declared = {p.cli_flag for p in params_of(op, output=True)
                if p.name != "q" and not p.in_path}
    assert _options(command) - own == declared


def test_date_help_tells_what_the_parser_takes(tmp_path: Path, tiny_jsonl: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--date-from DATE Start of the date range: YYYY-MM-DD, YYYY-MM or YYYY" in help_text
    assert "'last week'" in help_text and "'since January 2022'" in help_text
    assert "--per-page N Hits per page. Default: 10." in help_text
    index = str(tmp_path / "index")
    assert main(["index", "--quiet", "--index", index, str(tiny_jsonl)]) == 0
    capsys.readouterr()
    assert main(["search", "--index", index, "--json", "--date-from", "since 2024",
                 "--as-of", "2024-06-01", "--date-to", "3 days ago", "strike"]) == 0
    assert json.loads(capsys.readouterr().out)["date_range"] == {
        "from": "2024-01-01", "to": "2024-05-29", "field": "published"}


@pytest.mark.parametrize(("args", "message"), [
    (["--page", "0"], "page: must be between 1 and 100 (pages reach the first 10,000 "
                      "results; use cursor to go deeper), got 0"),
    (["--per-page", "x"], "per_page: expected an integer, got 'x'"),
    (["--sort", "colour"], "sort: expected one of relevance, date:desc, date:asc, got 'colour'"),
    (["--facets", "outlet,colour"], "unknown facet 'colour'; facets are: outlet, speaker, "
                                    "location, date, story"),
    (["--highlight", "maybe"], "highlight: expected true or false, got 'maybe'"),
])
def test_bad_options_are_refused_as_over_http(tmp_path: Path, args: list[str], message: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The same reader as the query string's, so the same one-line message, exit 2."""
    assert main(["search", "--index", str(tmp_path / "none"), *args, "strike"]) == 2
    assert capsys.readouterr().err == f"newsfacet: {message}\n"


def test_an_option_given_twice_counts_its_last_value(tmp_path: Path, tiny_jsonl: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "index")
    assert main(["index", "--quiet", "--index", index, str(tiny_jsonl)]) == 0
    capsys.readouterr()
    assert main(["search", "--index", index, "--json", "--per-page", "5", "--per-page", "1",
                 "--outlet", "Harbor Test", "--outlet", "Valley Test", "strike"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["per_page"] == 1 and body["total"] == 2
