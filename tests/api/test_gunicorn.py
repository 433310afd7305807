"""gunicorn with newsfacet's config (``-c python:newsfacet.api.gunicorn_conf``), on a real
socket: its own errors (request line too long, malformed, headers too large) and a
request killed at the worker timeout reach the client as JSON problems, like the app's."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def gunicorn(demo_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """One sync worker with a 2 s timeout serving the app plus a slow route."""
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "python:newsfacet.api.gunicorn_conf", "-b",
             f"127.0.0.1:{port}", "-w", "1", "--timeout", "2", "--pythonpath", str(HERE),
             "gunicorn_slow_app:app"],
            env={**os.environ, "NEWSFACET_INDEX": str(demo_index)}, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def exchange(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read the whole answer: status, headers (lower-case), body."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in
               (line.split(":", 1) for line in header_lines)}
    return int(status_line.split()[1]), headers, body


def assert_problem(status: int, headers: dict[str, str], body: bytes,
                   expected: int) -> dict[str, Any]:
    assert status == expected, body
    assert headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert set(problem) == {"type", "title", "status", "detail"}
    assert problem["status"] == expected and problem["detail"]
    assert headers["x-content-type-options"] == "nosniff"
    return problem  # type: ignore[no-any-return]


@pytest.mark.parametrize(("request_bytes", "expected"), [
    (b"GET /search?q=" + b"a" * 10_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET /search HTTP/9.9\r\nHost: x\r\n\r\n", 400),
    (b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n", 431),
    (b"GET /health HTTP/1.1\r\nHost: x\r\n"
     + b"".join(b"X-%d: v\r\n" % n for n in range(200)) + b"\r\n", 431),
], ids=["request line too long", "malformed request line", "bad version",
        "header too large", "too many headers"])
def test_gunicorns_own_errors_are_json_problems(gunicorn: int, request_bytes: bytes,
                                                expected: int) -> None:
    assert_problem(*exchange(gunicorn, request_bytes), expected)


def test_a_request_killed_at_the_timeout_is_a_503_problem(gunicorn: int) -> None:
    problem = assert_problem(*exchange(gunicorn, b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"),
                             503)
    assert "2 s" in problem["detail"] and "timeout" in problem["detail"]
    # the arbiter starts a new worker: the server goes on answering
    deadline = time.monotonic() + 60
    while True:
        try:
            status, _, body = exchange(gunicorn, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            if status == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "no worker came back"
        time.sleep(0.2)
    assert json.loads(body)["documents"] > 20


def test_a_bad_setting_stops_gunicorn_at_start_in_one_line(demo_index: Path) -> None:
    done = subprocess.run(
        [str(GUNICORN), "-c", "python:newsfacet.api.gunicorn_conf", "-b",
         f"127.0.0.1:{free_port()}", "newsfacet.api.http:create_app()"],
        env={**os.environ, "NEWSFACET_INDEX": str(demo_index),
             "NEWSFACET_WRITE_TIMEOUT": "abc"},
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Error: NEWSFACET_WRITE_TIMEOUT: expected seconds" in done.stderr
    assert "Traceback" not in done.stderr
