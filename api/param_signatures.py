"""The Python methods' parameters, documented from and checked against the declarations
in :mod:`param_registry`.

The signatures of ``SearchService.search``, ``search_quotes``, ``similar`` and
``facet_values`` (and the request dataclasses' fields) are written out, so type checkers
and editors see real types: a signature built at run time (``__signature__``) is
invisible to mypy, and stubs would be a second copy needing this same check. What is
generated is their documentation (:func:`documents` appends each parameter's type,
default and help to the docstring); :func:`signature_drift` and :func:`fields_drift` say
where a signature or a dataclass departs from the declarations (names, order, defaults,
types), and ``tests/api/test_param_signatures.py`` fails on any.
"""

from __future__ import annotations

import dataclasses
import inspect
import textwrap
from collections.abc import Callable
from typing import Any, TypeVar

from . import param_registry
from .param_kinds import Param

Function = TypeVar("Function", bound=Callable[..., Any])
#: Width of the generated docstring lines (the indentation of a method's body included).
WIDTH = 80


def parameters_section(op: str) -> str:
    """An ``Args:`` section for the parameters of ``op``: type, default and help."""
    lines = ["Args:"]
    for param in param_registry.params_of(op):
        default = "" if param.in_path else f", default {param.python_value_default!r}"
        text = f"{param.name} ({param.annotation}{default}): {param.summary}"
        lines += textwrap.wrap(text, WIDTH, initial_indent="    ", subsequent_indent="        ")
    return "\n".join(lines)


def documents(op: str) -> Callable[[Function], Function]:
    """Append the declared parameters of ``op`` to a method's docstring."""

    def mark(function: Function) -> Function:
        prose = inspect.cleandoc(function.__doc__ or "")
        function.__doc__ = f"{prose}\n\n{parameters_section(op)}\n"
        return function

    return mark


def _same(a: Any, b: Any) -> bool:
    """Equal and of one type (``True`` is not ``1``, ``30`` is not ``30.0``)."""
    return type(a) is type(b) and a == b


def signature_drift(function: Callable[..., Any], op: str,
                    leading: tuple[str, ...] = ()) -> list[str]:
    """Where ``function``'s parameters (after ``self`` and the undeclared ``leading``
    ones, such as ``doc_id``) differ from the declarations of ``op``; empty if nowhere."""
    where = getattr(function, "__qualname__", repr(function))
    given = {name: p for name, p in inspect.signature(function).parameters.items()
             if name != "self" and name not in leading}
    declared = param_registry.params_of(op)
    problems = [f"{where}: no parameter {p.name!r} (declared for {op})"
                for p in declared if p.name not in given]
    problems += [f"{where}: parameter {name!r} is not declared for {op}"
                 for name in given if name not in {p.name for p in declared}]
    order = [p.name for p in declared if p.name in given]
    if not problems and list(given) != order:
        problems.append(f"{where}: parameters in the order {list(given)}, declared {order}")
    for param in declared:
        if param.name in given:
            problems += _parameter_drift(where, param, given[param.name])
    return problems


def _parameter_drift(where: str, param: Param, given: inspect.Parameter) -> list[str]:
    problems = []
    if given.annotation != param.annotation:
        problems.append(f"{where}: {param.name} is annotated {given.annotation!r}, "
                        f"declared {param.annotation!r}")
    if param.in_path:
        if given.default is not inspect.Parameter.empty:
            problems.append(f"{where}: {param.name} is a required path parameter")
    elif not _same(given.default, param.python_value_default):
        problems.append(f"{where}: {param.name} defaults to {given.default!r}, declared "
                        f"{param.python_value_default!r}")
    return problems


def fields_drift(cls: type, op: str) -> list[str]:
    """Where the fields of a request dataclass differ from the parameters of ``op``
    (context and path parameters are no fields): names and defaults, in any order (a
    field's position is its own: embedders may build requests positionally)."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    declared = [p for p in param_registry.params_of(op) if not p.context and not p.in_path]
    problems = [f"{cls.__name__}: no field {p.name!r} (declared for {op})"
                for p in declared if p.name not in fields]
    problems += [f"{cls.__name__}: field {name!r} is not declared for {op}"
                 for name in fields if name not in {p.name for p in declared}]
    for param in declared:
        found = fields.get(param.name)
        if found is not None and not _same(found.default, param.value_when_unset()):
            problems.append(f"{cls.__name__}: {param.name} defaults to {found.default!r}, "
                            f"declared {param.value_when_unset()!r}")
    return problems
