"""``NEWSFACET_*`` settings are read as what they are: the API key as a plain string (Flask's
``from_prefixed_env`` JSON-decoded it), and a value that does not parse stops the server
at start with one line naming the variable, never a traceback in the middle of a request."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from newsfacet.api import settings
from newsfacet.api.http import create_app
from newsfacet.schema.errors import InvalidSetting

ARTICLE = {"id": "a", "title": "Cranes", "body": "The port replaced its cranes on Monday."}


def _post(url: str, key: str) -> int:
    request = urllib.request.Request(url + "/documents", data=json.dumps(ARTICLE).encode(),
                                     method="POST", headers={
                                         "Content-Type": "application/json",
                                         "Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def _served(index: Path) -> Iterator[str]:
    app = create_app({"TESTING": False, "WRITE_TIMEOUT": 5.0, "INDEX": str(index)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["newsfacet"].close()


@pytest.mark.parametrize("key", ["true", "0", "null", "[]", '"quoted"', "12.50", "ünïcode"])
def test_the_api_key_is_the_string_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         key: str) -> None:
    monkeypatch.setenv("NEWSFACET_API_KEY", key)
    for url in _served(tmp_path / "index"):
        if key == "true":
            assert _post(url, "True") == 401  # what the JSON-decoded key expected
        assert _post(url, key + "x") == 401
        wire_key = key.encode("utf-8").decode("latin-1")  # the bytes a client sends
        assert _post(url, wire_key) == 200


def test_an_empty_api_key_means_writes_are_off(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFACET_API_KEY", "")
    for url in _served(tmp_path / "index"):
        assert _post(url, "") == 403


def test_the_index_is_a_path_even_when_it_looks_like_a_number() -> None:
    assert settings.from_environ({"NEWSFACET_INDEX": "123"}) == {"INDEX": "123"}
    assert settings.from_environ({"NEWSFACET_INDEX": "[]"}) == {"INDEX": "[]"}


@pytest.mark.parametrize(("name", "value"), [
    ("WRITE_TIMEOUT", "abc"), ("WRITE_TIMEOUT", "-1"), ("WRITE_TIMEOUT", "nan"),
    ("WRITE_TIMEOUT", "inf"), ("MAX_CONTENT_LENGTH", "lots"), ("MAX_CONTENT_LENGTH", "0"),
    ("INDEX", ""),
])
def test_a_setting_that_does_not_parse_stops_the_app_naming_it(name: str, value: str) -> None:
    with pytest.raises(InvalidSetting, match=f"NEWSFACET_{name}: expected"):
        settings.from_environ({f"NEWSFACET_{name}": value})


def test_create_app_refuses_a_bad_setting_at_start(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSFACET_WRITE_TIMEOUT", "abc")
    with pytest.raises(InvalidSetting, match="NEWSFACET_WRITE_TIMEOUT"):
        create_app({"INDEX": str(tmp_path / "index")})


def test_serve_says_which_setting_is_wrong_in_one_line(tmp_path: Path,
                                                       demo_index: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsfacet.api.cli", "serve", "--index", str(demo_index),
         "--port", "0"], capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "NEWSFACET_WRITE_TIMEOUT": "abc"})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "newsfacet: NEWSFACET_WRITE_TIMEOUT: expected seconds as a number of 0 or more, "
        "got 'abc' (seconds a write waits for the index lock before answering 503 with "
        "Retry-After)"]


def test_settings_read_from_the_environment_are_typed() -> None:
    assert settings.from_environ({"NEWSFACET_WRITE_TIMEOUT": "2.5",
                                  "NEWSFACET_MAX_CONTENT_LENGTH": "1048576",
                                  "NEWSFACET_API_KEY": "k", "OTHER": "x"}) == {
        "WRITE_TIMEOUT": 2.5, "MAX_CONTENT_LENGTH": 1048576, "API_KEY": "k"}
