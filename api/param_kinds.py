"""What a query parameter is: a kind (how its values are read, checked and described)
and a declaration (:class:`Param`: name, kind, help, default, the operations taking it).

The declarations are in :mod:`param_registry`. Every way in derives from them: the
query-string parsers and ``validate()`` (:mod:`params`), the OpenAPI parameters
(:mod:`openapi`), the command-line options (:mod:`cli`) and the parameter lists of the
Python methods (:mod:`param_signatures`). So a kind answers each of those questions for
its values: read from text, check a value Python code set, describe as JSON Schema, show
as a command-line placeholder and as a Python type.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from newsfacet.schema.errors import InvalidParameter, UnknownFacet

from . import param_syntax
from .models import Cursor
from .param_syntax import SPACES
from .param_values import (
    decode_cursor,
    parse_as_of,
    parse_bool,
    parse_half_life,
    parse_int,
    parse_natural_date,
    split_list,
)

#: Values of the parameters that others are read with (``as_of``), by name.
Context = Mapping[str, Any]


class _Unset(enum.Enum):
    UNSET = "unset"


#: "Not given": a parameter absent from a query string or command line, or a text
#: parameter given as blank; the declared default then applies.
UNSET = _Unset.UNSET


class Kind:
    """How the values of one kind of parameter are read, checked and described.

    The base reads one value (the last, when a name repeats) and keeps text as given.
    """

    #: JSON Schema type of one value.
    json_type: ClassVar[str] = "string"
    #: May be given more than once (``outlet=A&outlet=B``): an array in the description.
    repeated: ClassVar[bool] = False
    #: What a request holds for an absent parameter that declares no default.
    empty: ClassVar[Any] = None
    #: Placeholder in command-line help; None: the parameter's name in capitals.
    metavar: ClassVar[str | None] = None
    #: Type of the Python argument as the methods' signatures write it (None added when
    #: the Python default is None).
    annotation: ClassVar[str] = "str"

    def read(self, name: str, values: Sequence[str], context: Context) -> Any:
        """The value of every text given for ``name`` (the last counts), or UNSET."""
        if not values or self.unset(values[-1]):
            return UNSET
        return self.parse(name, values[-1], context)

    def unset(self, text: str) -> bool:
        """Whether this text means "not given". Never for typed values: ``page=`` is a
        400, as the description says (an integer), not page 1."""
        return False

    def parse(self, name: str, text: str, context: Context) -> Any:
        return text

    def coerce(self, name: str, value: Any, context: Context) -> Any:
        """A Python argument: kinds whose values are written as text (dates, cursors)
        read a string as a client's; anything else is left to :meth:`check`."""
        return value

    def check(self, name: str, value: Any) -> Any:
        """A value as a request holds it (Python code may have set it anyhow): the value,
        normalised, or InvalidParameter naming the parameter."""
        return value

    def schema(self) -> dict[str, Any]:
        """JSON Schema of one value (the declaration adds the default)."""
        return {"type": self.json_type}

    def choices(self) -> tuple[str, ...]:
        """The values a parameter of this kind takes, if it is a closed list."""
        return ()

    def placeholder(self) -> str | None:
        """What stands for the value in command-line help."""
        return self.metavar


@dataclass(frozen=True)
class Text(Kind):
    """Free text kept as given (``q``, ``prefix``): empty is an empty string."""

    max_length: int | None = None
    empty: ClassVar[Any] = ""

    def check(self, name: str, value: Any) -> Any:
        if not isinstance(value, str):
            raise InvalidParameter(f"{name}: expected text, got {value!r}")
        if self.max_length is not None and len(value) > self.max_length:
            raise InvalidParameter(f"{name}: longer than {self.max_length} characters")
        return value

    def schema(self) -> dict[str, Any]:
        out = super().schema()
        if self.max_length is not None:
            out["maxLength"] = self.max_length
        return out


@dataclass(frozen=True)
class Terms(Kind):
    """Filter values, any number of them (``outlet=A&outlet=B``), OR-ed."""

    repeated: ClassVar[bool] = True
    empty: ClassVar[Any] = ()
    annotation: ClassVar[str] = "Sequence[str]"

    def read(self, name: str, values: Sequence[str], context: Context) -> Any:
        return tuple(values) if values else UNSET

    def coerce(self, name: str, value: Any, context: Context) -> Any:
        if isinstance(value, str):  # one value, not its characters
            return (value,)
        return tuple(value) if isinstance(value, Iterable) else value

    def check(self, name: str, value: Any) -> Any:
        if isinstance(value, list):  # a request built in Python may hold a list
            value = tuple(value)
        if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
            raise InvalidParameter(f"{name}: expected a list of text values, got {value!r}")
        return value


def unknown_facet(value: Any, known: Sequence[str]) -> UnknownFacet:
    return UnknownFacet(f"unknown facet {value!r}; facets are: {', '.join(known)}")


@dataclass(frozen=True)
class FacetList(Kind):
    """Facet names: the parameter repeated, or names separated by commas, or both."""

    names: tuple[str, ...]
    repeated: ClassVar[bool] = True
    empty: ClassVar[Any] = ()
    metavar: ClassVar[str | None] = "NAMES"
    annotation: ClassVar[str] = "Sequence[str]"

    def read(self, name: str, values: Sequence[str], context: Context) -> Any:
        return split_list(values) if values else UNSET

    def coerce(self, name: str, value: Any, context: Context) -> Any:
        if isinstance(value, str):  # "outlet,date", as a client writes it
            return split_list([value])
        return tuple(value) if isinstance(value, Iterable) else value

    def check(self, name: str, value: Any) -> Any:
        if isinstance(value, list):  # a request built in Python may hold a list
            value = tuple(value)
        if not isinstance(value, tuple):
            raise InvalidParameter(f"{name}: expected a list of facet names, got {value!r}")
        for item in value:
            if item not in self.names:
                raise unknown_facet(item, self.names)
        return value

    def schema(self) -> dict[str, Any]:
        return {**super().schema(), "pattern": param_syntax.name_list(self.names)}

    def choices(self) -> tuple[str, ...]:
        return self.names


@dataclass(frozen=True)
class Integer(Kind):
    """A whole number from ``low`` to ``high``; ``why`` explains the range in refusals."""

    low: int
    high: int
    why: str = ""
    json_type: ClassVar[str] = "integer"
    metavar: ClassVar[str | None] = "N"
    annotation: ClassVar[str] = "int"

    def parse(self, name: str, text: str, context: Context) -> Any:
        return parse_int(name, text)

    def check(self, name: str, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidParameter(f"{name}: expected an integer, got {value!r}")
        if not self.low <= value <= self.high:
            why = f" ({self.why})" if self.why else ""
            raise InvalidParameter(f"{name}: must be between {self.low} and {self.high}"
                                   f"{why}, got {value}")
        return value

    def schema(self) -> dict[str, Any]:
        return {**super().schema(), "minimum": self.low, "maximum": self.high}


@dataclass(frozen=True)
class Boolean(Kind):
    """true/false, 1/0, yes/no, on/off."""

    json_type: ClassVar[str] = "boolean"
    metavar: ClassVar[str | None] = "BOOL"
    annotation: ClassVar[str] = "bool"

    def parse(self, name: str, text: str, context: Context) -> Any:
        return parse_bool(name, text)

    def check(self, name: str, value: Any) -> Any:
        if not isinstance(value, bool):
            raise InvalidParameter(f"{name}: expected true or false, got {value!r}")
        return value


@dataclass(frozen=True)
class Choice(Kind):
    """One of a closed list; ``aliases`` name some values another way (``newest`` is
    ``date:desc``); ``fold`` reads text case-insensitively, around spaces."""

    values: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)
    fold: bool = False

    def placeholder(self) -> str | None:
        return "{" + ",".join(self.values) + "}"

    def parse(self, name: str, text: str, context: Context) -> Any:
        return text.strip(SPACES).lower() if self.fold else text

    def check(self, name: str, value: Any) -> Any:
        found = self.aliases.get(value, value) if isinstance(value, str) else value
        if found not in self.values:
            raise self.refuse(name, value)
        return found

    def refuse(self, name: str, value: Any) -> InvalidParameter:
        return InvalidParameter(f"{name}: expected one of {', '.join(self.values)}, "
                                f"got {value!r}")

    def schema(self) -> dict[str, Any]:
        return {**super().schema(), "enum": [*self.values, *self.aliases]}

    def choices(self) -> tuple[str, ...]:
        return self.values


@dataclass(frozen=True)
class FacetName(Choice):
    """One facet's name (``/facets/<name>``): an unknown one is UnknownFacet."""

    def refuse(self, name: str, value: Any) -> InvalidParameter:
        return unknown_facet(value, self.values)


class _WrittenAsText(Kind):
    """A value clients write as text and Python code may pass either way (a date or
    ``"last week"``): blank text means unset, as for every text parameter."""

    #: Python types that are already a value of this kind.
    accepts: ClassVar[tuple[type, ...]] = ()
    what: ClassVar[str] = "a value"

    def unset(self, text: str) -> bool:
        return not text.strip(SPACES)

    def coerce(self, name: str, value: Any, context: Context) -> Any:
        return self.read(name, [value], context) if isinstance(value, str) else value

    def check(self, name: str, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, self.accepts):
            raise InvalidParameter(f"{name}: expected {self.what}, got {value!r}")
        return value


@dataclass(frozen=True)
class DateBound(_WrittenAsText):
    """A date range bound as people write it (ISO, or "last week" relative to
    ``as_of``); ``end`` bounds cover the last day of a month or year they name."""

    end: bool
    accepts: ClassVar[tuple[type, ...]] = (dt.date,)
    what: ClassVar[str] = "a date"
    metavar: ClassVar[str | None] = "DATE"
    annotation: ClassVar[str] = "dt.date | str"

    def parse(self, name: str, text: str, context: Context) -> Any:
        return parse_natural_date(name, text, self.end, context.get("as_of"))

    def schema(self) -> dict[str, Any]:
        pattern = param_syntax.DATE_TO if self.end else param_syntax.DATE_FROM
        return {**super().schema(), "pattern": pattern}


@dataclass(frozen=True)
class Day(_WrittenAsText):
    """A calendar day, YYYY-MM-DD."""

    accepts: ClassVar[tuple[type, ...]] = (dt.date,)
    what: ClassVar[str] = "a date"
    metavar: ClassVar[str | None] = "YYYY-MM-DD"
    annotation: ClassVar[str] = "dt.date | str"

    def parse(self, name: str, text: str, context: Context) -> Any:
        return parse_as_of(text)

    def schema(self) -> dict[str, Any]:
        return {**super().schema(), "pattern": param_syntax.AS_OF}


@dataclass(frozen=True)
class Days(_WrittenAsText):
    """A duration in days (a number, or text as ``30d``, ``2w``, ``6m``, ``1y``), more
    than 0. Text longer than ``most`` counts as ``most``; a number past it is refused."""

    most: int
    accepts: ClassVar[tuple[type, ...]] = (int, float)
    metavar: ClassVar[str | None] = "DAYS"
    annotation: ClassVar[str] = "float | str"

    def parse(self, name: str, text: str, context: Context) -> Any:
        return min(parse_half_life(text), self.most)

    def check(self, name: str, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not 0 < value <= self.most:
            raise InvalidParameter(f"{name}: expected a number of days above 0 and at "
                                   f"most {self.most:,}, got {value!r}")
        return value

    def schema(self) -> dict[str, Any]:
        return {**super().schema(), "pattern": param_syntax.HALF_LIFE}


@dataclass(frozen=True)
class CursorToken(_WrittenAsText):
    """A ``next_cursor`` as an earlier response gave it: opaque, so only an empty one
    means unset (spaces are no cursor this API returned)."""

    accepts: ClassVar[tuple[type, ...]] = (Cursor,)
    what: ClassVar[str] = "a cursor"
    metavar: ClassVar[str | None] = "CURSOR"

    def unset(self, text: str) -> bool:
        return text == ""

    def parse(self, name: str, text: str, context: Context) -> Any:
        return decode_cursor(text)


@dataclass(frozen=True)
class Variant:
    """How a parameter differs in one operation: ``highlight`` is off for similar
    documents, quote searches count fewer facets."""

    kind: Kind | None = None
    default: Any = UNSET


@dataclass(frozen=True)
class Param:
    """One parameter, declared once: every surface reads it from here."""

    name: str
    kind: Kind
    #: What it means, for every surface: ``{choices}`` stands for the kind's values.
    help: str
    #: The operations that take it (Flask endpoints: ``search``, ``quotes``, ...).
    ops: frozenset[str]
    #: As a client writes it (a JSON value: ``"30d"``, ``10``, ``True``); None: none
    #: stated, the kind's empty value applies.
    default: Any = None
    #: The Python methods' default when it differs (``size``: None, every value).
    python_default: Any = UNSET
    #: Read before the others and handed to their readers, not a request field (``as_of``).
    context: bool = False
    #: Part of the URL path (``/facets/<name>``), not of the query string.
    in_path: bool = False
    #: How the answer is written (``format``), not what is searched: HTTP and the
    #: command line take it; Python methods return objects, so it is neither an
    #: argument nor a request field.
    output: bool = False
    #: Said only in the HTTP description (what its pattern states, status codes).
    http_note: str = ""
    #: Differences in some operations, by operation.
    variants: Mapping[str, Variant] = field(default_factory=dict)

    def for_op(self, op: str) -> Param:
        """This parameter as ``op`` takes it (its variant there applied)."""
        variant = self.variants.get(op)
        if variant is None:
            return self
        default = self.default if variant.default is UNSET else variant.default
        return replace(self, kind=variant.kind or self.kind, default=default, variants={})

    @property
    def summary(self) -> str:
        """The help text, its ``{choices}`` filled in."""
        return self.help.format(choices=", ".join(self.kind.choices()))

    @property
    def description(self) -> str:
        """The help text and what only HTTP clients are told."""
        return f"{self.summary} {self.http_note}".strip()

    def value_when_unset(self, context: Context | None = None) -> Any:
        """What a request holds when a client does not give this parameter."""
        if self.default is None:
            return self.kind.empty
        return self.kind.coerce(self.name, self.default, context or {})

    @property
    def python_value_default(self) -> Any:
        """What a request holds when a Python caller leaves the argument out."""
        if self.python_default is not UNSET:
            return self.python_default
        return self.value_when_unset()

    @property
    def nullable(self) -> bool:
        """Python code may pass None (its default is None; a path parameter has none)."""
        return not self.in_path and self.python_value_default is None

    @property
    def annotation(self) -> str:
        """The Python argument's type, as the signatures write it."""
        return self.kind.annotation + (" | None" if self.nullable else "")

    @property
    def cli_flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def read(self, values: Sequence[str], context: Context) -> Any:
        """The value of a query string or command line (every text given for the name)."""
        value = self.kind.read(self.name, values, context)
        return self.value_when_unset(context) if value is UNSET else self.check(value)

    def coerce(self, value: Any, context: Context) -> Any:
        """The value of a Python argument: text read as a client's, then checked."""
        found = self.kind.coerce(self.name, value, context)
        return self.value_when_unset(context) if found is UNSET else self.check(found)

    def check(self, value: Any) -> Any:
        """A value a request holds, normalised (``newest`` -> ``date:desc``), or
        InvalidParameter. None passes where the Python default is None."""
        if value is None and self.nullable:
            return None
        return self.kind.check(self.name, value)
