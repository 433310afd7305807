"""The OpenAPI 3.1 description of the HTTP API, generated from the code itself.

Nothing here is written twice: paths come from the Flask URL map, summaries from the
view functions' docstrings, query parameters from their declarations in
:mod:`param_registry` (which the parsers and the validation read too), response bodies from
the type hints of the dataclasses in :mod:`models` (and :class:`Extraction`), and the
error responses from the status and title of the classes in :mod:`schema.errors`.

A view takes part by being marked with :func:`documented`; ``tests/api/test_openapi.py``
fails on any JSON route that is not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import re
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TypeVar

from flask import Flask

from newsfacet.schema.document import Place
from newsfacet.schema.errors import NewsfacetError

from . import param_registry
from .doc_text import markdown_of
from .models import DateRange
from .param_kinds import Param

#: Endpoints that are not part of the JSON API: the web page's blueprint and files.
SKIP_ENDPOINT = re.compile(r"^(web\.|static$)")
PROBLEM_MEDIA_TYPE = "application/problem+json"
#: Where a model's ``to_json`` renames fields: class -> {attribute: JSON name}.
RENAMED: dict[type, dict[str, str]] = {DateRange: {"start": "from", "end": "to"}}
#: Where ``to_json`` adds a property's value to the fields: class -> property names.
ADDED: dict[type, tuple[str, ...]] = {Place: ("label",)}
#: What a schema is when ``response`` is the string ``"html"``.
HTML = "html"
#: URL converters whose values may hold slashes (``docid``: ``http.DocumentIdConverter``).
SLASHED_CONVERTERS = ("path", "docid")
#: How writes present the API key (either will do).
SECURITY_SCHEMES: dict[str, Any] = {
    "bearer": {"type": "http", "scheme": "bearer",
               "description": "The server's NEWSFACET_API_KEY as a bearer token."},
    "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key",
               "description": "The server's NEWSFACET_API_KEY."},
}

View = TypeVar("View", bound=Callable[..., Any])
_CONVERTER = re.compile(r"<(?:(?P<converter>[a-z]+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Operation:
    """What the description says about one view besides its docstring."""

    #: A dataclass (its ``to_json`` shape), a raw JSON Schema, or :data:`HTML`.
    response: type | dict[str, Any] | str
    #: The operation whose declared parameters it reads (``param_registry``), if any.
    params: str | None = None
    errors: tuple[type[NewsfacetError], ...] = ()
    #: JSON Schema of the request body (writes), if it takes one.
    body: dict[str, Any] | None = None
    #: Whether it needs the API key.
    secured: bool = False
    #: OpenAPI links of the 200 answer: name -> {operationId, parameters}.
    links: dict[str, Any] | None = None
    #: Media types of exports (``format=csv``...) its 200 answer may also be.
    exports: tuple[str, ...] = ()


def documented(response: type | dict[str, Any] | str, params: str | None = None,
               errors: tuple[type[NewsfacetError], ...] = (),
               body: dict[str, Any] | None = None,
               secured: bool = False,
               links: dict[str, Any] | None = None,
               exports: tuple[str, ...] = ()) -> Callable[[View], View]:
    """Record on a view what it reads, what it answers and which errors it raises."""

    def mark(view: View) -> View:
        view.__openapi__ = Operation(response, params, errors, body,  # type: ignore[attr-defined]
                                     secured, links, exports)
        return view

    return mark


def operation_of(view: Callable[..., Any]) -> Operation | None:
    found = getattr(view, "__openapi__", None)
    return found if isinstance(found, Operation) else None


def api_rules(app: Flask) -> list[Any]:
    """The URL rules of the JSON API (and its description), sorted by path."""
    return sorted((rule for rule in app.url_map.iter_rules()
                   if not SKIP_ENDPOINT.match(rule.endpoint)), key=lambda r: r.rule)


def openapi_path(rule: str) -> str:
    """``/documents/<path:doc_id>`` -> ``/documents/{doc_id}``."""
    return _CONVERTER.sub(lambda m: "{" + m["name"] + "}", rule)


# -- JSON Schema from type hints ----------------------------------------------------------


class SchemaBuilder:
    """Turns type hints into JSON Schema 2020-12, collecting dataclasses as components."""

    def __init__(self) -> None:
        self.components: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.components:
            self.components[name] = {}  # placeholder: recursion stops here
            self.components[name] = self.dataclass_schema(cls)
        return {"$ref": f"#/components/schemas/{name}"}

    def dataclass_schema(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        renamed = RENAMED.get(cls, {})
        properties: dict[str, Any] = {}
        for item in dataclasses.fields(cls):
            if item.metadata.get("internal"):  # kept by the model, never serialised
                continue
            properties[renamed.get(item.name, item.name)] = self.schema(hints[item.name])
        for name in ADDED.get(cls, ()):
            getter = getattr(cls, name).fget
            prop = self.schema(typing.get_type_hints(getter)["return"])
            if getter.__doc__:
                prop["description"] = markdown_of(inspect.cleandoc(getter.__doc__))
            properties[name] = prop
        schema: dict[str, Any] = {"type": "object", "properties": properties,
                                  "required": list(properties)}
        doc = inspect.getdoc(cls)
        if doc and not doc.startswith(cls.__name__ + "("):  # not dataclass's own signature
            schema["description"] = markdown_of(doc)
        return schema

    def schema(self, hint: Any) -> dict[str, Any]:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            options = [arg for arg in args if arg is not type(None)]
            nullable = len(options) < len(args)
            if len(options) == 1:
                inner = self.schema(options[0])
                if nullable and isinstance(inner.get("type"), str):
                    return {**inner, "type": [inner["type"], "null"]}
                if not nullable:
                    return inner
                return {"anyOf": [inner, {"type": "null"}]}
            anyof = [self.schema(arg) for arg in options]
            return {"anyOf": anyof + ([{"type": "null"}] if nullable else [])}
        if origin in (list, tuple, set, frozenset):
            item = args[0] if args else Any
            return {"type": "array", "items": self.schema(item)}
        if origin is dict:
            value = args[1] if len(args) == 2 else Any
            return {"type": "object", "additionalProperties": self.schema(value)}
        if hint is Any:
            return {}
        if hint is dt.datetime:
            return {"type": "string", "format": "date-time"}
        if hint is dt.date:
            return {"type": "string", "format": "date"}
        simple = {str: "string", bool: "boolean", int: "integer", float: "number",
                  type(None): "null"}
        if hint in simple:
            return {"type": simple[hint]}
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            return self.ref(hint)
        raise TypeError(f"no JSON Schema for {hint!r}")


# -- parameters and responses ----------------------------------------------------------


def parameter(param: Param) -> dict[str, Any]:
    """A query parameter as its declaration describes it."""
    value = param.kind.schema()
    if param.default is not None and not param.kind.repeated:
        value["default"] = param.default
    repeated = param.kind.repeated
    schema = {"type": "array", "items": value} if repeated else value
    out: dict[str, Any] = {"name": param.name, "in": "query", "required": False,
                           "description": markdown_of(param.description), "schema": schema}
    if repeated:
        out.update(style="form", explode=True)
    return out


def path_parameter(name: str, converter: str | None,
                   param: Param | None = None) -> dict[str, Any]:
    """A path variable; ``param`` (a declaration of the same name) describes it further."""
    out: dict[str, Any] = {**parameter(param), "in": "path"} if param else {
        "name": name, "in": "path", "schema": {"type": "string"}}
    out["required"] = True
    if converter in SLASHED_CONVERTERS:
        out["description"] = (out.get("description", "") + " May contain slashes.").strip()
    return out


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "An RFC 9457 problem: every error leaves the API as one of these.",
    "properties": {
        "type": {"type": "string", "description": "A URI naming the problem type."},
        "title": {"type": "string", "description": "Short, the same for every occurrence."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "What went wrong this time."},
    },
    "required": ["type", "title", "status", "detail"],
}


def error_responses(errors: tuple[type[NewsfacetError], ...]) -> dict[str, Any]:
    """One response per status, described by the titles of the errors that have it."""
    titles: dict[int, list[str]] = {}
    for error in errors:
        titles.setdefault(error.status, [])
        if error.title not in titles[error.status]:
            titles[error.status].append(error.title)
    content = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {str(status): {"description": "; ".join(titles[status]), "content": content}
            for status in sorted(titles)}


def _summary(doc: str | None) -> tuple[str, str]:
    """A docstring's first paragraph on one line, and the rest: as Markdown, which is
    what OpenAPI descriptions are (CommonMark)."""
    text = markdown_of(inspect.cleandoc(doc or ""))
    first, _, rest = text.partition("\n\n")
    return " ".join(first.split()), rest.strip()


def package_version() -> str:
    try:
        return version("newsfacet")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def build_spec(app: Flask) -> dict[str, Any]:
    """The OpenAPI 3.1 description of every documented JSON route of ``app``.

    A rule whose view is not marked with :func:`documented` is left out (the tests
    fail on it), so the description never claims more than the code says.
    """
    builder = SchemaBuilder()
    paths: dict[str, dict[str, Any]] = {}
    for rule in api_rules(app):
        view = app.view_functions[rule.endpoint]
        op = operation_of(view)
        if op is None:
            continue
        summary, description = _summary(view.__doc__)
        converters = {m["name"]: m["converter"] for m in _CONVERTER.finditer(rule.rule)}
        declared = param_registry.params_of(op.params, output=True) if op.params else ()
        in_path = {param.name: param for param in declared if param.name in converters}
        parameters = [path_parameter(name, conv, in_path.get(name))
                      for name, conv in converters.items()]
        parameters += [parameter(param) for param in declared if param.name not in in_path]
        if op.response == HTML:
            ok = {"description": "An HTML page.",
                  "content": {"text/html": {"schema": {"type": "string"}}}}
        else:
            schema = (builder.ref(op.response) if isinstance(op.response, type)
                      else op.response)
            content: dict[str, Any] = {"application/json": {"schema": schema}}
            for media in op.exports:
                content[media] = {"schema": {"type": "string"}}
            ok = {"description": "OK", "content": content}
        if op.links:
            ok["links"] = op.links
        operation: dict[str, Any] = {"operationId": rule.endpoint, "summary": summary}
        if description:
            operation["description"] = description
        if parameters:
            operation["parameters"] = parameters
        if op.body is not None:
            operation["requestBody"] = {"required": True, "content": {
                "application/json": {"schema": op.body}}}
        if op.secured:
            operation["security"] = [{name: []} for name in SECURITY_SCHEMES]
        operation["responses"] = {"200": ok, **error_responses(op.errors)}
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(openapi_path(rule.rule), {})[method.lower()] = operation
    schemas = dict(sorted(builder.components.items()))
    schemas["Problem"] = PROBLEM_SCHEMA
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "newsfacet", "version": package_version(),
                 "description": _summary(getattr(sys.modules.get(app.import_name),
                                                 "__doc__", None))[0]},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": SECURITY_SCHEMES},
    }

