"""Tiny WSGI apps served by config/server.py in tests of the server itself."""

import json
import time


def slow(environ, start_response):
    """Answer after a pause long enough for a SIGTERM to arrive mid-request."""
    time.sleep(float(environ.get("QUERY_STRING") or 1.5))
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"finished"]


def echo(environ, start_response):
    """Answer with what the server told the app about the client and the scheme."""
    body = json.dumps(
        {
            "scheme": environ["wsgi.url_scheme"],
            "remote_addr": environ.get("REMOTE_ADDR"),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
            "forwarded_proto": environ.get("HTTP_X_FORWARDED_PROTO"),
        }
    ).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]
