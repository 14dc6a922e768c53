"""Many people booking the last places at the same moment, on PostgreSQL."""

import threading

import pytest
from django.db import connection

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
