"""A damaged, misdirected or read-only index answers a clear error, never a traceback.

Regression (issue 14, item 3): truncated segment files, a binary ``CURRENT`` and a
read-only directory gave raw tracebacks on the command line and 500s over HTTP,
``/health`` answered 200 over a truncated stored column, and a ``CURRENT`` holding
``../elsewhere/gen-000001`` was followed outside the index directory.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TINY_RECORDS, LiveServer, serve
from newsfacet.indexer.integrity import CHECKSUMS
from newsfacet.indexer.pipeline import index_paths, reindex
from newsfacet.indexer.store import CURRENT, IndexStore
from newsfacet.schema.errors import IndexCorrupt

#: Every route that reads the index, as a client would call them.
READS = ("/health", "/search?q=strike&facets=outlet,speaker,location,date,story",
         "/search?q=port*", "/documents/t1", "/stats", "/quotes?q=talks", "/",
         "/view/t1", "/facets/speaker?prefix=a", "/documents/t1/similar")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small index of two commits (two segments), built once and copied per case."""
    folder = tmp_path_factory.mktemp("pristine")
    for n, record in enumerate(TINY_RECORDS):
        source = folder / f"part{n}.jsonl"
        source.write_text(json.dumps(record) + "\n", encoding="utf-8")
        index_paths(IndexStore(folder / "index"), [source], progress=False)
    return folder / "index"


def _copy(pristine: Path, into: Path) -> Path:
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(pristine, into, ignore=shutil.ignore_patterns("*.counts"))
    return into


def _committed_files(index: Path) -> list[Path]:
    """Every file a checksum record covers (documents and quotes)."""
    gen = IndexStore(index).current_path()
    return sorted(folder / name for folder in (gen, gen / "quotes")
                  for name in json.loads((folder / CHECKSUMS).read_text()))


def _get(server: LiveServer, path: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(server.url + path, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers["Content-Type"], error.read()


def _damage(path: Path, how: str, where: float, byte: int) -> None:
    data = bytearray(path.read_bytes())
    at = int(where * len(data))
    if how == "truncate":
        del data[at:]
    elif how == "flip" and data:
        data[min(at, len(data) - 1)] ^= byte or 0xFF
    elif how == "garbage":
        data = bytearray((byte * 7 + i * 13) % 256 for i in range(max(len(data), 16)))
    else:  # remove
        path.unlink()
        return
    path.write_bytes(bytes(data))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pick=st.integers(min_value=0), how=st.sampled_from(["truncate", "flip", "garbage",
                                                           "remove"]),
       where=st.floats(min_value=0.0, max_value=0.999), byte=st.integers(1, 255))
def test_damaged_files_answer_503_never_500(pristine: Path, tmp_path: Path, pick: int,
                                            how: str, where: float, byte: int) -> None:
    index = _copy(pristine, tmp_path / "index")
    files = _committed_files(index)
    damaged = files[pick % len(files)]
    before = damaged.read_bytes()
    _damage(damaged, how, where, byte)
    if damaged.exists() and damaged.read_bytes() == before:
        return  # that change was no change (a flip of a byte to itself cannot happen)
    for server in serve(index):
        for path in READS:
            status, content_type, body = _get(server, path)
            assert status in (200, 503), (path, status, body[:300])
            if status == 503 and content_type == "application/problem+json":
                problem = json.loads(body)
                assert problem["title"] == "Index damaged"
                assert str(tmp_path) not in problem["detail"]  # no server path leaks
        status, _, _ = _get(server, "/health")
        assert status == 503, f"health missed damage to {damaged.name} ({how})"


def test_cli_reports_damage_in_one_line(pristine: Path, tmp_path: Path) -> None:
    index = _copy(pristine, tmp_path / "index")
    stored = next(p for p in _committed_files(index) if p.name.endswith("._stored.col")
                  and p.parent.name != "quotes")
    _damage(stored, "truncate", 0.5, 0)
    for command in (["search", "strike"], ["stats"], ["search", "--json", "talks"]):
        run = subprocess.run([sys.executable, "-m", "newsfacet.api.cli", *command, "--index",
                              str(index)], capture_output=True, text=True, timeout=120)
        # a search that does not read the damaged bytes may succeed; none may crash
        assert "Traceback" not in run.stderr, run.stderr
        if run.returncode:
            assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
            assert "not as it was committed" in run.stderr


def test_a_writer_refuses_a_damaged_index_and_changes_nothing(pristine: Path,
                                                              tmp_path: Path) -> None:
    index = _copy(pristine, tmp_path / "index")
    postings = next(p for p in _committed_files(index) if p.suffix == ".pst")
    _damage(postings, "flip", 0.5, 0x5A)
    snapshot = {p: p.read_bytes() for p in index.rglob("*") if p.is_file()
                and p.name not in (".readers",)}
    source = tmp_path / "more.jsonl"
    source.write_text(json.dumps({"id": "n1", "body": "New text."}) + "\n", encoding="utf-8")
    with pytest.raises(IndexCorrupt):
        index_paths(IndexStore(index), [source], progress=False)
    after = {p: p.read_bytes() for p in snapshot if p.exists()}
    assert after == snapshot


def test_reindex_from_sources_repairs_a_damaged_index(pristine: Path, tmp_path: Path,
                                                      tiny_jsonl: Path) -> None:
    index = _copy(pristine, tmp_path / "index")
    stored = next(p for p in _committed_files(index) if p.name.endswith("._stored.col"))
    _damage(stored, "garbage", 0.0, 7)
    with pytest.raises(IndexCorrupt, match="name them"):
        reindex(IndexStore(index), progress=False)
    report = reindex(IndexStore(index), [tiny_jsonl], progress=False)
    assert report.documents == len(TINY_RECORDS)
    assert any("rebuilt from the paths given only" in note for note in report.notes)
    assert IndexStore(index).verify() > 0


@pytest.mark.parametrize("content", [b"\xff\xfe\x00binary", b"../elsewhere/gen-000001\n",
                                     b"/tmp/gen-000001\n", b"gen-1\n", b"gen-000001/../x\n"])
def test_current_never_leads_outside_the_index(pristine: Path, tmp_path: Path,
                                               content: bytes) -> None:
    index = _copy(pristine, tmp_path / "index")
    _copy(pristine, tmp_path / "elsewhere")  # a real index where the pointer leads
    (index / CURRENT).write_bytes(content)
    with pytest.raises(IndexCorrupt, match="does not name a generation"):
        IndexStore(index).current_path()
    for server in serve(index):
        for path in ("/health", "/search?q=strike", "/documents/t1"):
            status, content_type, body = _get(server, path)
            assert status == 503 and content_type == "application/problem+json"
            assert json.loads(body)["title"] == "Index damaged"


def _can_mount_read_only(tmp_path: Path) -> bool:
    probe = subprocess.run(["unshare", "-m", "sh", "-c",
                            f"mount --bind -o ro {tmp_path} {tmp_path}"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def _read_only(index: Path, *command: str) -> list[str]:
    """``command`` run in a mount namespace where ``index`` is mounted read-only."""
    return ["unshare", "-m", "sh", "-c", f'mount --bind -o ro "{index}" "{index}" && exec "$@"',
            "sh", *command]


@pytest.fixture
def read_only_index(pristine: Path, tmp_path: Path) -> Iterator[Path]:
    if shutil.which("unshare") is None or not _can_mount_read_only(tmp_path):
        pytest.skip("needs unshare and mount (a mount namespace) to make a read-only index")
    yield _copy(pristine, tmp_path / "index")


def test_read_only_index_searches_and_refuses_writes_in_one_line(read_only_index: Path,
                                                                 tmp_path: Path) -> None:
    cli = [sys.executable, "-m", "newsfacet.api.cli"]
    found = subprocess.run(_read_only(read_only_index, *cli, "search", "--json", "--index",
                                      str(read_only_index), "strike"),
                           capture_output=True, text=True, timeout=120)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] == 2
    source = tmp_path / "more.jsonl"
    source.write_text(json.dumps({"id": "n1", "body": "New text."}) + "\n", encoding="utf-8")
    refused = subprocess.run(_read_only(read_only_index, *cli, "index", "--quiet", "--index",
                                        str(read_only_index), str(source)),
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.count("\n") == 1 and "Read-only file system" in refused.stderr
    with IndexStore(read_only_index).open().searcher() as searcher:
        assert searcher.doc_count() == len(TINY_RECORDS)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_read_only_index_answers_writes_with_503_over_http(read_only_index: Path) -> None:
    port = _free_port()
    env = {**os.environ, "NEWSFACET_API_KEY": "k"}
    server = subprocess.Popen(_read_only(read_only_index, sys.executable, "-m",
                                         "newsfacet.api.cli", "serve", "--index",
                                         str(read_only_index), "--port", str(port)),
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    live = LiveServer(f"http://127.0.0.1:{port}")
    try:
        for _ in range(300):
            try:
                if live.get("/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        status, body, _ = live.get("/search?q=strike")
        assert status == 200 and body["total"] == 2
        request = urllib.request.Request(
            live.url + "/documents", method="POST", data=json.dumps(
                {"id": "n1", "body": "New text."}).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer k"})
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(request, timeout=60)
        with raised.value as error:
            problem = json.load(error)
            assert error.code == 503 and problem["title"] == "Index not writable"
            assert str(read_only_index) not in problem["detail"]
        assert live.get("/search?q=strike")[1]["total"] == 2
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
        assert b"Traceback" not in errors
