"""The Xapian backend: one local database (``xapian:PATH``) or remote shards
(``xapian+tcp://H1:P1,H2:P2,...``) behind the same :class:`~newsfacet.api.backend.Backend`.

Xapian is GPL-2.0-or-later, so it is an optional extra (``pip install
'newsfacet[xapian]'``) and only this package imports it, when a spec selects it.
"""

from __future__ import annotations

from newsfacet.schema.errors import InvalidParameter

try:
    import xapian  # noqa: F401
except ImportError:  # pragma: no cover - depends on the machine
    raise InvalidParameter(
        "the Xapian backend needs the xapian extra: pip install 'newsfacet[xapian]' "
        "(Xapian's Python bindings; GPL-2.0-or-later)") from None

from .backend import XapianBackend
from .database import Cluster

__all__ = ["Cluster", "XapianBackend"]
