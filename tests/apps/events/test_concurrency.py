"""Many people booking the last places at the same moment, on PostgreSQL."""

import threading
from functools import partial

import pytest
from django.db import connection
from django.test import Client
from knox.models import AuthToken

from apps.events import services
from apps.events.models import Booking
from tests.factories import EventFactory, UserFactory

THREADS = 60
PLACES = 10


def at_once(calls):
    """Run each call in a thread of its own, all released at the same moment; return
    what each returned or raised, in order. Each thread closes its own connection."""
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(number, call):
        try:
            start.wait()
            outcomes[number] = call()
        except Exception as exc:  # noqa: BLE001 - returned for the test to judge
            outcomes[number] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(number, call))
        for number, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def errors(outcomes):
    return [outcome for outcome in outcomes if isinstance(outcome, Exception)]


@pytest.mark.postgres
def test_simultaneous_bookings_never_exceed_capacity(postgres_only, transactional_db):
    event = EventFactory(capacity=PLACES)
    users = UserFactory.create_batch(THREADS)

    outcomes = at_once(
        [partial(services.booking_create, event=event, user=user) for user in users]
    )

    assert errors(outcomes) == []
    bookings = Booking.objects.filter(event=event)
    assert bookings.count() == THREADS
    assert bookings.filter(status=Booking.Status.CONFIRMED).count() == PLACES
    assert bookings.filter(status=Booking.Status.WAITLISTED).count() == THREADS - PLACES
    assert bookings.values("user").distinct().count() == THREADS
    assert bookings.values("reference").distinct().count() == THREADS
    event.refresh_from_db()
    assert event.confirmed_seats == PLACES


@pytest.mark.postgres
def test_one_person_booking_twice_at_once_gets_one_booking_and_a_refusal(
    postgres_only, transactional_db
):
    event = EventFactory(capacity=PLACES)
    user = UserFactory()
    attempts = 8

    outcomes = at_once(
        [partial(services.booking_create_by_slug, slug=event.slug, user=user)]
        * attempts
    )

    refusals = [o.code for o in outcomes if isinstance(o, services.RuleViolation)]
    assert refusals == ["already_booked"] * (attempts - 1)
    assert len(errors(outcomes)) == attempts - 1  # the refusals, nothing else
    assert Booking.objects.filter(event=event, user=user).count() == 1
    event.refresh_from_db()
    assert event.confirmed_seats == 1


@pytest.mark.postgres
def test_simultaneous_retries_with_one_idempotency_key_book_once_and_replay(
    postgres_only, transactional_db
):
    event = EventFactory(capacity=PLACES)
    _, token = AuthToken.objects.create(user=UserFactory())
    # Warm up first, as a server would be (the tests' OpenAPI check, made lazily,
    # is not thread-safe).
    Client().get("/api/v1/bookings/", headers={"Authorization": f"Token {token}"})
    attempts = 4

    def post():
        return Client().post(
            "/api/v1/bookings/",
            {"event": event.slug},
            content_type="application/json",
            headers={"Authorization": f"Token {token}", "Idempotency-Key": "k"},
        )

    responses = at_once([post] * attempts)

    assert errors(responses) == []
    assert [response.status_code for response in responses] == [201] * attempts
    assert sum("Idempotent-Replayed" in response for response in responses) == (
        attempts - 1
    )
    assert len({response.json()["reference"] for response in responses}) == 1
    assert Booking.objects.filter(event=event).count() == 1


@pytest.mark.postgres
def test_simultaneous_cancellations_promote_each_waitlisted_booking_once(
    postgres_only, transactional_db
):
    event = EventFactory(capacity=5)
    confirmed = [
        services.booking_create(event=event, user=UserFactory()) for _ in range(5)
    ]
    waiting = [
        services.booking_create(event=event, user=UserFactory()) for _ in range(8)
    ]

    outcomes = at_once(
        [partial(services.booking_cancel, booking=booking) for booking in confirmed]
    )

    assert errors(outcomes) == []
    statuses = [Booking.objects.get(pk=b.pk).status for b in waiting]
    assert statuses == ["confirmed"] * 5 + ["waitlisted"] * 3
    event.refresh_from_db()
    assert event.confirmed_seats == 5


@pytest.mark.postgres
def test_simultaneous_retries_with_one_idempotency_key_book_once(
    postgres_only, transactional_db
):
    event = EventFactory(capacity=5)
    user = UserFactory()
    attempts = 8

    clients = [Client() for _ in range(attempts)]
    for client in clients:
        client.force_login(user)

    responses = at_once(
        [
            partial(
                client.post,
                "/api/v1/bookings/",
                {"event": event.slug},
                content_type="application/json",
                headers={"Idempotency-Key": "one-click"},
            )
            for client in clients
        ]
    )

    assert errors(responses) == []
    assert [r.status_code for r in responses] == [201] * attempts
    assert len({r.json()["reference"] for r in responses}) == 1
    assert Booking.objects.filter(event=event).count() == 1
