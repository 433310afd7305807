"""Standard JSON in and out (RFC 8259), whatever Python's ``json`` module would let by.

Python's ``json`` reads ``NaN``, ``Infinity`` and ``1e999`` (as ``inf``), which no other
JSON parser reads back; it recurses once per level, so a text nested a few thousand
deep raises RecursionError rather than a parse error; and it turns ``"\\ud800"`` into a
lone surrogate, which cannot be encoded as UTF-8 and so fails far from where it came in.

Every way in parses with :func:`loads` (HTTP bodies, JSON Lines records, cursors) and
every record is checked with :func:`check_value` (which also covers dicts built in
Python); every way out writes with :func:`dumps`. The nesting limit, like
Elasticsearch's ``index.mapping.depth.limit``, keeps one request from costing a deep
recursion anywhere downstream (hashing, storing, rendering).
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

from .errors import InvalidJSON

#: Deepest nesting of arrays and objects a JSON text (request body, JSON Lines record,
#: cursor) may have; the outermost array or object is level 1.
MAX_DEPTH = 32


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is out of range (larger than 1.8e308)")
    return value


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float)


def loads(data: str | bytes, what: str = "") -> Any:
    """Parse standard JSON nested at most :data:`MAX_DEPTH` deep; InvalidJSON otherwise.

    ``what`` names the input at the start of messages ("the cursor").
    """
    prefix = f"{what}: " if what else ""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidJSON(f"{prefix}not valid UTF-8") from None
    try:
        value = _DECODER.decode(data)
    except RecursionError:  # the C scanner recurses per level: deep texts end here
        raise InvalidJSON(prefix + TOO_DEEP) from None
    except json.JSONDecodeError as exc:
        raise InvalidJSON(f"{prefix}malformed JSON: {exc.msg} (line {exc.lineno}, "
                          f"column {exc.colno})") from None
    except ValueError as exc:  # our refusals above, and integers of over 4,300 digits
        reason = str(exc)
        if "integer string conversion" in reason:
            limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
            reason = f"a number has more than {limit:,} digits"
        raise InvalidJSON(f"{prefix}not standard JSON: {reason}") from None
    if depth(value) > MAX_DEPTH:
        raise InvalidJSON(prefix + TOO_DEEP)
    return value


TOO_DEEP = (f"arrays and objects nested more than {MAX_DEPTH} levels deep; at most "
            f"{MAX_DEPTH} levels are accepted")


def depth(value: Any) -> int:
    """Levels of nested arrays and objects (a scalar is 0), without recursion."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        if level > MAX_DEPTH:  # deep enough to refuse: no need to look further
            return level
        pending.extend((child, level) for child in children)
    return deepest


def check_value(value: Any, path: str, level: int = 0) -> None:
    """InvalidJSON naming ``path`` unless ``value`` is a standard JSON value.

    That is: dicts with string keys, lists (tuples too, as ``json`` writes them),
    strings that are valid Unicode (no lone surrogates), finite numbers, booleans and
    None, nested at most :data:`MAX_DEPTH` deep counting ``level`` levels above it.
    ``path`` grows as ``metadata.tags[2]`` so a message names the offending field.
    """
    pending: list[tuple[Any, str, int]] = [(value, path, level)]
    while pending:
        item, where, depth_here = pending.pop()
        if isinstance(item, str):
            check_text(item, where)
        elif item is None or isinstance(item, (bool, int)):
            continue
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise InvalidJSON(f"{_name(where)} is {item}, which is not a JSON number")
        elif isinstance(item, (dict, list, tuple)):
            depth_here += 1
            if depth_here > MAX_DEPTH:
                raise InvalidJSON(f"{_name(where)} has {TOO_DEEP}")
            if isinstance(item, dict):
                for key, child in item.items():
                    if not isinstance(key, str):
                        raise InvalidJSON(f"{_name(where)} has a key {key!r}: JSON object keys "
                                          "are strings")
                    check_text(key, f"{where}.{key}" if where else key)
                    pending.append((child, f"{where}.{key}" if where else key, depth_here))
            else:
                pending.extend((child, f"{where}[{n}]", depth_here)
                               for n, child in enumerate(item))
        else:
            raise InvalidJSON(f"{_name(where)} holds a {type(item).__name__}, which is not a "
                              "JSON value")


def _name(where: str) -> str:
    """A field path for a message, quoted, cut to a readable length."""
    return repr(where if len(where) <= 80 else where[:79] + "…")


def check_text(text: str, where: str) -> None:
    """InvalidJSON naming ``where`` if ``text`` holds a lone surrogate (not valid Unicode)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidJSON(
            f"{_name(where)} contains a lone surrogate ({text[exc.start]!r}) at character "
            f"{exc.start}: text must be valid Unicode (escape a character outside the "
            "Basic Multilingual Plane as a surrogate pair)") from None


def dumps(value: Any, **options: Any) -> str:
    """Standard JSON: a non-finite float (only an index written before these checks can
    hold one) is written as ``null`` rather than as ``NaN``, which nothing reads back."""
    options["allow_nan"] = False
    try:
        return json.dumps(value, **options)
    except ValueError:
        return json.dumps(finite_or_null(value), **options)


def finite_or_null(value: Any) -> Any:
    """A copy of ``value`` with NaN and infinities replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite_or_null(child) for key, child in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_or_null(child) for child in value]
    return value
