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
from tests.cms.i18n import ENGLISH_AND_GERMAN, languages
from tests.factories import EventFactory, EventTranslationFactory, UserFactory

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


ONE_LANGUAGE = [("en", "English")]


@pytest.mark.parametrize(
    ("site_languages", "headers", "budget"),
    [
        (ONE_LANGUAGE, {}, BOOKING + EMAIL_JOB),
        (
            ONE_LANGUAGE,
            {"Idempotency-Key": "k-1"},
            BOOKING + EMAIL_JOB + IDEMPOTENCY_KEY,
        ),
        # The site's second language costs its first nothing: the event's
        # translations are not read.
        (ENGLISH_AND_GERMAN, {"Accept-Language": "en"}, BOOKING + EMAIL_JOB),
        # In the second, the event's title in the answer is read in it: one more.
        (ENGLISH_AND_GERMAN, {"Accept-Language": "de"}, BOOKING + EMAIL_JOB + 1),
    ],
)
def test_booking_with_a_token_stays_within_its_query_budget(
    client, django_assert_max_num_queries, site_languages, headers, budget
):
    with languages(site_languages):
        book_within_budget(client, django_assert_max_num_queries, headers, budget)


def book_within_budget(client, django_assert_max_num_queries, headers, budget):
    event = EventFactory(capacity=10)
    EventTranslationFactory(event=event, language="de", title="Gartenführung")
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
    german = headers.get("Accept-Language") == "de"
    assert (response.json()["event"]["title"] == "Gartenführung") is german
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
