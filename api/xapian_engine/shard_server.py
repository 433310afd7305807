"""``newsfacet shard serve``: one shard of a Xapian cluster, in the foreground.

A shard is a directory holding two Xapian databases (documents and quotes), each
served by two ``xapian-tcpsrv`` processes on consecutive ports from ``--port P``:

====  ==========================================
P     documents, read-only (searches)
P+1   documents, writable (the indexer; one writer at a time)
P+2   quotes, read-only
P+3   quotes, writable
====  ==========================================

Clients name P only (``xapian+tcp://H:P,...``). Each server starts in a session of its
own, so stopping one never takes this process's group with it, and stopping this
command stops all four, with the children they forked per connection. The protocol
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


def serve(db: Path, host: str, port: int) -> int:
    """Run the shard's servers until SIGINT or SIGTERM, or until one of them exits."""
    server = shutil.which(SERVER)
    if server is None:
        raise InvalidParameter(f"{SERVER} not found: install Xapian's tools (Debian: "
                               "apt-get install xapian-tools)")
    if not 0 < port < 65533:
        raise InvalidParameter(f"--port {port}: expected 1-65532 (the shard uses P to P+3)")
    for kind in (DOCS_DIR, QUOTES_DIR):
        (db / kind).parent.mkdir(parents=True, exist_ok=True)
        xapian.WritableDatabase(str(db / kind), xapian.DB_CREATE_OR_OPEN).close()
    children: list[subprocess.Popen[bytes]] = []
    for (kind, writable), offset in sorted(PORT_OFFSETS.items(), key=lambda p: p[1]):
        command = [server, "--interface", host, "--port", str(port + offset)]
        if writable:
            command.append("--writable")
        command.append(str(db / (DOCS_DIR if kind == "docs" else QUOTES_DIR)))
        children.append(subprocess.Popen(command, start_new_session=True,
                                         stdout=subprocess.DEVNULL))
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"shard {db} on {host}: documents {port} (read) {port + 1} (write), quotes "
          f"{port + 2} (read) {port + 3} (write); Ctrl-C to stop", file=sys.stderr,
          flush=True)
    status = 0
    try:
        while not stopping:
            for child in children:
                if child.poll() is not None:
                    print(f"newsfacet: {SERVER} on port {child.args[4]} exited with "  # type: ignore[index]
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
