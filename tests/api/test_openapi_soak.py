"""Soak: schemathesis with every check, every phase, at least 200 examples per operation,
against a real server on 127.0.0.1 with writes on. ``make soak-http`` runs it (about 5
minutes on 2 cores); the normal suite skips it, and ``test_openapi_fuzz.py`` runs a small
version of the same checks.

The server serves a copy of the demo index with an API key, which schemathesis sends as
``Authorization: Bearer``, so POST and DELETE /documents are exercised for real: the
coverage phase sends boundary and invalid values and unsupported methods, the fuzzing
phase random valid and invalid requests, and the stateful phase follows the description's
links (create a document, read it, find similar ones, delete it, read it again) for the
checks that need a history: ``use_after_free``, ``ensure_resource_availability``, and
``ignored_auth`` sends each write again without and with a wrong key.

Every check schemathesis has is on (``--checks all``); the one allowance is the hook
module ``schemathesis_hooks.py`` (a query that does not parse, a cursor that is not a
next_cursor: see there). It runs the CLI in a subprocess, as a user would, with a fixed
seed so a failure can be replayed; the command is printed on failure.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from conftest import LiveServer
from newsfacet.api.http import create_app

pytestmark = pytest.mark.soak

HERE = Path(__file__).resolve().parent
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
KEY = "soak-key-5e1f"
#: Examples per operation in the fuzzing phase; SOAK_EXAMPLES=1000 for a longer soak.
EXAMPLES = int(os.environ.get("SOAK_EXAMPLES", "250"))
SEED = int(os.environ.get("SOAK_SEED", "20261206"))
#: An operation with inputs must have been sent at least this many generated requests.
AT_LEAST = 200


@pytest.fixture(scope="module")
def writable_server(demo_index: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    index = tmp_path_factory.mktemp("soak") / "index"
    shutil.copytree(demo_index, index)
    app = create_app({"INDEX": str(index), "TESTING": False, "API_KEY": KEY,
                      "WRITE_TIMEOUT": 30.0})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["newsfacet"].close()


def cases_per_operation(events: Path) -> dict[str, int]:
    """Requests generated per operation in the examples, coverage and fuzzing phases, from
    the NDJSON event log (probes derived from a case, such as ignored_auth sending it again
    without the key, not counted; the stateful phase's scenarios span operations)."""
    counts: collections.Counter[str] = collections.Counter()
    with events.open(encoding="utf-8") as lines:
        for line in lines:
            finished = json.loads(line).get("ScenarioFinished")
            if finished is None or finished["phase"] == "stateful":
                continue
            recorder = finished["recorder"]
            counts[recorder["label"]] += sum(not case.get("parent_id")
                                             for case in recorder.get("cases", {}).values())
    return dict(counts)


def test_every_operation_passes_every_check(writable_server: LiveServer,
                                            tmp_path: Path) -> None:
    command = [str(SCHEMATHESIS), "run", f"{writable_server.url}/openapi.json",
               # every operation: by default schemathesis leaves out /openapi.json itself
               "--include-path-regex", "^/",
               "--checks", "all", "--max-examples", str(EXAMPLES), "--seed", str(SEED),
               "--header", f"Authorization: Bearer {KEY}", "--request-timeout", "60",
               "--report", "ndjson,junit", "--report-dir", str(tmp_path),
               "--report-ndjson-path", str(tmp_path / "events.ndjson")]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "schemathesis_hooks",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE),
                                                        os.environ.get("PYTHONPATH")]))}
    # run in tmp_path: schemathesis keeps a cache (.schemathesis/) in its working directory
    done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=3600)
    shown = " ".join(c if "Bearer" not in c else f"'Authorization: Bearer {KEY}'"
                     for c in command)
    print(f"$ SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH={HERE} {shown}\n"
          + done.stdout[-6000:])
    assert done.returncode == 0, done.stdout[-20_000:] + done.stderr[-5000:]
    counts = cases_per_operation(tmp_path / "events.ndjson")
    _, description, _ = writable_server.get("/openapi.json")
    operations = {f"{method.upper()} {path}": op
                  for path, methods in description["paths"].items()
                  for method, op in methods.items()}
    assert set(counts) >= set(operations), set(operations) - set(counts)
    with_inputs = {label for label, op in operations.items()
                   if op.get("parameters") or op.get("requestBody")}
    thin = {label: counts[label] for label in with_inputs if counts[label] < AT_LEAST}
    print("requests per operation:", json.dumps(dict(sorted(counts.items())), indent=1))
    assert not thin, thin
