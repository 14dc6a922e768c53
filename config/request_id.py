"""Request ids (accepted or made, one per request) and the access log."""

import contextvars
import logging
import re
import time
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
# Accept what proxies and clients commonly send (UUIDs, hex, base64-ish tokens), but
# nothing that could smuggle spaces, quotes or newlines into a log line.
_WELL_FORMED = re.compile(r"^[A-Za-z0-9._:+/=-]{8,128}$")

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
access_logger = logging.getLogger("access")


def make_request_id() -> str:
    return uuid.uuid4().hex


def accept_or_make_request_id(candidate: str | None) -> str:
    if candidate and _WELL_FORMED.match(candidate):
        return candidate
    return make_request_id()


def get_request_id() -> str | None:
    return request_id_var.get()


def log_access(request, status: int, started: float) -> None:
    """One access-log line; also written by config/fast_path.py for what it answers
    before Django, with the request id bound the same way."""
    duration_ms = (time.perf_counter() - started) * 1000
    access_logger.info(
        "%s %s %s %.1fms",
        request.method,
        request.get_full_path(),
        status,
        duration_ms,
        extra={
            "method": request.method,
            "path": request.path,
            "status": status,
            "duration_ms": round(duration_ms, 1),
        },
    )


class RequestIdMiddleware:
    """Bind a request id for the request's duration and log one access line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = accept_or_make_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            log_access(request, response.status_code, started)
            return response
        finally:
            request_id_var.reset(token)
