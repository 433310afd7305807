"""The layers stay apart: Whoosh behind the schema, the store and the engine; the engine
behind the Backend protocol; the engine free of the HTTP layer.

Read from the source (imports as written), so a module that imports Whoosh only in a
function is caught too.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
from pathlib import Path

import pytest

from newsfacet.api.backend import Backend
from newsfacet.api.engine import WhooshBackend

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("schema", "indexer", "api")
#: Where Whoosh may be imported: the schema, the store that writes and opens indexes,
#: the checksums of its files, and the search engine.
WHOOSH_ALLOWED = ("schema/", "indexer/store.py", "indexer/integrity.py", "api/engine/")
#: The HTTP layer and its dependencies, which the engine must not need.
HTTP_MODULES = {"flask", "werkzeug", "gunicorn", "newsfacet.api.http", "newsfacet.api.web",
                "newsfacet.api.openapi", "newsfacet.api.cli", "newsfacet.api.gunicorn_conf",
                "newsfacet.api.gunicorn_worker"}


def modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (REPO / package).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    package = ["newsfacet", *path.relative_to(REPO).parent.parts]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def test_only_the_schema_the_store_and_the_engine_import_whoosh() -> None:
    importers = {path.relative_to(REPO).as_posix() for path in modules()
                 if any(name == "whoosh" or name.startswith("whoosh.")
                        for name in imported(path))}
    assert importers, "the scan found no Whoosh import at all: it reads nothing"
    assert all(path.startswith(WHOOSH_ALLOWED) for path in importers), sorted(
        path for path in importers if not path.startswith(WHOOSH_ALLOWED))
    assert any(path.startswith("api/engine/") for path in importers)


def test_only_the_service_reaches_the_engine() -> None:
    """Everything else of the API goes through SearchService and the Backend door.

    The Xapian engine shares the Whoosh engine's query parser, highlighter and ranking
    settings, so a query means the same, and is marked the same, on both.
    """
    reaching = {path.relative_to(REPO).as_posix() for path in modules()
                if not path.relative_to(REPO).as_posix().startswith(
                    ("api/engine/", "api/xapian_engine/"))
                and any(name.startswith("newsfacet.api.engine") for name in imported(path))}
    assert reaching == {"api/service.py"}


def test_only_the_xapian_engine_imports_xapian_and_others_only_when_selected() -> None:
    """Xapian is GPL and an optional extra: imported by its engine only, and that
    engine only inside the functions that run when a spec selects it."""
    importers = {path.relative_to(REPO).as_posix() for path in modules()
                 if any(name == "xapian" or name.startswith("xapian.")
                        for name in imported(path))}
    assert importers and all(p.startswith("api/xapian_engine/") for p in importers), importers
    for path in modules():
        if path.relative_to(REPO).as_posix().startswith("api/xapian_engine/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level: would import Xapian with the module
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [getattr(node, "module", None) or ""] + [a.name for a in node.names]
                assert not any("xapian" in name for name in names), path


def test_the_engine_needs_no_http_layer() -> None:
    for path in (REPO / "api" / "engine").glob("*.py"):
        names = imported(path)
        assert not {name for name in names
                    if name.split(".")[0] in HTTP_MODULES or name in HTTP_MODULES}, path.name


def _implements_the_door(backend: type) -> None:
    declared = {name: member for name, member in vars(Backend).items()
                if callable(member) and not name.startswith("_")}
    assert {"search", "search_quotes", "similar", "health", "stats", "close"} <= set(declared)
    for name, member in declared.items():
        assert inspect.getdoc(member), f"Backend.{name} says nothing of what it guarantees"
        implemented = getattr(backend, name, None)
        assert implemented is not None, name
        assert inspect.signature(implemented) == inspect.signature(member), name


def test_the_whoosh_backend_has_every_method_of_the_door_as_declared() -> None:
    _implements_the_door(WhooshBackend)


def test_the_xapian_backend_has_every_method_of_the_door_as_declared() -> None:
    if importlib.util.find_spec("xapian") is None:
        pytest.skip("Xapian's Python bindings are not installed (newsfacet[xapian])")
    from newsfacet.api.xapian_engine import XapianBackend

    _implements_the_door(XapianBackend)


#: Longest module the project keeps: past it a module holds more than one job.
MAX_MODULE_LINES = 600


def test_no_module_is_too_long_to_hold_in_one_head() -> None:
    lengths = {path.relative_to(REPO).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
               for path in modules()}
    assert lengths, "the scan found no module"
    assert {path: n for path, n in lengths.items() if n > MAX_MODULE_LINES} == {}


def test_the_readme_layout_names_every_folder() -> None:
    """One hop from the README to a behaviour: every code folder has its line."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout"):]
    folders = {path.parent.relative_to(REPO).as_posix() for path in modules()
               if path.name == "__init__.py"}
    folders |= {"newsfacet", "tests", "bench", "evaluation", "docs", "demo/corpus"}
    assert {folder for folder in folders if f"`{folder}/`" not in layout} == set()
