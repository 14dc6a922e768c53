"""Errors as RFC 9457 problem details (`application/problem+json`) for every API."""

import sys
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import csrf as csrf_views
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

PROBLEM_CONTENT_TYPE = "application/problem+json"
API_PREFIX = "/api/"
# The database cannot be reached (down, restarting, refusing connections, a query
# cancelled by its timeout): the request may succeed later, so 503 with Retry-After.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
OUTAGE_RETRY_AFTER_SECONDS = 30
# A problem's title is the status phrase, in the request's language: these are the
# statuses the APIs answer with (others keep Python's English phrase).
TITLES = {
    400: gettext_lazy("Bad Request"),
    401: gettext_lazy("Unauthorized"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not Found"),
    405: gettext_lazy("Method Not Allowed"),
    406: gettext_lazy("Not Acceptable"),
    409: gettext_lazy("Conflict"),
    413: gettext_lazy("Request Entity Too Large"),
    415: gettext_lazy("Unsupported Media Type"),
    422: gettext_lazy("Unprocessable Entity"),
    429: gettext_lazy("Too Many Requests"),
    500: gettext_lazy("Internal Server Error"),
    503: gettext_lazy("Service Unavailable"),
}


class Conflict(exceptions.APIException):
    """The request is valid but the resource's state forbids it (a business rule)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy(
        "The request conflicts with the current state of the resource."
    )
    default_code = "conflict"


def problem(
    *,
    status: int,
    detail: str,
    instance: str,
    code: str | None = None,
    errors: dict[str, list[str]] | None = None,
) -> dict:
    """Return a problem document; `code` names the problem type when it is specific."""
    document = {
        # about:blank means "nothing more than the HTTP status" (RFC 9457, 4.2.1).
        "type": f"urn:problem-type:{code.replace('_', '-')}" if code else "about:blank",
        "title": str(TITLES.get(status, HTTPStatus(status).phrase)),
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if code:
        document["code"] = code
    if errors is not None:
        document["errors"] = errors
    return document


def field_errors(detail, prefix: str = "") -> dict[str, list[str]]:
    """Flatten DRF's nested error detail into {"field.sub.0": ["message", ...]}."""
    if isinstance(detail, dict):
        flat = {}
        for key, value in detail.items():
            flat.update(field_errors(value, f"{prefix}{key}."))
        return flat
    if isinstance(detail, list) and any(isinstance(i, dict | list) for i in detail):
        flat = {}
        for index, value in enumerate(detail):
            flat.update(field_errors(value, f"{prefix}{index}."))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    field = prefix.rstrip(".") or api_settings.NON_FIELD_ERRORS_KEY
    return {field: [str(message) for message in messages]}


def _validation_problem(exc: exceptions.ValidationError, instance: str) -> dict:
    errors = field_errors(exc.detail)
    summary = "; ".join(
        f"{field}: {' '.join(messages)}" for field, messages in errors.items()
    )
    return problem(
        status=exc.status_code,
        detail=summary or _("The request is not valid."),
        instance=instance,
        code="validation_error",
        errors=errors,
    )


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: render every handled error as problem+json.

    Errors DRF does not handle (bugs) return None so they propagate to Django's
    handler500 below, which logs them and answers problem+json under /api/."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, DjangoValidationError):
        # Model and service validation speaks Django's ValidationError.
        exc = exceptions.ValidationError(as_serializer_error(exc))
    if not isinstance(exc, exceptions.APIException):
        return None

    instance = context["request"].get_full_path()
    if isinstance(exc, exceptions.ValidationError):
        data = _validation_problem(exc, instance)
    else:
        code = exc.get_codes() if isinstance(exc.detail, str) else None
        data = problem(
            status=exc.status_code,
            detail=str(exc.detail),
            instance=instance,
            code=code if isinstance(code, str) else None,
        )
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    set_rollback()
    return Response(
        data,
        status=exc.status_code,
        headers=headers,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def problem_response(request, *, status: int, detail: str) -> JsonResponse:
    return JsonResponse(
        problem(status=status, detail=detail, instance=request.get_full_path()),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def is_api_request(request) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception=None):
    """Django's handler400 (for example a suspicious request) under /api/ too."""
    if is_api_request(request):
        return problem_response(
            request, status=400, detail=_("The request is not valid.")
        )
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    """Django's handler403: problem+json under /api/, the site's page elsewhere."""
    if is_api_request(request):
        return problem_response(
            request, status=403, detail=_("You do not have permission to do this.")
        )
    return defaults.permission_denied(request, exception)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a CSRF refusal under /api/ is a problem+json 403 too."""
    if is_api_request(request):
        return problem_response(
            request,
            status=403,
            detail=_("CSRF check failed: %(reason)s Send the X-CSRFToken header.")
            % {"reason": reason},
        )
    return csrf_views.csrf_failure(request, reason=reason)


def page_not_found(request, exception=None):
    """Django's handler404: problem+json under /api/, the site's 404 page elsewhere."""
    if is_api_request(request):
        return problem_response(
            request, status=404, detail=_("There is no resource at this address.")
        )
    return defaults.page_not_found(request, exception)


def service_unavailable(request) -> HttpResponse:
    """503 with Retry-After: problem+json under /api/, the site's 503 page elsewhere
    (a template that needs neither the database nor the request's context)."""
    if is_api_request(request):
        response = problem_response(
            request,
            status=503,
            detail=_("The service is briefly unavailable; try again shortly."),
        )
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(OUTAGE_RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """Django's handler500: problem+json under /api/, the site's 500 page elsewhere;
    503 when the database is unreachable (config/logs' outage filter keeps that to
    one log line per outage, not a traceback per request)."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    if is_api_request(request):
        return problem_response(
            request,
            status=500,
            detail=_("Something went wrong on our side; it has been logged."),
        )
    return defaults.server_error(request)
