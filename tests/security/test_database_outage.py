"""A database outage answers 503 with Retry-After, and logs one line, not thousands."""

import logging
import socket

import pytest
from django.db import connections

from tests.ops.wsgi_client import call

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # free once closed: nothing listens there


@pytest.fixture
def database_down():
    """Point the default connection at a database nobody answers for."""
    original = connections["default"]
    settings_dict = dict(original.settings_dict)  # a copy: the real one stays intact
    if original.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    else:
        settings_dict["NAME"] = "/nonexistent-directory/db.sqlite3"
    unreachable = type(original)(settings_dict, "default")
    connections["default"] = unreachable
    yield
    unreachable.close()
    connections["default"] = original


@pytest.fixture
def outage_log(caplog):
    from config.database_outage import DatabaseOutageFilter

    outage_filter = DatabaseOutageFilter()  # a fresh window for this test
    logger = logging.getLogger("django.request")
    logger.addFilter(outage_filter)
    caplog.set_level(logging.INFO)
    # The configured filter was used by the fixtures' requests: leave it out here.
    configured = [f for f in logger.filters if f is not outage_filter]
    for existing in configured:
        logger.removeFilter(existing)
    yield caplog
    logger.removeFilter(outage_filter)
    for existing in configured:
        logger.addFilter(existing)


API_ADDRESSES = [
    "/api/v1/events/",
    "/api/content/v1/pages/",
    "/api/content/v1/search/?q=x",
]


@pytest.mark.parametrize("address", API_ADDRESSES)
def test_api_calls_answer_a_503_problem_with_retry_after(
    wsgi_app, home_page, database_down, outage_log, address
):
    answer = call(wsgi_app, address)

    assert answer.status == 503
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert int(answer.headers["Retry-After"]) > 0
    assert b"Traceback" not in answer.body


def test_pages_answer_the_503_page(wsgi_app, home_page, database_down, outage_log):
    answer = call(wsgi_app, "/")

    assert answer.status == 503
    assert b"Back in a moment" in answer.body
    assert int(answer.headers["Retry-After"]) > 0


def test_an_outage_is_logged_once_not_per_request(
    wsgi_app, home_page, database_down, outage_log
):
    for address in ["/", "/api/v1/events/", "/search/?query=x"] * 10:
        assert call(wsgi_app, address).status == 503

    records = [r for r in outage_log.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].getMessage().startswith("Database unavailable, answering 503")
    assert records[0].exc_info is None
    assert "Traceback" not in outage_log.text
