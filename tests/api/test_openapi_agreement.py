"""What the OpenAPI description says and what the server does agree where schemathesis
found them apart (issue 14, item 6): paging, batches, the methods a path allows, and the
text parameters' syntax."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

import pytest

from conftest import LiveServer
from newsfacet.api.models import MAX_PER_PAGE, MAX_RESULT_WINDOW


def options(server: LiveServer, path: str) -> tuple[int, set[str]]:
    request = urllib.request.Request(server.url + path, method="OPTIONS")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, {m.strip() for m in response.headers["Allow"].split(",")}


def spec(server: LiveServer) -> dict[str, Any]:
    status, body, _ = server.get("/openapi.json")
    assert status == 200
    return body


def parameter(description: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    found = [p for p in description["paths"][path]["get"]["parameters"] if p["name"] == name]
    return found[0]["schema"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", ["/search", "/quotes", "/documents/lpr-0001/similar"])
def test_every_page_the_description_allows_is_answered(demo_server: LiveServer,
                                                       path: str) -> None:
    """The description's page maximum times the per_page maximum stays in the window, and
    a page past the last one is 200 with no hits (as in Elasticsearch), total intact."""
    openapi_path = path.replace("lpr-0001", "{doc_id}")
    page = parameter(spec(demo_server), openapi_path, "page")
    per_page = parameter(spec(demo_server), openapi_path, "per_page")
    assert page["maximum"] * per_page["maximum"] <= MAX_RESULT_WINDOW
    assert per_page["maximum"] == MAX_PER_PAGE
    status, first, _ = demo_server.get(f"{path}?per_page=100&facets=outlet")
    assert status == 200 and 1 < first["total"] < MAX_RESULT_WINDOW - 100
    status, last, _ = demo_server.get(f"{path}?per_page=100&facets=outlet"
                                      f"&page={page['maximum']}")
    assert status == 200, last
    assert last["hits"] == [] and last["page"] == page["maximum"]
    assert last["total"] == first["total"] and last["facets"] == first["facets"]
    status, past, _ = demo_server.get(f"{path}?page={page['maximum'] + 1}")
    assert status == 400 and "cursor" in past["detail"]


def test_a_reversed_date_range_matches_nothing(demo_server: LiveServer) -> None:
    status, body, _ = demo_server.get("/search?date_from=2024-05-01&date_to=2020-01-01")
    assert status == 200 and body["total"] == 0 and body["hits"] == []


def test_similar_allows_only_get(demo_server: LiveServer) -> None:
    """DELETE /documents/<id> used to match x/similar too, so OPTIONS advertised it."""
    assert options(demo_server, "/documents/lpr-0001/similar") == (
        200, {"GET", "HEAD", "OPTIONS"})
    assert options(demo_server, "/documents/lpr-0001") == (
        200, {"GET", "HEAD", "DELETE", "OPTIONS"})
    request = urllib.request.Request(demo_server.url + "/documents/lpr-0001/similar",
                                     method="DELETE")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=30)
    assert raised.value.code == 405 and "DELETE" not in raised.value.headers["Allow"]
    raised.value.close()


def test_a_batch_may_hold_any_values_and_the_description_says_so(
        demo_server: LiveServer) -> None:
    body = spec(demo_server)["paths"]["/documents"]["post"]["requestBody"]
    single, batch = body["content"]["application/json"]["schema"]["oneOf"]
    assert batch["type"] == "array" and batch["minItems"] == 1
    assert set(batch["items"]) == {"description"}  # any JSON value: checked one by one
    assert "problems" in batch["items"]["description"]
    assert single["properties"]["id"]["anyOf"][0]["maxLength"] == 512


def test_text_parameters_state_their_syntax(demo_server: LiveServer) -> None:
    description = spec(demo_server)
    for name in ("date_from", "date_to", "as_of", "half_life"):
        assert parameter(description, "/search", name)["pattern"]
    assert parameter(description, "/search", "facets")["items"]["pattern"]
    assert parameter(description, "/search", "q")["maxLength"] == 2000
