"""The ``newsfacet`` command: index, reindex, search, facets, story, stats, serve, extract.

Errors print one line on stderr and exit non-zero: 2 for a run that could not
proceed, 1 when some records were skipped (each named with its file and line).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from newsfacet.indexer.store import IndexStore
from newsfacet.schema import strict_json
from newsfacet.schema.errors import NewsfacetError

from .backend_spec import BackendSpec, spec_from
from .models import SearchRequest, SearchResults
from .param_kinds import UNSET, Param
from .param_registry import FACET_VALUES, SEARCH, params_of
from .params import GetList, answer_format, read_values, request_from_values
from .query_limits import QUERY_TIMEOUT, QUERY_TIMEOUT_SETTING

if TYPE_CHECKING:
    from newsfacet.indexer.readers import ReadProblem

# The extractors (0.4 s of imports) and the indexing pipeline are imported by the
# commands that use them, so that 'newsfacet search' starts without them.

DEFAULT_INDEX = os.environ.get("NEWSFACET_INDEX", "var/index")
DEFAULT_TIMEOUT = os.environ.get(QUERY_TIMEOUT_SETTING, str(QUERY_TIMEOUT))
#: The parameter the command line takes as its positional words, joined with spaces.
WORDS = "q"
#: Where a command's default differs from the HTTP API's, and why: a table in a
#: terminal counts the facets a reader scans first.
CLI_DEFAULTS: dict[tuple[str, str], str] = {(SEARCH, "facets"): "outlet,speaker,location"}


def add_param_arguments(parser: argparse.ArgumentParser, op: str) -> None:
    """One argument per parameter of ``op`` as :mod:`param_registry` declares it: name,
    placeholder, help and default. Values stay text, read by the code that reads a query
    string, so the command line refuses what HTTP refuses, with the same message; an
    option given twice counts its last value, as a repeated query parameter does."""
    for param in params_of(op, output=True):
        text = param.summary.replace("%", "%%")
        if param.name == WORDS:
            parser.add_argument(param.name, nargs="*", metavar="query", help=text)
        elif param.in_path:
            parser.add_argument(param.name, metavar=param.kind.placeholder(), help=text)
        else:
            default = _default_text(op, param)
            parser.add_argument(param.cli_flag, dest=param.name, action="append",
                                metavar=param.kind.placeholder() or param.name.upper(),
                                help=text + (f" Default: {default}." if default else ""))


def _default_text(op: str, param: Param) -> str:
    if (op, param.name) in CLI_DEFAULTS:
        return CLI_DEFAULTS[op, param.name]
    value = param.default if param.python_default is UNSET else param.python_default
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def given_params(args: argparse.Namespace, op: str) -> GetList:
    """The text given for each parameter of ``op`` (or the command's own default), as
    ``request.args.getlist`` hands a query string's over."""
    given: dict[str, list[str]] = {}
    for param in params_of(op, output=True):
        value = getattr(args, param.name)
        if param.name == WORDS:
            given[param.name] = [" ".join(value)] if value else []
        elif param.in_path:
            given[param.name] = [value]
        elif value is not None:
            given[param.name] = value
        elif (op, param.name) in CLI_DEFAULTS:
            given[param.name] = [CLI_DEFAULTS[op, param.name]]
    return lambda name: given.get(name, [])


def _seconds(text: str) -> float | None:
    """A time budget on the command line: seconds, or none/null/off for no limit."""
    if text.strip().lower() in ("none", "null", "off"):
        return None
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds or 'none', got {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"expected seconds, 0 or more, got {text!r}")
    return value


def _warn(problem: ReadProblem) -> None:
    print(f"newsfacet: skipped {problem}", file=sys.stderr)


def _spec(args: argparse.Namespace) -> BackendSpec:
    """``--backend``, else ``--index``, else NEWSFACET_BACKEND, else NEWSFACET_INDEX."""
    return spec_from(getattr(args, "backend", None), getattr(args, "index", None))


def _cmd_index(args: argparse.Namespace) -> int:
    spec = _spec(args)
    if spec.engine == "xapian":
        from .xapian_engine import Cluster, indexing  # GPL extra: only when selected

        report = indexing.index_paths(Cluster(spec), args.paths, sync=args.sync,
                                      progress=not args.quiet, on_problem=_warn)
    else:
        from newsfacet.indexer.pipeline import index_paths

        report = index_paths(IndexStore(spec.path or DEFAULT_INDEX), args.paths,
                             sync=args.sync, progress=not args.quiet, on_problem=_warn)
    for note in report.notes:
        print(f"newsfacet: {note}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return 1 if report.problems else 0


def _cmd_reindex(args: argparse.Namespace) -> int:
    spec = _spec(args)
    if spec.engine == "xapian":
        from .xapian_engine import Cluster, indexing

        report = indexing.reindex(Cluster(spec), args.paths, progress=not args.quiet,
                                  on_problem=_warn)
    else:
        from newsfacet.indexer.pipeline import reindex

        report = reindex(IndexStore(spec.path or DEFAULT_INDEX), args.paths,
                         progress=not args.quiet, on_problem=_warn)
    print(f"rebuilt: {report.added} re-extracted, {report.unchanged} carried over, "
          f"{len(report.problems)} problems; {report.documents} documents "
          f"({report.seconds:.1f} s)", file=sys.stderr)
    return 1 if report.problems else 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from newsfacet.indexer.extract import extract
    from newsfacet.indexer.readers import ReadProblem, read_articles

    problems = 0
    for item in read_articles(args.paths):
        if isinstance(item, ReadProblem):
            _warn(item)
            problems += 1
            continue
        print(strict_json.dumps(extract(item).to_json(with_body=args.body), ensure_ascii=False))
    return 1 if problems else 0


def _cmd_search(args: argparse.Namespace) -> int:
    from .service import SearchService

    get = given_params(args, SEARCH)
    given = read_values(SEARCH, get, python_defaults=True)
    request = cast(SearchRequest, request_from_values(SEARCH, given))
    fmt = answer_format(SEARCH, get) if args.format else "table"
    with SearchService(_spec(args), query_timeout=args.timeout) as service:
        if fmt in ("csv", "jsonl"):
            from .export import encode, export_documents

            for text in encode(export_documents(service, request), fmt):
                sys.stdout.write(text)
            return 0
        results = service.run(request)
    if args.json or fmt == "json":
        print(strict_json.dumps(results.to_json(), ensure_ascii=False, indent=2))
        return 0
    if not results.hits:
        print(_no_hits(results))
        return 0
    first = (results.page - 1) * results.per_page + 1
    last = first + len(results.hits) - 1
    shown = f", showing {first}-{last}" if results.hits else ""
    counted = (f"{results.total} stories ({results.total_documents} documents)"
               if results.total_documents is not None else f"{results.total} results")
    print(f"{counted}{shown} ({results.took_ms:.0f} ms)\n")
    copies = any(hit.story_size > 1 for hit in results.hits)  # a column only if any
    rows = [(str(n), hit.published.isoformat() if hit.published else "undated",
             hit.outlet or "?", f"{hit.score:.2f}" if hit.score is not None else "",
             hit.title, hit.id, *([str(hit.story_size) if hit.story_size > 1 else ""]
                                  if copies else []))
            for n, hit in enumerate(results.hits, start=first)]
    header = ("#", "date", "outlet", "score", "title", "id", *(["copies"] if copies else []))
    _table(header, rows, widths=(4, 10, 24, 6, 60, 24, 6)[:len(header)])
    for name, values in results.facets.items():
        print(f"\n{name}")
        _table((name, "count"), [(v.value, str(v.count)) for v in values], widths=(50, 8))
    return 0


def _no_hits(results: SearchResults) -> str:
    """What a search that shows nothing says instead of empty tables: no results (and
    the suggestion, if any), or that the page is past the last one."""
    if results.total:
        return (f"{results.total} results; page {results.page} is past the last one "
                f"({-(-results.total // results.per_page)})")
    if results.did_you_mean:
        return f"no results. Did you mean: {results.did_you_mean}"
    return "no results"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]],
           widths: Sequence[int]) -> None:
    """Aligned columns, long cells cut with an ellipsis (numbers right-aligned)."""
    def cut(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    sizes = [min(w, max([len(h), *(len(r[i]) for r in rows)]))
             for i, (h, w) in enumerate(zip(header, widths, strict=True))]
    numeric = [bool(rows) and all(r[i].replace(".", "").isdigit() or not r[i] for r in rows)
               for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cut(c, w).rjust(w) if num else cut(c, w).ljust(w)
                         for c, w, num in zip(cells, sizes, numeric, strict=True)).rstrip()

    print(line(header))
    print("  ".join("-" * w for w in sizes))
    for row in rows:
        print(line(row))


def _cmd_facets(args: argparse.Namespace) -> int:
    from .service import SearchService

    given = read_values(FACET_VALUES, given_params(args, FACET_VALUES), python_defaults=True)
    with SearchService(_spec(args)) as service:
        values = service.facet_values(args.name, prefix=given["prefix"], size=given["size"])
    if args.json:
        print(strict_json.dumps([{"value": v.value, "count": v.count} for v in values],
                         ensure_ascii=False, indent=2))
        return 0
    _table((args.name, "documents"), [(v.value, str(v.count)) for v in values], widths=(60, 10))
    return 0


def _cmd_story(args: argparse.Namespace) -> int:
    from .service import SearchService

    with SearchService(_spec(args)) as service:
        story = service.story(args.id)
    if args.json:
        print(strict_json.dumps(story.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"story {story.id}: {story.size} documents, origin {story.origin}\n")
    rows = []
    for member in story.members:
        changes = member.changes
        changed = ("origin" if changes is None else
                   f"+{len(changes.added_paragraphs)}/-{len(changes.dropped_paragraphs)} "
                   f"paragraphs, +{len(changes.added_quotes)}/-{len(changes.dropped_quotes)} "
                   "quotes")
        rows.append((member.published.isoformat() if member.published else "undated",
                     member.outlet or "?", member.title, member.id, changed))
    _table(("date", "outlet", "title", "id", "changes"), rows, widths=(10, 24, 50, 24, 34))
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from .service import SearchService

    with SearchService(_spec(args)) as service:
        stats = service.stats()
    if args.json:
        print(strict_json.dumps(stats.to_json(), ensure_ascii=False, indent=2))
        return 0
    indexed = stats.last_indexed_at.isoformat() if stats.last_indexed_at else "never"
    rows = [("documents", f"{stats.documents:,}"),
            ("size on disk", f"{stats.size_bytes / 1e6:,.1f} MB"),
            ("generation", stats.generation), ("last indexed", indexed),
            ("whoosh", stats.whoosh_version or "?"),
            ("schema / extractor", f"{stats.schema_version} / {stats.extractor_version}"),
            *((f"distinct {name}", f"{n:,}") for name, n in stats.facets.items())]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .http import create_app

    spec = _spec(args)
    if spec.engine == "whoosh":
        IndexStore(spec.path or DEFAULT_INDEX).current_path()  # one line if no index yet
    app = create_app({"BACKEND": str(spec)})
    app.run(host=args.host, port=args.port, threaded=True)
    return 0


def _cmd_shard_serve(args: argparse.Namespace) -> int:
    from .xapian_engine.shard_server import serve

    return serve(args.db, args.host, args.port, args.replica_of)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsfacet")
    commands = parser.add_subparsers(dest="command", required=True)

    def with_index(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--index", default=None,
                       help=f"Whoosh index directory, short for --backend whoosh:DIR "
                            f"(default: {DEFAULT_INDEX}; env NEWSFACET_INDEX)")
        p.add_argument("--backend", default=None, metavar="SPEC",
                       help="whoosh:PATH (the default), xapian:PATH (one local Xapian "
                            "database) or xapian+tcp://H1:P1,H2:P2,... (remote shards; "
                            "needs newsfacet[xapian]); env NEWSFACET_BACKEND")
        return p

    p = with_index(commands.add_parser(
        "index", help="add new and changed articles to the index",
        description="Index JSON Lines (.jsonl, .gz, .xz), text and HTML files or directories."))
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--sync", action="store_true",
                   help="delete documents that are no longer in these sources")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_cmd_index)

    p = with_index(commands.add_parser(
        "reindex", help="rebuild the index into a new generation and switch to it",
        description="Re-extract every recorded source (and PATHs) into a new generation; "
                    "readers switch atomically when it is complete."))
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_cmd_reindex)

    p = with_index(commands.add_parser(
        "search", help="search the index and print results",
        description="Ranked search with filters and facet counts; options are the "
                    "parameters of GET /search. An empty query lists every document."))
    add_param_arguments(p, SEARCH)
    p.add_argument("--json", action="store_true", help="print the JSON the HTTP API returns")
    p.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT,
                   help=f"seconds the search may take, 'none' for no limit (default: "
                        f"{DEFAULT_TIMEOUT}; env {QUERY_TIMEOUT_SETTING})")
    p.set_defaults(run=_cmd_search)

    p = with_index(commands.add_parser(
        "facets", help="list a facet's values with document counts",
        description="Values of one facet over the whole index, most frequent first; "
                    "--prefix matches the start of any word."))
    add_param_arguments(p, FACET_VALUES)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_cmd_facets)

    p = with_index(commands.add_parser(
        "story", help="a story's documents in time order and what each changed",
        description="The documents of one story (a hit's story id), the origin (earliest) "
                    "first, with the paragraphs and quotes each added or dropped."))
    p.add_argument("id", help="story id, as search results show it")
    p.add_argument("--json", action="store_true", help="print the JSON GET /stories/<id> "
                   "returns")
    p.set_defaults(run=_cmd_story)

    p = with_index(commands.add_parser(
        "stats", help="what the index holds: documents, size, versions, distinct values"))
    p.add_argument("--json", action="store_true", help="print the JSON GET /stats returns")
    p.set_defaults(run=_cmd_stats)

    p = with_index(commands.add_parser("serve", help="serve the HTTP API"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(run=_cmd_serve)

    p = commands.add_parser("shard", help="serve one shard of a Xapian cluster")
    shard = p.add_subparsers(dest="shard_command", required=True)
    p = shard.add_parser(
        "serve", help="serve one shard (xapian-tcpsrv) in the foreground",
        description="Serve the shard in --db on --host: documents on PORT (searches) and "
                    "PORT+1 (writes), quotes on PORT+2 and PORT+3, replication on PORT+4. "
                    "Clients name PORT in "
                    "xapian+tcp://HOST:PORT,... The protocol has no authentication: bind "
                    "to loopback or a private network.")
    p.add_argument("--db", required=True, type=Path, help="shard directory (created if new)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--replica-of", metavar="HOST:PORT", default=None,
                   help="serve a read-only copy of that shard (xapian-replicate), for "
                        "xapian+tcp://HOST:PORT|THIS_HOST:PORT,...")
    p.set_defaults(run=_cmd_shard_serve)

    p = commands.add_parser(
        "extract", help="print what extraction finds, as JSON Lines",
        description="Print, per article, its title, outlet, dates, speakers with quotes and "
                    "places with offsets into the cleaned body.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--body", action="store_true", help="include the cleaned body")
    p.set_defaults(run=_cmd_extract)
    # plain words for people, built from the commands so that none is left out
    parser.description = ("Faceted search over news articles: index them, search them, "
                          "serve them over HTTP. Commands: "
                          + ", ".join(commands.choices) + ". Each has --help.")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except NewsfacetError as exc:
        print(f"newsfacet: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsfacet: interrupted; the index keeps its last committed state",
              file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
