"""A thin WSGI layer in front of Django that answers, without Django's request
handling, the two kinds of request a site gets most and can answer from memory or
one cache read: static files (WhiteNoise, config/static_files.py) and page-cache hits
for anonymous visitors (cms/page_cache.py).

Each answer gets what Django's stack would have given it: a static file Django's
security headers (computed at start-up), a cached page the very headers the stack
produced when the page was stored; and both a request id and an access-log line
(config/request_id.py). Anything else, and anything it is unsure of (a host Django
would refuse, an HTTPS redirect to make, a cache outage), goes on to Django."""

import logging
import time

from django.core.handlers.wsgi import WSGIRequest
from django.middleware.security import SecurityMiddleware

from cms import page_cache
from config.languages import first_visit_redirect
from config.request_id import (
    REQUEST_ID_HEADER,
    accept_or_make_request_id,
    log_access,
    request_id_var,
)
from config.static_files import StaticFiles

logger = logging.getLogger(__name__)

# Probes go straight to Django (config/health.py): a slow or unreachable cache must
# not delay the liveness probe into a restart.
PROBE_PATHS = frozenset({"/healthz", "/readyz"})


class FastPath:
    def __init__(self, application):
        self.application = application
        self.static_files = StaticFiles()
        # Django's own check of SECURE_SSL_REDIRECT (and its exemptions).
        self.security = SecurityMiddleware(application)

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        static_file = self.static_files.find(environ)
        if static_file is None and (
            environ.get("PATH_INFO") in PROBE_PATHS
            or not page_cache.may_be_cached(environ)
        ):
            return self.application(environ, start_response)
        try:
            answer = self._answer(environ, static_file)
        except Exception:
            # A bug here must cost speed, not the request: Django answers it.
            logger.exception("The fast path failed; handing the request to Django")
            answer = None
        if answer is None:
            return self.application(environ, start_response)
        request, (status, headers, body) = answer
        request_id = accept_or_make_request_id(environ.get("HTTP_X_REQUEST_ID"))
        headers.append((REQUEST_ID_HEADER, request_id))
        start_response(status, headers)
        token = request_id_var.set(request_id)
        try:
            log_access(request, int(status[:3]), started)
        finally:
            request_id_var.reset(token)
        return body

    def _answer(self, environ, static_file):
        """The request and its answer (status line, headers, body), or None."""
        # A copy: WSGIRequest rewrites PATH_INFO in the dict it is given, and the
        # original must reach Django untouched if Django is to answer after all.
        request = WSGIRequest(environ.copy())
        if self._redirects(request):
            return None
        if static_file is not None:
            return request, self.static_files.answer(static_file, request)
        if first_visit_redirect(request) is not None:
            # The page's cached copy is not this visitor's answer: Django redirects.
            return None
        answer = page_cache.cached_answer(request)
        return None if answer is None else (request, answer)

    def _redirects(self, request) -> bool:
        """True when Django would redirect this request to HTTPS: let it."""
        try:
            return self.security.process_request(request) is not None
        except Exception:  # noqa: BLE001 - a refused host: Django answers it
            return True
