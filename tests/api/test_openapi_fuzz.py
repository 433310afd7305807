"""Fuzz the HTTP API from its own OpenAPI description (schemathesis 4).

What this proves, for every operation in ``/openapi.json`` over an index of the demo
corpus: for requests generated from the description (boundary and invalid values and
unsupported methods from the coverage phase, random valid ones from the fuzzing phase),
the server never answers 5xx, every answer has a documented status code, a documented
content type and a body that validates against the documented schema, what the schema
rejects is refused and what it allows is accepted (every check schemathesis has that
needs no history; ``test_openapi_soak.py`` runs them all, with writes on, at length). Why: the
description is generated from the code (api/openapi.py), so this is the check that the
generator and the views still tell the same story, on inputs nobody wrote by hand.

Random values rarely hit anything, so two things steer the fuzzer to the interesting
answers: ``q`` is drawn half of the time from words and query syntax that match the demo
corpus (a schemathesis fuzz dictionary), and ``test_known_ids_answer_as_described``
sends the operations with a document or story id in the path the ids the index has, so
their 200 bodies (a whole document, a story, similar documents) are checked too.

Requests go to a real HTTP server on 127.0.0.1 (``serve`` from conftest) over an index
the real indexer built; it runs without an API key, as a server starts by default, so
the write operations are checked for their documented refusal and the shared index is
never written. The description is read when the module is imported (pytest needs the
operations to collect a test per operation): it is what ``/openapi.json`` answers on an
app with no index, the same document because it is generated from the URL map and type
hints, never from data; ``test_fuzzed_description_is_the_served_one`` checks that. Why not
``schemathesis.pytest.from_fixture``, which would load it from the live server: in
schemathesis 4.32 it sets ``request.node._nodeid``, which pytest 9 no longer has, so every
such test fails with an AttributeError before sending a request.

Bounded and reproducible: a fixed seed, derandomized Hypothesis, ``MAX_EXAMPLES`` per
operation in the fuzzing phase; the stateful phase is off.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import Case
from schemathesis.checks import CHECKS as REGISTERED_CHECKS
from schemathesis.checks import is_check_class
from schemathesis.config import SchemathesisConfig

import schemathesis_hooks  # noqa: F401  (registers the filter of documented refusals)
from conftest import REPO, LiveServer, serve
from newsfacet.api.http import create_app

#: Examples generated per operation in the fuzzing phase.
MAX_EXAMPLES = 20
SEED = 20240305
#: Queries that find something in the demo corpus, in every syntax the parser takes.
QUERIES = ["strike", "Rotterdam", "flood", "election recount", '"container terminals"',
           "strike AND port", "flood OR satellite", "strike NOT Rotterdam", "strik*",
           "title:strike", "Brandsma", "dockworkers' union", "Douro", "Mombasa"]
FUZZ_SETTINGS = settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow,
                                                HealthCheck.filter_too_much])


def served_description() -> dict[str, Any]:
    """``GET /openapi.json`` of an app whose index does not exist (nothing is opened)."""
    app = create_app({"INDEX": str(REPO / "var" / "no-such-index-for-openapi"),
                      "TESTING": False})
    try:
        response = app.test_client().get("/openapi.json")
        assert response.status_code == 200, response.data
        return json.loads(response.data)  # type: ignore[no-any-return]
    finally:
        app.extensions["newsfacet"].close()


DESCRIPTION = served_description()
CONFIG = SchemathesisConfig.from_dict({
    "seed": SEED,
    "generation": {"deterministic": True, "max-examples": MAX_EXAMPLES},
    "phases": {"stateful": {"enabled": False}},
    "dictionaries": {"queries": {"values": QUERIES}},
    "parameters": {"query.q": {"dictionary": "queries", "probability": 0.5}},
})
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(DESCRIPTION)), config=CONFIG)
#: Every per-response check schemathesis has (loading an OpenAPI schema registers them):
#: conformance of status, content type, headers and body; negative data rejected and
#: positive data accepted; auth not ignored. The ones that need a run's history
#: (use_after_free, ensure_resource_availability) run in the soak, test_openapi_soak.py.
CHECKS = [check for check in REGISTERED_CHECKS.get_all() if not is_check_class(check)]


@pytest.fixture(scope="module")
def fuzz_server(demo_index: Path) -> Iterator[LiveServer]:
    with pytest.MonkeyPatch.context() as env:
        # no API key whatever the environment says: writes must be refused, not made
        env.delenv("NEWSFACET_API_KEY", raising=False)
        yield from serve(demo_index)


@pytest.fixture(scope="module")
def known_ids(fuzz_server: LiveServer) -> dict[str, list[str]]:
    """Path variable -> the values the index has: every document id and story id."""
    status, found, _ = fuzz_server.get("/search?per_page=100&highlight=false")
    assert status == 200 and found["total"] == len(found["hits"]) > 20, found
    return {"doc_id": sorted(hit["id"] for hit in found["hits"]),
            "story_id": sorted({hit["story"] for hit in found["hits"] if hit["story"]})}


def test_fuzzed_description_is_the_served_one(fuzz_server: LiveServer) -> None:
    status, served, content_type = fuzz_server.get("/openapi.json")
    assert status == 200 and content_type.startswith("application/json")
    assert served == DESCRIPTION


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_answers_as_described(case: Case, fuzz_server: LiveServer) -> None:
    case.call_and_validate(base_url=fuzz_server.url, checks=CHECKS, timeout=30)


@schema.include(method="GET", path_regex=r"\{(doc_id|story_id)\}").parametrize()
@schema.given(data=st.data())
@FUZZ_SETTINGS
def test_known_ids_answer_as_described(case: Case, data: st.DataObject,
                                       fuzz_server: LiveServer,
                                       known_ids: dict[str, list[str]]) -> None:
    for name in case.path_parameters or {}:
        case.path_parameters[name] = data.draw(st.sampled_from(known_ids[name]), label=name)
    case.call_and_validate(base_url=fuzz_server.url, checks=CHECKS, timeout=30)
