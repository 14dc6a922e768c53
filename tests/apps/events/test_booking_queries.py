"""What booking through the business API costs in SQL (issue 7), as the mobile app
books: signed in with an API token, a published event with places left.

The budget, one statement each: the token with its user; BEGIN; the event, locked,
with whether the person has a booking of it already; INSERT the booking; UPDATE the
event's confirmed places; COMMIT. Then, after commit, the confirmation email's job:
its row and the row recording which request queued it. An Idempotency-Key adds
claiming the key, storing the answer and the savepoint of the booking service."""

import datetime as dt

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django_tasks_db.models import DBTaskResult
from knox.models import AuthToken

from apps.events.models import Booking
from apps.jobs.models import JobState
from tests.factories import EventFactory, UserFactory

# Committed for real, as in production: the after-commit work (queuing the email)
# runs inside the request, where it is counted and knows the request's id.
pytestmark = pytest.mark.django_db(transaction=True)

BOOKING = 6
EMAIL_JOB = 2
IDEMPOTENCY_KEY = 4


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """Redis where REDIS_URL is set (as in production); on SQLite runs a memory cache
    instead of the database cache, whose own queries (the throttles') would count."""
    if isinstance(caches["default"], DatabaseCache):
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        }
        cache.clear()


def token_of(user) -> str:
    return AuthToken.objects.create(user=user)[1]


def book(client, event, token, **headers):
    return client.post(
        "/api/v1/bookings/",
        {"event": event.slug},
        content_type="application/json",
        headers={"Authorization": f"Token {token}", **headers},
    )


@pytest.mark.parametrize(
    ("headers", "budget"),
    [
        ({}, BOOKING + EMAIL_JOB),
        ({"Idempotency-Key": "k-1"}, BOOKING + EMAIL_JOB + IDEMPOTENCY_KEY),
    ],
)
def test_booking_with_a_token_stays_within_its_query_budget(
    client, django_assert_max_num_queries, headers, budget
):
    event = EventFactory(capacity=10)
    # Another person books first, so that nothing per-process is left to warm up.
    book(client, event, token_of(UserFactory()), **headers)
    user = UserFactory()
    token = token_of(user)
    # The person's other tokens, expired or not, are not read on each request.
    token_of(user)
    AuthToken.objects.create(user=user, expiry=-dt.timedelta(seconds=1))

    with django_assert_max_num_queries(budget) as captured:
        response = book(client, event, token, **headers)

    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"
    assert Booking.objects.get(user=user).event == event
    email = DBTaskResult.objects.get(
        task_path="apps.events.tasks.send_booking_email",
        args_kwargs__args=[Booking.objects.get(user=user).pk, "confirmed"],
    )
    assert JobState.objects.get(task_result=email).request_id
    if connection.features.has_select_for_update:
        # Fewer queries, but the event is still locked while places are counted.
        assert any("FOR UPDATE" in query["sql"] for query in captured)
    event.refresh_from_db()
    assert event.confirmed_seats == 2
