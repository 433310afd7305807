"""Real Xapian shard servers on 127.0.0.1 for tests: ``newsfacet shard serve`` processes.

Every test that needs Xapian skips, naming what is missing, when the Python bindings
(``newsfacet[xapian]``) or the server (``xapian-tcpsrv``, Debian's xapian-tools) are not
installed; ``make test`` installs both when it can.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest


def missing_xapian(server: bool = True) -> str | None:
    """What is missing for the Xapian tests, or None."""
    if importlib.util.find_spec("xapian") is None:
        return ("Xapian's Python bindings are not installed (pip install "
                "'newsfacet[xapian]'; make test installs them)")
    if server and shutil.which("xapian-tcpsrv") is None:
        return ("xapian-tcpsrv is not installed (Debian: apt-get install xapian-tools; "
                "make test installs it as root)")
    return None


def need_xapian(server: bool = True) -> None:
    reason = missing_xapian(server)
    if reason:
        pytest.skip(reason)


def _free_block(size: int) -> int:
    """A port P with P..P+size-1 all free on 127.0.0.1."""
    for _ in range(200):
        base = random.randrange(20_000, 60_000, size)
        sockets = []
        try:
            for port in range(base, base + size):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError("no free block of ports on 127.0.0.1")


def free_block(size: int = 5) -> int:
    """Ports P..P+4: a shard's four servers and its replication server."""
    return _free_block(size)


@dataclass
class Shard:
    """One ``newsfacet shard serve`` process (in a session of its own)."""

    db: Path
    port: int
    #: ``HOST:PORT`` of the shard this one is a read replica of.
    replica_of: str | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        with (self.db.parent / f"{self.db.name}.log").open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "newsfacet.api.cli", "shard", "serve", "--db",
                 str(self.db), "--host", "127.0.0.1", "--port", str(self.port),
                 *(["--replica-of", self.replica_of] if self.replica_of else [])],
                start_new_session=True, stdout=log, stderr=log)
        self.wait_until_up()

    def wait_until_up(self, timeout: float = 20.0) -> None:
        import xapian

        deadline = time.monotonic() + timeout
        while True:
            try:
                for offset in (0, 2):
                    xapian.remote_open("127.0.0.1", self.port + offset, 1000,
                                       1000).get_doccount()
                return
            except xapian.Error:
                if self.process is not None and self.process.poll() is not None:
                    raise RuntimeError(f"shard {self.name} exited: see {self.db}.log"
                                       ) from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        """SIGTERM, as Ctrl-C would: the shard stops its servers and their children."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def pause(self) -> list[int]:
        """Stop the shard's servers answering (SIGSTOP): a shard that is slow, not down.
        Returns the process groups to :meth:`resume`."""
        groups = set()
        out = subprocess.run(["ps", "-ww", "-eo", "pid,pgid,args"], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines()[1:]:
            _pid, pgid, args = line.split(None, 2)
            if "xapian-tcpsrv" in args and str(self.db) in args:
                groups.add(int(pgid))
        assert groups, f"no xapian-tcpsrv of {self.db} found to pause"
        for group in groups:
            os.killpg(group, signal.SIGSTOP)
        return sorted(groups)

    @staticmethod
    def resume(groups: list[int]) -> None:
        for group in groups:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGCONT)


@dataclass
class Cluster:
    shards: list[Shard]
    state: Path

    @property
    def spec(self) -> str:
        return "xapian+tcp://" + ",".join(s.name for s in self.shards)

    def stop(self) -> None:
        for shard in self.shards:
            shard.stop()


def start_cluster(folder: Path, count: int = 3) -> Cluster:
    """``count`` shards under ``folder``, each on its own free ports."""
    shards = []
    try:
        for i in range(count):
            shard = Shard(folder / f"shard{i + 1}", free_block())
            shard.start()
            shards.append(shard)
    except BaseException:
        for shard in shards:
            shard.stop()
        raise
    return Cluster(shards, folder / "state")
