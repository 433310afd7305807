"""Turn request parameters (query string, command line or Python arguments) into a
validated request, as :mod:`param_registry` declares them.

One place decides what a parameter may hold, so HTTP, the command line, the web page and
Python callers reject the same things with the same message. What is not one
parameter's business, how parameters combine (a cursor with a page), is checked here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar, cast

from newsfacet.schema.errors import InvalidParameter

from . import param_registry
from .models import BaseRequest, QuoteRequest, SearchRequest
from .param_kinds import Param
from .param_registry import FACET_VALUES, QUOTES, SEARCH, SIMILAR

# readers of single values, imported from here by the engine and the tests
from .param_values import (  # noqa: F401
    decode_cursor,
    encode_cursor,
    parse_as_of,
    parse_date_bound,
    parse_half_life,
    parse_natural_date,
    split_list,
)

#: ``request.args.getlist``, or the same over command-line options.
GetList = Callable[[str], list[str]]
Request = TypeVar("Request", bound=BaseRequest)

#: The request each operation builds. Embedders' subclasses work too (a test adds a
#: field for a parameter it declares).
REQUEST_CLASSES: dict[str, type[BaseRequest]] = {
    SEARCH: SearchRequest, QUOTES: QuoteRequest, SIMILAR: SearchRequest}


def _op_of(request: BaseRequest) -> str:
    """The operation whose parameters a request holds: a similar-documents request is a
    document search with most parameters at their defaults."""
    return QUOTES if isinstance(request, QuoteRequest) else SEARCH


def validate(request: Request) -> Request:
    """Check a request built in Python the same way as one built from parameters:
    every declared parameter's value, then how they combine."""
    changes = {}
    for param in param_registry.params_of(_op_of(request)):
        if param.context or param.in_path:
            continue
        value = getattr(request, param.name)
        checked = param.check(value)
        if checked is not value:
            changes[param.name] = checked
    request = replace(request, **changes) if changes else request
    if isinstance(request, SearchRequest):
        _check_paging(request)
    return request


def _check_paging(request: SearchRequest) -> None:
    """A cursor continues one ordering of one search, paged by nothing else."""
    if request.boost is not None and request.cursor is not None:
        raise InvalidParameter("cursor: boosted results page with page, not cursor")
    if request.cursor is not None:
        if request.collapse is not None:
            raise InvalidParameter("cursor: collapsed results page with page, not cursor")
        if request.page > 1:
            raise InvalidParameter("cursor: use either cursor or page, not both")
        if request.cursor.sort != request.ranked_by:
            raise InvalidParameter(f"cursor: it continues a {request.cursor.sort} "
                                   f"ordering, this search is ordered by {request.ranked_by}")


def read_values(op: str, get: GetList, python_defaults: bool = False) -> dict[str, Any]:
    """Every query parameter of ``op`` by name, read from ``get`` (all values given for
    a name); context parameters (``as_of``) first, since the others are read with them.

    An absent parameter takes its declared default, or with ``python_defaults`` the
    Python methods' (the command line calls them: ``newsfacet facets`` lists every value).
    """
    params = [p for p in param_registry.params_of(op) if not p.in_path]
    context: dict[str, Any] = {}

    def read(param: Param) -> Any:
        values = get(param.name)
        if python_defaults and not values:
            return param.python_value_default
        return param.read(values, context)

    for param in params:
        if param.context:
            context[param.name] = read(param)
    return cap_open_range({**context, **{param.name: read(param) for param in params
                                         if not param.context}})


def cap_open_range(values: dict[str, Any]) -> dict[str, Any]:
    """A range open at its end stops at ``as_of`` when one is given: a search "as of"
    a day does not see what was published after it (``date_from=since September 2023
    &as_of=2024-01-01`` ends on 2024-01-01). Without ``as_of`` the range stays open."""
    if values.get("as_of") is not None and values.get("date_from") is not None \
            and "date_to" in values and values["date_to"] is None:
        values["date_to"] = values["as_of"]
    return values


def _fields(op: str, values: Mapping[str, Any]) -> dict[str, Any]:
    return {p.name: values[p.name] for p in param_registry.params_of(op)
            if not p.context and not p.in_path}


def request_from_values(op: str, values: Mapping[str, Any]) -> BaseRequest:
    """The validated request of ``op`` from values read by :func:`read_values`."""
    return validate(REQUEST_CLASSES[op](**_fields(op, values)))


def request_from_arguments(op: str, arguments: Mapping[str, Any]) -> BaseRequest:
    """The validated request of ``op`` from a Python method's arguments (``locals()``):
    text is read as a client's text would be (``date_from="last week"``)."""
    return request_from_values(op, coerce_arguments(op, arguments))


def coerce_arguments(op: str, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter of ``op`` from Python arguments, read and checked.

    TypeError if a declared parameter has no argument: the method's signature has
    drifted from the declarations (``tests/api/test_param_signatures.py`` says so too).
    """
    params = param_registry.params_of(op)
    missing = [p.name for p in params if p.name not in arguments]
    if missing:
        raise TypeError(f"{op}: no argument for declared parameters {', '.join(missing)}")
    context: dict[str, Any] = {}
    for param in params:
        if param.context:
            context[param.name] = param.coerce(arguments[param.name], context)
    return cap_open_range({**context, **{param.name: param.coerce(arguments[param.name], context)
                                         for param in params if not param.context}})


def request_from_params(get: GetList) -> SearchRequest:
    """A document search from multi-valued parameters."""
    return cast(SearchRequest, request_from_values(SEARCH, read_values(SEARCH, get)))


def similar_request_from_params(get: GetList) -> SearchRequest:
    """Paging, facets and snippets of a more-like-this search (``/documents/<id>/similar``)."""
    return cast(SearchRequest, request_from_values(SIMILAR, read_values(SIMILAR, get)))


def quote_request_from_params(get: GetList) -> QuoteRequest:
    """A quote search from multi-valued parameters."""
    return cast(QuoteRequest, request_from_values(QUOTES, read_values(QUOTES, get)))


def facet_search_from_params(get: GetList) -> tuple[str, int]:
    """The ``prefix`` and ``size`` of a facet value search (``GET /facets/<name>``)."""
    values = read_values(FACET_VALUES, get)
    return values["prefix"], values["size"]


def answer_format(op: str, get: GetList) -> str:
    """How to answer ``op``: ``json`` (one page) unless ``format`` asks for an export."""
    for param in param_registry.params_of(op, output=True):
        if param.output and param.name == "format":
            return str(param.read(get(param.name), {}) or "json")
    return "json"
