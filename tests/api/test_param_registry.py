"""One declaration reaches every surface: a parameter added to the registry is read and
checked over HTTP (API and web page) and by ``validate()``, described in
``/openapi.json``, offered by ``newsfacet search`` with its help, listed in the Python
docs, and reported missing by the signature check until the methods take it."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import LiveServer, serve
from newsfacet.api import param_registry, params
from newsfacet.api.cli import build_parser, main
from newsfacet.api.models import SearchRequest, SearchResults
from newsfacet.api.param_kinds import Integer, Param
from newsfacet.api.param_registry import SEARCH, params_of
from newsfacet.api.param_signatures import fields_drift, parameters_section, signature_drift
from newsfacet.api.service import SearchService
from newsfacet.indexer.pipeline import index_paths
from newsfacet.indexer.store import IndexStore
from newsfacet.schema.errors import InvalidParameter

DUMMY = Param("dummy_level", Integer(1, 9), "A level only this test declares.",
              frozenset({SEARCH}), default=3)


@dataclass(frozen=True)
class DummyRequest(SearchRequest):
    """What an embedder adds with the parameter: a field to hold it."""

    dummy_level: int = 3


@pytest.fixture
def dummy(monkeypatch: pytest.MonkeyPatch) -> list[SearchRequest]:
    """The registry with DUMMY declared; returns the requests searches run with."""
    monkeypatch.setattr(param_registry, "PARAMS", (*param_registry.PARAMS, DUMMY))
    monkeypatch.setitem(params.REQUEST_CLASSES, SEARCH, DummyRequest)
    seen: list[SearchRequest] = []
    run = SearchService.run

    def recording(self: SearchService, request: SearchRequest) -> SearchResults:
        seen.append(request)
        return run(self, request)

    monkeypatch.setattr(SearchService, "run", recording)
    return seen


@pytest.fixture
def index(tmp_path: Path, tiny_jsonl: Path) -> Path:
    index_paths(IndexStore(tmp_path / "index"), [tiny_jsonl], progress=False)
    return tmp_path / "index"


def page_status(server: LiveServer, path: str) -> int:
    try:
        with urllib.request.urlopen(server.url + path, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def test_a_declared_parameter_is_read_and_checked_over_http(
        dummy: list[SearchRequest], index: Path) -> None:
    for server in serve(index):
        status, body, _ = server.get("/search?q=strike&dummy_level=7")
        assert status == 200 and body["total"] == 2
        assert isinstance(dummy[-1], DummyRequest) and dummy[-1].dummy_level == 7
        server.get("/search?q=strike")
        assert dummy[-1].dummy_level == 3  # the declared default
        for bad, detail in (("0", "dummy_level: must be between 1 and 9, got 0"),
                            ("x", "dummy_level: expected an integer, got 'x'"),
                            ("", "dummy_level: expected an integer, got ''")):
            status, body, _ = server.get(f"/search?dummy_level={bad}")
            assert (status, body["detail"]) == (400, detail)
        assert page_status(server, "/?q=strike&dummy_level=7") == 200
        assert page_status(server, "/?q=strike&dummy_level=10") == 400
        assert server.get("/quotes?dummy_level=0")[0] == 200  # not a quotes parameter


def test_a_declared_parameter_is_described(dummy: list[SearchRequest], index: Path) -> None:
    for server in serve(index):
        _, spec, _ = server.get("/openapi.json")
    described = {p["name"]: p for p in spec["paths"]["/search"]["get"]["parameters"]}
    assert described["dummy_level"] == {
        "name": "dummy_level", "in": "query", "required": False,
        "description": "A level only this test declares.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 9, "default": 3}}
    assert "dummy_level" not in {p["name"] for p in spec["paths"]["/quotes"]["get"]["parameters"]}


def test_a_declared_parameter_is_validated_from_python(dummy: list[SearchRequest]) -> None:
    assert params.validate(DummyRequest(dummy_level=9)).dummy_level == 9
    with pytest.raises(InvalidParameter, match="dummy_level: must be between 1 and 9"):
        params.validate(DummyRequest(dummy_level=10))
    with pytest.raises(InvalidParameter, match="dummy_level: expected an integer"):
        params.validate(DummyRequest(dummy_level="5"))  # type: ignore[arg-type]


def test_a_declared_parameter_is_a_command_line_option(
        dummy: list[SearchRequest], index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["search", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--dummy-level N A level only this test declares. Default: 3." in help_text
    assert main(["search", "--index", str(index), "--json", "--dummy-level", "7",
                 "strike"]) == 0
    assert dummy[-1].dummy_level == 7  # type: ignore[attr-defined]
    capsys.readouterr()
    assert main(["search", "--index", str(index), "--dummy-level", "0", "strike"]) == 2
    assert capsys.readouterr().err == (
        "newsfacet: dummy_level: must be between 1 and 9, got 0\n")


def test_a_declared_parameter_is_in_the_python_docs_and_signatures_miss_it(
        dummy: list[SearchRequest]) -> None:
    assert ("dummy_level (int, default 3): A level only this test declares."
            in parameters_section(SEARCH))
    assert signature_drift(SearchService.search, SEARCH) == [
        "SearchService.search: no parameter 'dummy_level' (declared for search)"]
    assert fields_drift(SearchRequest, SEARCH) == [
        "SearchRequest: no field 'dummy_level' (declared for search)"]
    assert fields_drift(DummyRequest, SEARCH) == []
    # a method whose signature lacks it refuses to run rather than drop it
    with pytest.raises(TypeError, match="dummy_level"):
        params.request_from_arguments(SEARCH, {p.name: p.python_value_default
                                               for p in params_of(SEARCH)
                                               if p is not DUMMY})


def test_without_the_dummy_nothing_mentions_it() -> None:
    """The monkeypatch is the only place it lives: the checks above could fail."""
    assert "dummy_level" not in {p.name for p in params_of(SEARCH)}
    assert "dummy_level" not in parameters_section(SEARCH)
    assert signature_drift(SearchService.search, SEARCH) == []

