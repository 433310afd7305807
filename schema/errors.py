"""Every error newsfacet raises on purpose, in one place.

Each class carries the HTTP status it maps to and a short problem ``title``, so the
Flask layer turns any of them into an RFC 9457 problem body without a lookup table,
and the command line prints ``str(error)`` as its one-line message.
"""

from __future__ import annotations

from typing import ClassVar


class NewsfacetError(Exception):
    """Base class: something the caller can fix, reported without a traceback."""

    status: int = 400
    title: str = "Bad request"
    type: str = "about:blank"
    #: HTTP headers the answer carries (``Retry-After``, ``WWW-Authenticate``).
    headers: ClassVar[dict[str, str]] = {}

    def __init__(self, message: str = "", *, public: str | None = None) -> None:
        super().__init__(message)
        self.public = public

    @property
    def public_detail(self) -> str:
        """What an HTTP client is told: the message without this server's paths.

        The command line prints ``str(error)``, which names files and directories;
        a remote caller has no use for them, and they tell an attacker the layout.
        """
        return str(self) if self.public is None else self.public


class InvalidDocument(NewsfacetError):
    """An input record that cannot be indexed (bad JSON, wrong types, missing id)."""

    title = "Invalid document"


class InvalidJSON(InvalidDocument):
    """Input that is not standard JSON: malformed, NaN or Infinity, a lone surrogate,
    or nested deeper than the limit (``schema.strict_json.MAX_DEPTH``)."""

    title = "Invalid JSON"


class InvalidQuery(NewsfacetError):
    """A search request that does not parse or names something that does not exist."""

    title = "Invalid query"


class QueryTooCostly(NewsfacetError):
    """A query past one of the cost limits of ``api/query_limits.py`` (fuzzy edits, phrase
    slop, leading wildcards, clauses) or past its time budget; the detail names the limit.

    A 400, not a 5xx: the caller can fix it by asking less, as Datasette answers a
    query past ``sql_time_limit_ms`` and Elasticsearch one past ``max_clause_count``.
    """

    title = "Query too costly"


class InvalidParameter(NewsfacetError):
    """A request parameter with a value outside what it accepts."""

    title = "Invalid parameter"


class UnknownFacet(InvalidParameter):
    """A facet name that the schema does not define."""

    title = "Unknown facet"


class DocumentNotFound(NewsfacetError):
    """No document with that id in the index."""

    status = 404
    title = "Document not found"


class IndexNotFound(NewsfacetError):
    """The index directory holds no index yet."""

    status = 503
    title = "Index not available"


class ShardUnavailable(IndexNotFound):
    """A shard of a distributed index is down, or did not answer in time: the answer
    would be partial, so there is none (503, naming the shard). A subclass of
    IndexNotFound, so every route that may answer that answers this too."""

    title = "Shard unavailable"


class IndexCorrupt(NewsfacetError):
    """An index file is not as it was committed (damaged, truncated, overwritten), or
    the pointer to the live generation names none."""

    status = 503
    title = "Index damaged"


class IndexNotWritable(NewsfacetError):
    """The index directory cannot be written (read-only file system, permissions, a
    full disk); what it held is unchanged and still searchable."""

    status = 503
    title = "Index not writable"


class StoryNotFound(NewsfacetError):
    """No document in the index belongs to a story of that id."""

    status = 404
    title = "Story not found"


class IndexOutdated(NewsfacetError):
    """The index was written with another schema version: it must be rebuilt first."""

    status = 409
    title = "Index needs a rebuild"


class IndexBusy(NewsfacetError):
    """Another writer holds the index lock longer than we were willing to wait."""

    status = 503
    title = "Index busy"
    #: Seconds after which a retry is likely to find the writer gone.
    headers: ClassVar[dict[str, str]] = {"Retry-After": "5"}


class Unauthorized(NewsfacetError):
    """A write without the API key, or with a wrong one."""

    status = 401
    title = "Unauthorized"
    headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": 'Bearer realm="newsfacet"'}


class WritesDisabled(NewsfacetError):
    """Writes over HTTP are off because the server has no API key configured."""

    status = 403
    title = "Writes disabled"


class SourceError(NewsfacetError):
    """An input path that cannot be read at all (missing, unreadable, not an article)."""

    title = "Unreadable source"


class InvalidSetting(NewsfacetError):
    """A ``NEWSFACET_*`` setting the server cannot start with; reported at start, never
    in answer to a request."""

    status = 500
    title = "Invalid setting"
