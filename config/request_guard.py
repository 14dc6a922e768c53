"""Refuse hostile input at the door: a 4xx, never a 500 from deeper down.

A NUL byte or a control character in the path or the query string reaches the
database as text PostgreSQL refuses (a 500 with a traceback), and bytes that are not
UTF-8 are silently turned into replacement characters; both are answered 400 here.
A body larger than any upload we accept (MAX_UPLOAD_BYTES, plus room for the form
around it) is answered 413 before it is read.

The guard runs before the language middleware: it answers in the language that
middleware chooses (config.languages.request_language), as every other answer is."""

import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from apps.api.problems import bad_request, is_api_request, problem_response
from config.languages import request_language

# C0 controls and DEL, except tab, line feed and carriage return (text in a query).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORM_OVERHEAD_BYTES = 1024 * 1024


def is_clean_query(raw: str) -> bool:
    """Return whether a WSGI query string (bytes as latin-1), once %-decoded, is
    UTF-8 text without control characters."""
    try:
        text = unquote_to_bytes(raw.replace("+", " ").encode("latin-1")).decode()
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return not CONTROL_CHARACTERS.search(text)


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        status = self.refused_status(request)
        if status is None:
            return self.get_response(request)
        with translation.override(request_language(request)):
            if status == 400:
                return bad_request(request)
            detail = _("The request body is larger than this site accepts.")
            if is_api_request(request):
                return problem_response(request, status=413, detail=detail)
            return HttpResponse(
                detail, status=413, content_type="text/plain; charset=utf-8"
            )

    def refused_status(self, request) -> int | None:
        """Return the 4xx status hostile input is answered with; None lets it in."""
        # Django has decoded the path already (bytes that are not UTF-8 stay
        # %-encoded, harmlessly); the query string is still as the client sent it.
        if CONTROL_CHARACTERS.search(request.path_info) or not is_clean_query(
            request.META.get("QUERY_STRING", "")
        ):
            return 400
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 400
        if length > settings.MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES:
            return 413
        return None
