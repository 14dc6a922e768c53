"""Schema-driven fuzzing of /api/v1/: no 5xx, and every response matches the document.

Schemathesis reads /api/schema/ and calls the Django app in-process (WSGI), signed in
with a staff token so that the staff endpoints are exercised too. Bounded: a few
examples per operation, no shrinking, and a time budget after which every remaining
operation still runs, with the fewest examples (a slow machine tests less, not
nothing, and never fails for being slow)."""

import time

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.apps.api_helpers import event_manager
from tests.factories import BookingFactory, EventFactory

EXAMPLES_PER_OPERATION = 10
EXAMPLES_PAST_BUDGET = 2
TIME_BUDGET_SECONDS = 120
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_app():
    """Django's WSGI app, minus the connection closing at each request's end (as the
    test client does): the test's transaction must survive the requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, settings, wsgi_app):
    # Generous limits: the fuzzer should reach validation, not the throttles.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(
            settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "100000/min"
        ),
    }
    call_command("load_demo_content", verbosity=0)  # pages for the content API
    event = EventFactory(slug="garden-tour", capacity=50)
    BookingFactory(event=event, reference="K7M2QX9A")
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)
    return schema.include(path_regex="^/api/(v1|content/v1)/")


@pytest.fixture
def staff_token(db):
    manager = event_manager(is_superuser=True)
    return lambda: AuthToken.objects.create(user=manager)[1]


def test_api_answers_without_server_errors_and_as_documented(api_schema, staff_token):
    # One Hypothesis run per operation, driven here rather than through
    # schemathesis' pytest parametrisation (not yet compatible with pytest 9).
    failures = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 40
    started = time.monotonic()

    for operation in operations:
        over_budget = time.monotonic() - started > TIME_BUDGET_SECONDS

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PAST_BUDGET
            if over_budget
            else EXAMPLES_PER_OPERATION,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def fuzz(case):
            # A fresh token per call: some operations revoke the token they are
            # called with.
            case.call_and_validate(
                headers={"Authorization": f"Token {staff_token()}"}, checks=CHECKS
            )

        try:
            fuzz()
        except Exception as exc:  # noqa: BLE001  (collect every operation's failure)
            failures[operation.label] = str(exc)[:2000]

    assert failures == {}
