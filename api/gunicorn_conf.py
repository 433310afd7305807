"""gunicorn settings for serving newsfacet in production.

    gunicorn -c python:newsfacet.api.gunicorn_conf 'newsfacet.api.http:create_app()'

Options given on the command line override these (``-b 0.0.0.0:8000``, ``-w 4``).

- Sync workers, one per core (``WEB_CONCURRENCY`` overrides), no threads: a worker runs
  one search at a time anyway (see ``bench/load.py``, ``gunicorn_command``), and sync
  workers take requests from one shared queue. They expect a buffering reverse proxy
  (nginx) in front for slow clients.
- The worker class answers gunicorn's own errors (414, 400, 431...) and a request killed
  at ``timeout`` (503) as JSON problems, like every answer of the app
  (:mod:`newsfacet.api.gunicorn_worker`).
- ``NEWSFACET_*`` settings are checked once in the master before any worker starts, so a
  bad one is one line and exit status 1, not a worker traceback on every boot.
- No control socket: gunicorn 27 puts it at one fixed path per user, which two servers
  on one machine fight over.
"""

from __future__ import annotations

import os
from typing import Any

from newsfacet.indexer.store import IndexStore
from newsfacet.schema.errors import IndexNotFound, InvalidSetting

bind = "127.0.0.1:8000"
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
worker_class = "newsfacet.api.gunicorn_worker.ProblemSyncWorker"
threads = 1
#: Seconds a request may run before its worker is stopped and the client gets a 503.
timeout = 30
control_socket_disable = True


def on_starting(server: Any) -> None:
    """Check the settings before forking: gunicorn prints a RuntimeError as one line."""
    from newsfacet.api import settings

    try:
        values = {**settings.defaults(), **settings.from_environ()}
    except InvalidSetting as exc:
        raise RuntimeError(str(exc)) from None
    if values.get("BACKEND"):  # another engine, or Whoosh named by spec: it checks itself
        return
    try:
        IndexStore(values["INDEX"]).current_path()
    except IndexNotFound as exc:  # not fatal: searches answer 503 until it is built
        server.log.warning("%s; searches will answer 503 until it is built", exc)
