"""Call a WSGI app in process, as Waitress would: for tests of config/fast_path.py,
which sits in front of Django and so is out of django.test.Client's reach."""

import io
import sys
from contextlib import contextmanager
from dataclasses import dataclass

from django.core import signals
from django.db import close_old_connections
from django.utils.datastructures import CaseInsensitiveMapping


@dataclass
class Answer:
    status: int
    headers: CaseInsensitiveMapping
    header_list: list
    body: bytes


@contextmanager
def _connections_kept():
    # As django.test.Client does: a test's database connection (and its transaction)
    # must outlive the request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def call(
    app,
    path: str,
    *,
    method: str = "GET",
    host: str | None = "testserver",
    scheme: str = "http",
    headers: dict | None = None,
    cookies: dict | None = None,
) -> Answer:
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "443" if scheme == "https" else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    if host is not None:
        environ["HTTP_HOST"] = host
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    started = {}

    def start_response(status, header_list, exc_info=None):
        started["status"], started["headers"] = status, header_list

    with _connections_kept():
        result = app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    header_list = list(started["headers"])
    return Answer(
        status=int(started["status"][:3]),
        headers=CaseInsensitiveMapping(dict(header_list)),
        header_list=header_list,
        body=body,
    )
