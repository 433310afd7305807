"""The OpenAPI description: valid 3.1, complete, and true to what the server answers."""

from __future__ import annotations

import copy
import re
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate

from conftest import LiveServer
from newsfacet.api.http import create_app
from newsfacet.api.models import SORTS
from newsfacet.api.openapi import build_spec, openapi_path
from newsfacet.api.params import (
    answer_format,
    facet_search_from_params,
    quote_request_from_params,
    request_from_params,
    similar_request_from_params,
)

#: The parser each endpoint hands ``request.args.getlist`` to.
PARSERS: dict[str, Callable[[Callable[[str], list[str]]], Any]] = {
    "search": lambda get: (request_from_params(get), answer_format("search", get)),
    "quotes": lambda get: (quote_request_from_params(get), answer_format("quotes", get)),
    "similar": similar_request_from_params,
    "facet_values": facet_search_from_params,
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return create_app({"INDEX": str(tmp_path_factory.mktemp("empty") / "index")})


@pytest.fixture(scope="module")
def spec(app: Any) -> dict[str, Any]:
    return build_spec(app)


def operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId (the Flask endpoint) -> (path, method, operation)."""
    return {op["operationId"]: (path, method, op)
            for path, methods in spec["paths"].items() for method, op in methods.items()}


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate(spec)  # raises on an invalid document
    assert spec["info"]["title"] == "newsfacet" and spec["info"]["version"]


def test_every_json_route_is_described(app: Any, spec: dict[str, Any]) -> None:
    """A new endpoint without ``@documented`` fails here."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.startswith("web."):
            continue
        path = openapi_path(rule.rule)
        assert path in spec["paths"], f"{rule.rule} ({rule.endpoint}) is not in the spec"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operation = spec["paths"][path][method.lower()]
            assert operation["summary"], f"{rule.rule}: no docstring"
            assert "200" in operation["responses"]
    assert "/" not in spec["paths"] and not any(p.startswith("/view") for p in spec["paths"])
    assert "/documents/{doc_id}" in spec["paths"] and "/facets/{name}" in spec["paths"]


@pytest.mark.parametrize("endpoint", PARSERS)
def test_every_parameter_the_parser_reads_is_described(spec: dict[str, Any],
                                                       endpoint: str) -> None:
    read: list[str] = []

    def recording(name: str) -> list[str]:
        read.append(name)
        return []

    PARSERS[endpoint](recording)
    path, _, operation = operations(spec)[endpoint]
    described = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    assert described == set(read), path
    in_path = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
    assert in_path == set(re.findall(r"{(\w+)}", path))


def test_only_parsed_endpoints_take_query_parameters(spec: dict[str, Any]) -> None:
    for endpoint, (_, _, operation) in operations(spec).items():
        if endpoint not in PARSERS:
            assert not [p for p in operation.get("parameters", []) if p["in"] == "query"]


def test_errors_are_problem_responses(spec: dict[str, Any]) -> None:
    ops = operations(spec)
    for endpoint, (_, _, operation) in ops.items():
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")):
                assert set(response["content"]) == {"application/problem+json"}, endpoint
    assert {"400", "503"} <= set(ops["search"][2]["responses"])
    assert {"404", "503"} <= set(ops["document"][2]["responses"])
    assert "404" in ops["similar"][2]["responses"]
    assert "400" in ops["facet_values"][2]["responses"]
    problem = spec["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}


def _strict(node: Any) -> Any:
    """Every object schema with listed properties admits no others: the schema must say
    everything the server sends, not merely be compatible with it."""
    if isinstance(node, dict):
        out = {key: _strict(value) for key, value in node.items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_strict(value) for value in node]
    return node


def check(spec: dict[str, Any], path: str, status: int, body: Any, content_type: str,
          method: str = "get") -> None:
    """``body`` is what the spec says ``path`` answers with ``status``."""
    response = spec["paths"][path][method]["responses"][str(status)]
    media = content_type.split(";")[0].strip()
    assert media in response["content"], (path, status, content_type)
    schema = response["content"][media]["schema"]
    strict = _strict({**copy.deepcopy(schema), "components": spec["components"]})
    validator = Draft202012Validator(strict, format_checker=FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
    assert not errors, (path, errors[:5])


def test_real_responses_match_the_spec(demo_server: LiveServer) -> None:
    status, spec, content_type = demo_server.get("/openapi.json")
    assert status == 200 and content_type.startswith("application/json")
    validate(spec)
    seen = set()
    requests = [
        ("/search", "/search?q=strike&facets=outlet,speaker,location,date"),
        ("/search", "/search?q=strike&date_from=2023&date_to=2024&per_page=2"),
        ("/quotes", "/quotes?q=strike&facets=speaker,outlet"),
        ("/stats", "/stats"),
        ("/facets/{name}", "/facets/speaker?prefix=a"),
        ("/health", "/health"),
        ("/search", "/search?q=port&sort=colour"),
        ("/facets/{name}", "/facets/colour"),
        ("/documents/{doc_id}", "/documents/no-such-id"),
    ]
    status, results, _ = demo_server.get("/search?q=strike")
    doc_id = results["hits"][0]["id"]
    requests += [("/documents/{doc_id}", f"/documents/{quote(doc_id)}"),
                 ("/documents/{doc_id}/similar", f"/documents/{quote(doc_id)}/similar?facets=date")]
    for template, url in requests:
        status, body, content_type = demo_server.get(url)
        check(spec, template, status, body, content_type)
        seen.add(status)
        if status == 200:  # something to check: lists are not empty
            assert body.get("hits", [1]) and body.get("values", [1]), url
    assert seen == {200, 400, 404}
    assert results["hits"][0]["published"] and results["date_range"] is None


def test_search_hits_and_date_range_are_non_trivially_checked(demo_server: LiveServer) -> None:
    """The schema is strict enough to catch a renamed field (``from``, not ``start``)."""
    _, spec, _ = demo_server.get("/openapi.json")
    _, body, content_type = demo_server.get("/search?q=strike&date_from=2023")
    assert body["date_range"]["from"] and body["hits"]
    check(spec, "/search", 200, body, content_type)
    body["date_range"]["start"] = body["date_range"].pop("from")
    with pytest.raises(AssertionError):
        check(spec, "/search", 200, body, content_type)


def test_docs_page_lists_paths_and_sort_values(demo_server: LiveServer) -> None:
    with urllib.request.urlopen(demo_server.url + "/docs", timeout=30) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/html")
        page = response.read().decode("utf-8")
    assert "<code>/search</code>" in page and "/documents/{doc_id}" in page
    for value in SORTS:
        assert f"<code>{value}</code>" in page
    assert "application/problem+json" in page and "<script" not in page


def test_spec_is_built_once_per_app(app: Any) -> None:
    client = app.test_client()
    first = client.get("/openapi.json")
    assert first.status_code == 200
    cached = app.extensions["newsfacet.openapi"]["spec"]
    assert client.get("/openapi.json").get_json() == first.get_json()
    assert app.extensions["newsfacet.openapi"]["spec"] is cached
