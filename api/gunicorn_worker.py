"""gunicorn's sync worker, answering its own errors as JSON problems like the app's.

gunicorn answers some requests before the app sees them (a request line over
``limit_request_line`` is a 414, a malformed one a 400, too many or too large headers a
431), and it kills a worker whose request runs past ``timeout``. Both used to reach the
client as gunicorn's HTML pages, the kill as a 500. This worker writes them as RFC 9457
problem bodies (``application/problem+json``: ``type``, ``title``, ``status``,
``detail``), the kill as a 503 for the request it interrupted.

How the kill is caught: past the timeout the arbiter sends SIGABRT; gunicorn's
``handle_abort`` raises SystemExit from inside the app, which unwinds to ``handle``,
which passes it to ``handle_error`` with the client socket still open. When the answer's
headers had already gone out, gunicorn closes the connection instead (nothing can be
added to a started answer), and so do we.
"""

from __future__ import annotations

import json
import re
import socket
from typing import Any

from gunicorn.workers.sync import SyncWorker

PROBLEM_MEDIA_TYPE = "application/problem+json"
_STATUS_LINE = re.compile(rb"HTTP/1\.[01] (\d{3}) ([^\r\n]*)")


def problem_response(status: int, title: str, detail: str,
                     headers: dict[str, str] | None = None) -> bytes:
    """A complete HTTP/1.1 answer with a problem body; the connection then closes."""
    body = json.dumps({"type": "about:blank", "title": title, "status": status,
                       "detail": detail}).encode("utf-8")
    lines = [f"HTTP/1.1 {status} {title}", "Connection: close",
             f"Content-Type: {PROBLEM_MEDIA_TYPE}", f"Content-Length: {len(body)}",
             "X-Content-Type-Options: nosniff",
             "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class _Captured:
    """Stands in for the client socket while gunicorn writes its HTML error, keeping the
    status line (gunicorn decides the status; we decide the body) and nothing else."""

    def __init__(self, client: socket.socket) -> None:
        self._client = client
        self.written = b""

    def sendall(self, data: bytes) -> None:
        self.written += data

    def send(self, data: bytes) -> int:
        self.written += data
        return len(data)

    def __getattr__(self, name: str) -> Any:  # timeouts, blocking mode, peer name
        return getattr(self._client, name)

    def status(self) -> tuple[int, str]:
        match = _STATUS_LINE.match(self.written)
        if match is None:
            return 500, "Internal Server Error"
        return int(match[1]), match[2].decode("latin-1").strip()


class ProblemSyncWorker(SyncWorker):
    """A sync worker whose own answers are JSON problems, and whose timeout kill answers
    the request in flight with a 503."""

    #: Set by SIGABRT: the arbiter is stopping this worker for running past ``timeout``.
    timed_out = False

    def handle_abort(self, sig: int, frame: Any) -> None:
        self.timed_out = True
        super().handle_abort(sig, frame)

    def handle_error(self, req: Any, client: socket.socket, addr: Any,
                     exc: BaseException) -> None:
        if isinstance(exc, SystemExit):  # stopped mid-request: timeout or shutdown
            self._answer(client, *self._stopped())
            return
        captured = _Captured(client)
        super().handle_error(req, captured, addr, exc)  # logs, and picks the status
        status, title = captured.status()
        if status >= 500:
            detail = "the server failed to answer; this is a bug"
        else:
            detail = str(exc) or title
        self._answer(client, status, title, detail)

    def _stopped(self) -> tuple[int, str, str]:
        if self.timed_out:
            self.log.error("request stopped after the %s s worker timeout: answered 503",
                           self.cfg.timeout)
            return (503, "Service Unavailable",
                    f"the request took longer than the server's {self.cfg.timeout:g} s limit "
                    "(gunicorn --timeout) and was stopped")
        self.log.warning("request stopped by a worker shutdown: answered 503")
        return 503, "Service Unavailable", "the server stopped while answering; try again"

    def _answer(self, client: socket.socket, status: int, title: str, detail: str) -> None:
        try:
            client.sendall(problem_response(status, title, detail))
        except OSError:
            self.log.debug("could not send the %s problem: the client is gone", status)
