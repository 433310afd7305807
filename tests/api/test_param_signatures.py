"""The Python methods and request dataclasses agree with the parameter declarations
(``api/param_registry.py``): names, order, defaults and types; the methods' docstrings
list every declared parameter with its help."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from newsfacet.api import param_registry
from newsfacet.api.models import QuoteRequest, SearchRequest
from newsfacet.api.param_registry import FACET_VALUES, QUOTES, SEARCH, SIMILAR, params_of
from newsfacet.api.param_signatures import fields_drift, signature_drift
from newsfacet.api.service import SearchService

#: Each Python method, the operation it runs, and its leading undeclared parameters.
METHODS: list[tuple[Callable[..., Any], str, tuple[str, ...]]] = [
    (SearchService.search, SEARCH, ()),
    (SearchService.search_quotes, QUOTES, ()),
    (SearchService.similar, SIMILAR, ("doc_id",)),
    (SearchService.facet_values, FACET_VALUES, ()),
]


@pytest.mark.parametrize(("method", "op", "leading"), METHODS, ids=[m[1] for m in METHODS])
def test_signature_is_the_declarations(method: Callable[..., Any], op: str,
                                       leading: tuple[str, ...]) -> None:
    assert signature_drift(method, op, leading) == []


@pytest.mark.parametrize(("cls", "op"), [(SearchRequest, SEARCH), (QuoteRequest, QUOTES)])
def test_request_fields_are_the_declarations(cls: type, op: str) -> None:
    assert fields_drift(cls, op) == []


@pytest.mark.parametrize(("method", "op", "leading"), METHODS, ids=[m[1] for m in METHODS])
def test_docstring_lists_every_declared_parameter(method: Callable[..., Any], op: str,
                                                  leading: tuple[str, ...]) -> None:
    doc = " ".join((method.__doc__ or "").split())
    assert "Args:" in doc
    for param in params_of(op):
        assert f"{param.name} ({param.annotation}" in doc, param.name
        assert " ".join(param.summary.split()) in doc, param.name


def _drifted(q: str = "x", *, speaker: Sequence[str] = (), outlet: Sequence[str] = (),
             date_from: dt.date | str | None = None, date_to: str | None = None,
             sort: str = "relevance", page: int = 2, per_page: int = 10,
             highlight: bool = True, facet_size: int = 10, operator: str = "and",
             facets: Sequence[str] = (), colour: str = "red") -> None:
    """Against ``quotes``: q's default, outlet/speaker swapped, date_to's type, page's
    default, as_of missing, colour extra."""


def test_drift_is_named_parameter_by_parameter() -> None:
    problems = "\n".join(signature_drift(_drifted, QUOTES))
    assert "no parameter 'as_of'" in problems
    assert "'colour' is not declared" in problems
    assert "q defaults to 'x', declared ''" in problems
    assert "page defaults to 2, declared 1" in problems
    assert "date_to is annotated 'str | None', declared 'dt.date | str | None'" in problems


def test_order_drift_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def swapped(q: str = "", *, speaker: Sequence[str] = (),
                outlet: Sequence[str] = ()) -> None: ...

    monkeypatch.setattr(param_registry, "PARAMS", tuple(
        p for p in param_registry.PARAMS if p.name in ("q", "outlet", "speaker")))
    assert signature_drift(swapped, QUOTES) == [
        f"{swapped.__qualname__}: parameters in the order ['q', 'speaker', 'outlet'], "
        "declared ['q', 'outlet', 'speaker']"]


def test_a_python_default_differs_only_where_declared() -> None:
    """facet_values lists every value from Python (size=None), 10 over HTTP."""
    size = next(p for p in params_of(FACET_VALUES) if p.name == "size")
    assert size.default == 10 and size.python_value_default is None
    assert all(p.python_value_default == p.value_when_unset()
               for op in (SEARCH, QUOTES, SIMILAR) for p in params_of(op))
