"""The search engine behind the Python API: everything of ``api/`` that talks to Whoosh.

Start at :mod:`.backend` (the public methods); each module below it has one job, named
in its docstring: ``searchers`` (open indexes, leases), ``query`` (parsing),
``governor`` (query cost), ``ranking`` (BM25F, recency, top k), ``selection``
(filters, facets, pages) and ``cursors``, ``spelling``, ``more_like_this``, ``hits``
(plain data out), over ``posting_scan``, ``facet_table``, ``lexicon`` and
``highlight``.
"""

from .backend import WhooshBackend as WhooshBackend
