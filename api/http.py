"""The HTTP API: a thin Flask layer over :class:`SearchService`.

Every error leaves as an RFC 9457 problem body (``type``, ``title``, ``status``,
``detail``) with a 4xx status where the caller can fix it; nothing leaves as a
traceback.
"""

from __future__ import annotations

import hmac
import logging
import os
from typing import Any

from flask import (
    Flask,
    Response,
    current_app,
    jsonify,
    render_template,
    request,
    stream_with_context,
)
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import HTTPException
from werkzeug.routing import PathConverter

from newsfacet.schema import strict_json
from newsfacet.schema.document import ARTICLE_SCHEMA
from newsfacet.schema.errors import (
    DocumentNotFound,
    IndexBusy,
    IndexCorrupt,
    IndexNotFound,
    IndexNotWritable,
    IndexOutdated,
    InvalidDocument,
    InvalidJSON,
    InvalidParameter,
    InvalidQuery,
    NewsfacetError,
    QueryTooCostly,
    StoryNotFound,
    Unauthorized,
    UnknownFacet,
    WritesDisabled,
)

from . import settings
from .export import MEDIA_TYPES, Export, encode, export_documents, export_quotes
from .headers import add_security_headers
from .models import (
    FacetSuggestions,
    IndexStats,
    QuoteResults,
    SearchResults,
    StoredDocument,
    Story,
    WriteProblem,
    WriteReport,
)
from .openapi import HTML, build_spec, documented
from .param_registry import EXPORT_LIMIT, FACET_VALUES, QUOTES, SEARCH, SIMILAR
from .params import (
    answer_format,
    facet_search_from_params,
    quote_request_from_params,
    request_from_params,
    similar_request_from_params,
)
from .service import SearchService
from .web import blueprint as web_blueprint

log = logging.getLogger(__name__)

#: Records one POST may carry (Elasticsearch's bulk has no count limit, only a size one;
#: a count keeps one request from holding the writer for minutes).
MAX_BATCH = 1000
#: What ``POST /documents`` takes: one article, or a batch (an array) of any JSON values,
#: each checked as an article on its own: a bad one is listed in ``problems``, so the
#: items are described as anything (a 400 is only for a body that is neither).
WRITE_BODY: dict[str, Any] = {
    "oneOf": [ARTICLE_SCHEMA, {
        "type": "array", "minItems": 1, "maxItems": MAX_BATCH,
        "items": {"description": "An article, as a single body is. Records are checked one "
                  "by one: one that is not a valid article is listed in problems (by "
                  "position, from 1) and the others are indexed, as Elasticsearch's bulk "
                  "API does."},
    }],
}
#: Errors every write can answer with.
WRITE_ERRORS = (Unauthorized, WritesDisabled, IndexBusy, IndexOutdated, IndexNotFound,
                IndexCorrupt, IndexNotWritable)
#: Errors of every route that reads the index: it may be missing or damaged (503).
INDEX_ERRORS = (IndexNotFound, IndexCorrupt)


class StandardJSONProvider(DefaultJSONProvider):
    """Flask's JSON, but standard: never ``NaN`` or ``Infinity`` (``allow_nan=False``),
    which Python writes by default and no other JSON parser reads. Keys keep the order
    the models give them."""

    sort_keys = False

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        kwargs.setdefault("default", self.default)
        kwargs.setdefault("ensure_ascii", self.ensure_ascii)
        kwargs.setdefault("sort_keys", self.sort_keys)
        return strict_json.dumps(obj, **kwargs)


def problem(status: int, title: str, detail: str, type_: str = "about:blank") -> Response:
    """A JSON problem response."""
    response = jsonify({"type": type_, "title": title, "status": status, "detail": detail})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def _service() -> SearchService:
    return current_app.extensions["newsfacet"]  # type: ignore[no-any-return]


def streamed(export: Export, fmt: str, name: str) -> Response:
    """An export as a download, written as it is read; the counts in headers."""
    response = Response(stream_with_context(encode(export, fmt)),
                        content_type=MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="newsfacet-{name}.{fmt}"'
    response.headers["X-Total-Count"] = str(export.total)
    response.headers["X-Export-Limit"] = str(EXPORT_LIMIT)
    return response


#: What an export answers (``format=csv``, ``format=jsonl``), without parameters.
EXPORT_MEDIA_TYPES = tuple(media.split(";")[0] for media in MEDIA_TYPES.values())
#: Errors a search can answer with; every route that opens the index may be a 503.
SEARCH_ERRORS = (InvalidParameter, UnknownFacet, InvalidQuery, QueryTooCostly, *INDEX_ERRORS)
#: What ``/health`` answers: the document count and the index metadata (``meta.json``).
HEALTH_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "status": {"const": "ok"},
        "documents": {"type": "integer"},
        "files_checked": {"type": "integer", "description": "Index files found as they "
                          "were committed (size and CRC32)."},
        "generation": {"type": "string"},
        "schema_version": {"type": "integer"},
        "extractor_version": {"type": "string"},
        "whoosh_version": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "last_indexed_at": {"type": "string", "format": "date-time"},
    },
    "required": ["status", "documents"],
}


def spec() -> dict[str, Any]:
    """The OpenAPI description of the current app, built once per app."""
    cache = current_app.extensions.setdefault("newsfacet.openapi", {})
    if "spec" not in cache:
        cache["spec"] = build_spec(current_app)
    return cache["spec"]  # type: ignore[no-any-return]


def _link(operation: str, **parameters: str) -> dict[str, Any]:
    """An OpenAPI link: where a value of this answer can be used next (clients and
    stateful testers follow them: create, read, delete, read again)."""
    return {"operationId": operation, "parameters": parameters}


def _links_to_document(doc_id: str) -> dict[str, Any]:
    return {"document": _link("document", doc_id=doc_id),
            "similar": _link("similar", doc_id=doc_id),
            "delete": _link("delete_document", doc_id=doc_id)}


def _check_api_key() -> None:
    """WritesDisabled without a configured key; Unauthorized unless the request has it.

    Compared in constant time (``hmac.compare_digest``), so response times do not tell
    how much of a guessed key was right.
    """
    expected = current_app.config.get("API_KEY")
    if not expected:
        raise WritesDisabled("writes are off: start the server with NEWSFACET_API_KEY set "
                             "to accept POST and DELETE")
    given = request.headers.get("X-API-Key", "")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        given = token.strip()
    # WSGI hands headers over as latin-1 text: compare the bytes the client sent with the
    # key's UTF-8 bytes, so a key outside ASCII works too
    if not hmac.compare_digest(given.encode("latin-1", "replace"),
                               str(expected).encode("utf-8")):
        raise Unauthorized("missing or wrong API key: send 'Authorization: Bearer <key>' "
                           "or 'X-API-Key: <key>'")


class DocumentIdConverter(PathConverter):
    """A document id in a URL: like ``path`` (ids may hold slashes) but never ending in
    ``/similar``, so ``/documents/x/similar`` matches only the more-like-this route and
    its OPTIONS and 405 answers list only that route's methods (not DELETE)."""

    regex = r"[^/].*?(?<!/similar)"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app; ``config`` overrides the environment (``NEWSFACET_*``, read by
    :mod:`settings`), which overrides defaults. InvalidSetting if a variable does not
    parse."""
    app = Flask(__name__, static_folder=None)  # the web page serves its own files
    app.json = StandardJSONProvider(app)
    app.url_map.converters["docid"] = DocumentIdConverter
    app.config.from_mapping(settings.defaults())
    app.config.from_mapping(settings.from_environ())  # InvalidSetting: stop here, at start
    if config:
        app.config.from_mapping(config)
    app.extensions["newsfacet"] = SearchService(app.config.get("BACKEND") or app.config["INDEX"],
                                                query_timeout=app.config["QUERY_TIMEOUT"])
    app.register_blueprint(web_blueprint)
    app.after_request(add_security_headers)

    @app.errorhandler(NewsfacetError)
    def _known(error: NewsfacetError) -> Response:
        response = problem(error.status, error.title, error.public_detail, error.type)
        response.headers.update(error.headers)
        return response

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        detail = error.description or error.name
        if error.code == 413:
            limit = current_app.config["MAX_CONTENT_LENGTH"]
            detail = (f"the request body is too large: at most {limit / 2**20:.0f} MB "
                      "(NEWSFACET_MAX_CONTENT_LENGTH); send a large batch in parts")
        response = problem(error.code or 500, error.name, detail)
        # werkzeug's own headers matter: a 405 must say what is Allowed (RFC 9110)
        response.headers.update({name: value for name, value in error.get_headers()
                                 if name.lower() != "content-type"})
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return problem(500, "Internal error", "the server failed to answer; this is a bug")

    @app.get("/search")
    @documented(SearchResults, SEARCH, SEARCH_ERRORS, exports=EXPORT_MEDIA_TYPES, links={
        "first_hit": _link("document", doc_id="$response.body#/hits/0/id"),
        "first_story": _link("story", story_id="$response.body#/hits/0/story")})
    def search() -> Response:
        """Ranked search with filters, facet counts and highlighted snippets.

        With `format=csv` or `format=jsonl`, every hit of the query and filters instead
        of one page, streamed as CSV or JSON Lines (the columns `id`, `title`, `outlet`,
        `published`, `url`, `speakers`, `locations`, `story`, `score`).
        """
        search_request = request_from_params(request.args.getlist)
        fmt = answer_format(SEARCH, request.args.getlist)
        if fmt != "json":
            return streamed(export_documents(_service(), search_request), fmt, "search")
        return jsonify(_service().run(search_request).to_json())

    @app.get("/quotes")
    @documented(QuoteResults, QUOTES, SEARCH_ERRORS, exports=EXPORT_MEDIA_TYPES)
    def quotes() -> Response:
        """Attributed quotes matching ``q``, filtered by ``speaker``, ``outlet`` and dates.

        With `format=csv` or `format=jsonl`, every matching quote, streamed (the columns
        `id`, `text`, `speaker`, `speaker_title`, `cue`, `document`, `title`, `outlet`,
        `published`, `score`).
        """
        quote_request = quote_request_from_params(request.args.getlist)
        fmt = answer_format(QUOTES, request.args.getlist)
        if fmt != "json":
            return streamed(export_quotes(_service(), quote_request), fmt, "quotes")
        return jsonify(_service().run_quotes(quote_request).to_json())

    @app.get("/documents/<path:doc_id>/similar")
    @documented(SearchResults, SIMILAR,
                (InvalidParameter, UnknownFacet, QueryTooCostly, DocumentNotFound,
                 *INDEX_ERRORS))
    def similar(doc_id: str) -> Response:
        """Documents like this one (more like this), itself excluded."""
        similar_request = similar_request_from_params(request.args.getlist)
        return jsonify(_service().run_similar(doc_id, similar_request).to_json())

    @app.get("/documents/<docid:doc_id>")
    @documented(StoredDocument, errors=(DocumentNotFound, *INDEX_ERRORS), links={
        "story": _link("story", story_id="$response.body#/story"),
        "similar": _link("similar", doc_id="$response.body#/id"),
        "delete": _link("delete_document", doc_id="$response.body#/id")})
    def document(doc_id: str) -> Response:
        """One document: its text, everything extracted from it, and its story."""
        return jsonify(_service().get(doc_id).to_json(with_body=True))

    @app.post("/documents")
    @documented(WriteReport, errors=(InvalidDocument, InvalidJSON, *WRITE_ERRORS), body=WRITE_BODY,
                secured=True, links=_links_to_document("$response.body#/ids/0"))
    def add_documents() -> Response:
        """Index one article or a batch (an array): new ones are added, changed ones
        replaced, unchanged ones skipped.

        Needs the API key (``Authorization: Bearer <key>`` or ``X-API-Key``). A batch
        answers 200 with the records it could not index in ``problems`` (by position,
        from 1), as Elasticsearch's bulk API does; a single invalid article is a 400.
        Readers see the documents as soon as this answers.
        """
        _check_api_key()
        if not request.is_json:
            raise InvalidDocument("the body must be a JSON article object or a non-empty "
                                  "array of them, sent as Content-Type: application/json")
        payload = strict_json.loads(request.get_data(cache=False),
                                    what="the body (a JSON article or an array of them)")
        batch = isinstance(payload, list)
        records: list[Any] = payload if batch else [payload]
        if not isinstance(payload, (dict, list)) or not records:
            raise InvalidDocument("the body must be a JSON article object or a non-empty "
                                  "array of them (Content-Type: application/json)")
        if len(records) > MAX_BATCH:
            raise InvalidDocument(f"{len(records):,} records in one request; at most "
                                  f"{MAX_BATCH:,} are taken")
        report = _service().add(records, timeout=float(current_app.config["WRITE_TIMEOUT"]))
        problems = [WriteProblem(p.line if batch else None, p.message)
                    for p in report.problems]
        if not batch and problems:
            raise InvalidDocument(problems[0].message)
        return jsonify(WriteReport(
            added=report.added, updated=report.updated, unchanged=report.unchanged,
            deleted=report.deleted, documents=report.documents, errors=bool(problems),
            problems=problems, ids=report.ids).to_json())

    @app.delete("/documents/<docid:doc_id>")
    @documented(WriteReport, errors=(DocumentNotFound, *WRITE_ERRORS), secured=True,
                links={"document": _link("document", doc_id="$request.path.doc_id")})
    def delete_document(doc_id: str) -> Response:
        """Delete one document, its quotes and its story membership (a story whose
        origin goes promotes its next document). Needs the API key."""
        _check_api_key()
        service = _service()
        if not service.delete([doc_id], timeout=float(current_app.config["WRITE_TIMEOUT"])):
            raise DocumentNotFound(f"no document with id {doc_id!r}")
        return jsonify(WriteReport(added=0, updated=0, unchanged=0, deleted=1,
                                   documents=service.count(), errors=False,
                                   problems=[], ids=[doc_id]).to_json())

    @app.get("/stories/<path:story_id>")
    @documented(Story, errors=(StoryNotFound, *INDEX_ERRORS))
    def story(story_id: str) -> Response:
        """A story's documents in time order, each with what it added to or dropped from
        the origin (the earliest): paragraphs and quotes."""
        return jsonify(_service().story(story_id).to_json())

    @app.get("/facets/<name>")
    @documented(FacetSuggestions, FACET_VALUES,
                (InvalidParameter, UnknownFacet, *INDEX_ERRORS))
    def facet_values(name: str) -> Response:
        """Values of one facet matching ``prefix`` with their counts, for autocomplete."""
        prefix, size = facet_search_from_params(request.args.getlist)
        values = _service().facet_values(name, prefix, size)
        return jsonify(FacetSuggestions(name, prefix, values).to_json())

    @app.get("/stats")
    @documented(IndexStats, errors=INDEX_ERRORS)
    def stats() -> Response:
        """Documents, size on disk, generation, versions and distinct facet values."""
        return jsonify(_service().stats().to_json())

    @app.get("/health")
    @documented(HEALTH_SCHEMA, errors=INDEX_ERRORS)
    def health() -> Response:
        """200 with the document count when the index opens; 503 otherwise."""
        return jsonify(_service().health())

    @app.get("/openapi.json")
    @documented({"type": "object", "description": "An OpenAPI 3.1 document."})
    def openapi() -> Response:
        """This description of the API (OpenAPI 3.1), generated from the code."""
        return jsonify(spec())

    @app.get("/docs")
    @documented(HTML)
    def docs() -> str:
        """The same description as a page to read: paths, parameters and responses."""
        return render_template("api_docs.html", spec=spec())

    return app


def main() -> None:  # pragma: no cover - convenience for ``python -m``
    create_app().run(host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
