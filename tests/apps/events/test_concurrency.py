"""Many people booking the last places at the same moment, on PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.test import Client
from knox.models import AuthToken

from apps.events import services
from apps.events.models import Booking
from tests.factories import EventFactory, UserFactory

THREADS = 60
PLACES = 10


@pytest.mark.postgres
def test_simultaneous_bookings_never_exceed_capacity(postgres_only, transactional_db):
    event = EventFactory(capacity=PLACES)
    users = UserFactory.create_batch(THREADS)
    start = threading.Barrier(THREADS)
    errors = []

    def book(user):
        try:
            start.wait()
            services.booking_create(event=event, user=user)
        except Exception as exc:  # noqa: BLE001  (every error is a failure here)
            errors.append(exc)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=book, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
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
    start = threading.Barrier(attempts)
    refusals, errors = [], []

    def book():
        try:
            start.wait()
            services.booking_create_by_slug(slug=event.slug, user=user)
        except services.RuleViolation as exc:
            refusals.append(exc.code)
        except Exception as exc:  # noqa: BLE001  (any other error is a failure)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=book) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert refusals == ["already_booked"] * (attempts - 1)
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
    start = threading.Barrier(attempts)
    responses, errors = [], []

    def post():
        try:
            start.wait()
            responses.append(
                Client().post(
                    "/api/v1/bookings/",
                    {"event": event.slug},
                    content_type="application/json",
                    headers={"Authorization": f"Token {token}", "Idempotency-Key": "k"},
                )
            )
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
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
    start = threading.Barrier(len(confirmed))
    errors = []

    def cancel(booking):
        try:
            start.wait()
            services.booking_cancel(booking=booking)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(b,)) for b in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = [Booking.objects.get(pk=b.pk).status for b in waiting]
    assert statuses == ["confirmed"] * 5 + ["waitlisted"] * 3
    event.refresh_from_db()
    assert event.confirmed_seats == 5


@pytest.mark.postgres
def test_simultaneous_retries_with_one_idempotency_key_book_once(
    postgres_only, transactional_db
):
    from django.test import Client

    event = EventFactory(capacity=5)
    user = UserFactory()
    attempts = 8
    start = threading.Barrier(attempts)
    responses = []

    def retry():
        try:
            client = Client()
            client.force_login(user)
            start.wait()
            responses.append(
                client.post(
                    "/api/v1/bookings/",
                    {"event": event.slug},
                    content_type="application/json",
                    headers={"Idempotency-Key": "one-click"},
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=retry) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [r.status_code for r in responses] == [201] * attempts
    assert len({r.json()["reference"] for r in responses}) == 1
    assert Booking.objects.filter(event=event).count() == 1
