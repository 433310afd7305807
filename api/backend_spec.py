"""Which engine and index a command or server uses: ``whoosh:PATH``, ``xapian:PATH`` or
``xapian+tcp://H1:P1,H2:P2,...``.

Read here without importing any engine: Xapian is GPL and an optional extra
(``newsfacet[xapian]``), imported only when a spec selects it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from newsfacet.schema.errors import InvalidParameter

#: The environment variable that sets ``--backend``.
BACKEND_SETTING = "NEWSFACET_BACKEND"
_ENDPOINT = re.compile(r"^\[?([A-Za-z0-9_.:-]+?)\]?:(\d{1,5})$")


@dataclass(frozen=True)
class BackendSpec:
    """An engine (``whoosh`` or ``xapian``) and where its index is: a local ``path``, or
    remote shards as ``(host, port)`` pairs, in shard order, each with the read replicas
    that searches fail over to (``H:P|R1:Q1|R2:Q2``)."""

    engine: str
    path: Path | None = None
    shards: tuple[tuple[str, int], ...] = ()
    replicas: tuple[tuple[tuple[str, int], ...], ...] = ()

    def endpoints(self, i: int) -> tuple[tuple[str, int], ...]:
        """Shard ``i``'s primary, then its replicas."""
        return (self.shards[i], *(self.replicas[i] if self.replicas else ()))

    @property
    def remote(self) -> bool:
        return bool(self.shards)

    def __str__(self) -> str:
        if self.shards:
            return "xapian+tcp://" + ",".join(
                "|".join(f"{h}:{p}" for h, p in self.endpoints(i))
                for i in range(len(self.shards)))
        return f"{self.engine}:{self.path}"


def parse_spec(text: str) -> BackendSpec:
    """A spec from its text; a bare path means ``whoosh:PATH``. InvalidParameter names
    what is wrong (one line on the command line, a stop at server start)."""
    text = text.strip()
    if text.startswith("xapian+tcp://"):
        shards: list[tuple[tuple[str, int], ...]] = []
        for group in text[len("xapian+tcp://"):].split(","):
            endpoints = []
            for part in group.split("|"):
                found = _ENDPOINT.match(part.strip())
                if not found or not 0 < int(found.group(2)) < 65536:
                    raise InvalidParameter(
                        f"backend {text!r}: expected xapian+tcp://HOST:PORT,HOST:PORT,... "
                        f"(a shard's read replicas after it: HOST:PORT|HOST:PORT; got {part!r})")
                endpoints.append((found.group(1), int(found.group(2))))
            shards.append(tuple(endpoints))
        named = [e for group in shards for e in group]
        if len(set(named)) != len(named):
            raise InvalidParameter(f"backend {text!r}: a shard is named twice")
        return BackendSpec("xapian", shards=tuple(g[0] for g in shards),
                           replicas=tuple(g[1:] for g in shards)
                           if any(len(g) > 1 for g in shards) else ())
    engine, sep, path = text.partition(":")
    if sep and engine in ("whoosh", "xapian"):
        if not path:
            raise InvalidParameter(f"backend {text!r}: expected {engine}:PATH")
        return BackendSpec(engine, path=Path(path))
    if sep and re.fullmatch(r"[a-z][a-z0-9+]*", engine) and len(engine) > 1:
        raise InvalidParameter(f"backend {text!r}: unknown engine {engine!r}; expected "
                               "whoosh:PATH, xapian:PATH or xapian+tcp://HOST:PORT,...")
    if not text:
        raise InvalidParameter("backend: empty; expected whoosh:PATH, xapian:PATH or "
                               "xapian+tcp://HOST:PORT,...")
    return BackendSpec("whoosh", path=Path(text))


def spec_from(backend: str | None, index: str | None) -> BackendSpec:
    """``--backend`` if given, else ``--index`` (the short form of ``whoosh:PATH``), else
    ``NEWSFACET_BACKEND``, else ``NEWSFACET_INDEX``, else ``var/index``."""
    if backend:
        return parse_spec(backend)
    if index:
        return BackendSpec("whoosh", path=Path(index))
    env = os.environ.get(BACKEND_SETTING)
    if env:
        return parse_spec(env)
    return BackendSpec("whoosh", path=Path(os.environ.get("NEWSFACET_INDEX", "var/index")))
