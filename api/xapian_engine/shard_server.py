"""``newsfacet shard serve``: one shard of a Xapian cluster, in the foreground.

A shard is a directory holding two Xapian databases (documents and quotes), each
served by two ``xapian-tcpsrv`` processes on consecutive ports from ``--port P``:

====  ==========================================
P     documents, read-only (searches)
P+1   documents, writable (the indexer; one writer at a time)
P+2   quotes, read-only
P+3   quotes, writable
P+4   replication (``xapian-replicate-server``), for read replicas
====  ==========================================

Clients name P only (``xapian+tcp://H:P,...``). A read replica (``--replica-of H:P``)
keeps copies of that shard's two databases with ``xapian-replicate`` (every second)
and serves them read-only on its P and P+2; clients list it after the shard it copies
(``xapian+tcp://H1:P1|R1:Q1,...``) and searches fail over to it when the shard is down.

Each server starts in a session of its own, so stopping one never takes this process's
group with it, and stopping this command stops them all, with the children they forked
per connection. The protocol
has no authentication: bind to loopback or a private network only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

import xapian

from newsfacet.schema.errors import InvalidParameter

from .database import DOCS_DIR, PORT_OFFSETS, QUOTES_DIR

SERVER = "xapian-tcpsrv"


#: Changesets a primary keeps for replicas to catch up from (else they copy it whole).
MAX_CHANGESETS = "100"
#: The replication port, from a shard's P.
REPLICATION_OFFSET = 4


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise InvalidParameter(f"{name} not found: install Xapian's tools (Debian: "
                               "apt-get install xapian-tools)")
    return found


def _replicate(db: Path, primary: str, children: list[subprocess.Popen[bytes]]) -> None:
    """Start copying the primary's databases into ``db``; wait for the first copy."""
    host, _, port_text = primary.rpartition(":")
    if not host or not port_text.isdigit():
        raise InvalidParameter(f"--replica-of {primary!r}: expected HOST:PORT of a shard")
    for kind in (DOCS_DIR, QUOTES_DIR):
        db.mkdir(parents=True, exist_ok=True)
        children.append(subprocess.Popen(
            [_tool("xapian-replicate"), "-h", host, "-p",
             str(int(port_text) + REPLICATION_OFFSET), "-m", kind, "-i", "1", "-r", "1",
             "-t", "5", "-q", str(db / kind)], start_new_session=True,
            stdout=subprocess.DEVNULL))
    deadline = time.monotonic() + 60
    while True:
        try:
            for kind in (DOCS_DIR, QUOTES_DIR):
                xapian.Database(str(db / kind)).close()
            return
        except xapian.Error:
            if time.monotonic() > deadline:
                raise InvalidParameter(f"--replica-of {primary}: no copy arrived within "
                                       "60 s; is the shard up?") from None
            time.sleep(0.2)


def serve(db: Path, host: str, port: int, replica_of: str | None = None) -> int:
    """Run the shard's servers until SIGINT or SIGTERM, or until one of them exits."""
    server = _tool(SERVER)
    if not 0 < port < 65532:
        raise InvalidParameter(f"--port {port}: expected 1-65531 (the shard uses P to P+4)")
    children: list[subprocess.Popen[bytes]] = []
    env = {**os.environ, "XAPIAN_MAX_CHANGESETS": MAX_CHANGESETS}
    if replica_of is None:
        for kind in (DOCS_DIR, QUOTES_DIR):
            (db / kind).parent.mkdir(parents=True, exist_ok=True)
            xapian.WritableDatabase(str(db / kind), xapian.DB_CREATE_OR_OPEN).close()
        children.append(subprocess.Popen(
            [_tool("xapian-replicate-server"), "--interface", host, "--port",
             str(port + REPLICATION_OFFSET), str(db)], start_new_session=True,
            stdout=subprocess.DEVNULL))
    else:
        _replicate(db, replica_of, children)
    for (kind, writable), offset in sorted(PORT_OFFSETS.items(), key=lambda p: p[1]):
        if writable and replica_of is not None:
            continue  # a replica is read-only: writes go to the shard it copies
        command = [server, "--interface", host, "--port", str(port + offset)]
        if writable:
            command.append("--writable")
        command.append(str(db / (DOCS_DIR if kind == "docs" else QUOTES_DIR)))
        children.append(subprocess.Popen(command, start_new_session=True, env=env,
                                         stdout=subprocess.DEVNULL))
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if replica_of is None:
        print(f"shard {db} on {host}: documents {port} (read) {port + 1} (write), quotes "
              f"{port + 2} (read) {port + 3} (write), replication {port + 4}; Ctrl-C to "
              "stop", file=sys.stderr, flush=True)
    else:
        print(f"replica {db} of {replica_of} on {host}: documents {port}, quotes "
              f"{port + 2} (read only); Ctrl-C to stop", file=sys.stderr, flush=True)
    status = 0
    try:
        while not stopping:
            for child in children:
                if child.poll() is not None:
                    print(f"newsfacet: {' '.join(map(str, child.args))} exited with "  # type: ignore[arg-type]
                          f"status {child.returncode}", file=sys.stderr)
                    stopping, status = True, 1
            time.sleep(0.2)
    finally:
        for child in children:
            with contextlib.suppress(ProcessLookupError):  # its children forked too
                os.killpg(child.pid, signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
    return status
