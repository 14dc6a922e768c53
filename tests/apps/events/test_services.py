"""The booking rules, as the services enforce them against the real database."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.events import services
from apps.events.models import Booking, Event
from apps.events.services import RuleViolation
from tests.factories import BookingFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def book(event, seats=1, user=None):
    return services.booking_create(event=event, user=user or UserFactory(), seats=seats)


def refresh(*objects):
    for obj in objects:
        obj.refresh_from_db()


def test_booking_with_places_left_is_confirmed_and_takes_the_places():
    event = EventFactory(capacity=5)

    booking = book(event, seats=3)

    refresh(event)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.confirmed_at is not None
    assert event.confirmed_seats == 3
    assert event.places_left == 2
    assert len(booking.reference) == 8


def test_booking_more_places_than_are_left_joins_the_waitlist():
    event = EventFactory(capacity=5)
    book(event, seats=4)

    booking = book(event, seats=2)

    refresh(event)
    assert booking.status == Booking.Status.WAITLISTED
    assert event.confirmed_seats == 4


def test_a_full_event_puts_every_further_booking_on_the_waitlist():
    event = EventFactory(capacity=2)
    statuses = [book(event).status for _ in range(4)]

    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]


def test_one_person_cannot_hold_two_active_bookings_for_one_event():
    event = EventFactory(capacity=5)
    user = UserFactory()
    book(event, user=user)

    with pytest.raises(RuleViolation) as refused:
        book(event, user=user)

    assert refused.value.code == "already_booked"


def test_a_waitlisted_booking_also_counts_as_the_active_booking():
    event = EventFactory(capacity=1)
    book(event)
    user = UserFactory()
    book(event, user=user)

    with pytest.raises(RuleViolation, match="already have a booking"):
        book(event, user=user)


def test_after_cancelling_a_person_can_book_the_event_again():
    event = EventFactory(capacity=5)
    user = UserFactory()
    services.booking_cancel(booking=book(event, user=user))

    again = book(event, user=user)

    assert again.status == Booking.Status.CONFIRMED


def test_the_database_refuses_a_second_active_booking_even_without_the_service():
    booking = BookingFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(event=booking.event, user=booking.user)


def test_the_database_refuses_more_confirmed_places_than_capacity():
    event = EventFactory(capacity=2)

    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(confirmed_seats=3)


def test_booking_before_the_window_opens_is_refused():
    event = EventFactory(booking_opens_at=timezone.now() + dt.timedelta(days=1))

    with pytest.raises(RuleViolation) as refused:
        book(event)

    assert refused.value.code == "booking_not_open"
    assert "Bookings open on" in refused.value.message


def test_booking_after_the_window_closes_is_refused():
    event = EventFactory(booking_closes_at=timezone.now() - dt.timedelta(minutes=1))

    with pytest.raises(RuleViolation) as refused:
        book(event)

    assert refused.value.code == "booking_closed"


def test_without_a_closing_time_bookings_close_when_the_event_starts():
    start = timezone.now() - dt.timedelta(minutes=5)
    event = EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))

    with pytest.raises(RuleViolation, match="closed"):
        book(event)


def test_booking_inside_the_window_is_accepted():
    now = timezone.now()
    event = EventFactory(
        booking_opens_at=now - dt.timedelta(days=1),
        booking_closes_at=now + dt.timedelta(days=1),
    )

    assert book(event).status == Booking.Status.CONFIRMED


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (Event.Status.CANCELLED, "event_cancelled"),
        (Event.Status.DRAFT, "event_not_published"),
    ],
)
def test_cancelled_and_draft_events_cannot_be_booked(status, code):
    event = EventFactory(status=status)

    with pytest.raises(RuleViolation) as refused:
        book(event)

    assert refused.value.code == code
    assert not Booking.objects.exists()


@pytest.mark.parametrize("seats", [0, -1, services.MAX_SEATS_PER_BOOKING + 1])
def test_seat_counts_outside_the_allowed_range_are_invalid(seats):
    with pytest.raises(ValidationError) as invalid:
        book(EventFactory(capacity=50), seats=seats)

    assert "seats" in invalid.value.message_dict


def test_more_seats_than_the_whole_event_holds_are_invalid_not_waitlisted():
    with pytest.raises(ValidationError, match="3 places in all"):
        book(EventFactory(capacity=3), seats=4)


def test_cancelling_a_confirmed_booking_frees_its_places():
    event = EventFactory(capacity=5)
    booking = book(event, seats=2)

    services.booking_cancel(booking=booking)

    refresh(event, booking)
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancelled_at is not None
    assert event.confirmed_seats == 0


def test_cancelling_promotes_the_first_waitlisted_booking():
    event = EventFactory(capacity=1)
    first = book(event)
    second = book(event)
    third = book(event)

    services.booking_cancel(booking=first)

    refresh(event, second, third)
    assert second.status == Booking.Status.CONFIRMED
    assert second.confirmed_at is not None
    assert third.status == Booking.Status.WAITLISTED
    assert event.confirmed_seats == 1


def test_promotion_skips_a_booking_too_big_for_the_freed_places():
    event = EventFactory(capacity=3)
    leaving = book(event, seats=1)
    book(event, seats=2)
    too_big = book(event, seats=3)
    fits = book(event, seats=1)

    services.booking_cancel(booking=leaving)

    refresh(event, too_big, fits)
    assert too_big.status == Booking.Status.WAITLISTED
    assert fits.status == Booking.Status.CONFIRMED
    assert event.confirmed_seats == 3


def test_cancelling_a_waitlisted_booking_promotes_nobody():
    event = EventFactory(capacity=1)
    book(event)
    waiting = book(event)
    behind = book(event)

    services.booking_cancel(booking=waiting)

    refresh(event, behind)
    assert behind.status == Booking.Status.WAITLISTED
    assert event.confirmed_seats == 1


def test_a_booking_cannot_be_cancelled_twice():
    booking = book(EventFactory())
    services.booking_cancel(booking=booking)

    with pytest.raises(RuleViolation) as refused:
        services.booking_cancel(booking=booking)

    assert refused.value.code == "already_cancelled"


def test_a_booking_cannot_be_cancelled_once_the_event_has_started():
    booking = book(EventFactory())
    Event.objects.filter(pk=booking.event_id).update(
        starts_at=timezone.now() - dt.timedelta(minutes=1)
    )

    with pytest.raises(RuleViolation, match="started"):
        services.booking_cancel(booking=booking)


def test_raising_capacity_promotes_waitlisted_bookings():
    event = EventFactory(capacity=1)
    book(event)
    waiting = book(event)

    services.event_update(event=event, capacity=2)

    refresh(waiting, event)
    assert waiting.status == Booking.Status.CONFIRMED
    assert event.confirmed_seats == 2


def test_capacity_cannot_drop_below_the_places_already_booked():
    event = EventFactory(capacity=3)
    book(event, seats=2)

    with pytest.raises(ValidationError) as invalid:
        services.event_update(event=event, capacity=1)

    assert "capacity" in invalid.value.message_dict


def test_new_events_are_drafts_until_published():
    start = timezone.now() + dt.timedelta(days=3)
    event = services.event_create(
        title="Launch",
        slug="launch",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=20,
    )
    assert event.status == Event.Status.DRAFT

    services.event_publish(event=event)

    refresh(event)
    assert event.status == Event.Status.PUBLISHED


def test_an_event_cannot_end_before_it_starts():
    start = timezone.now() + dt.timedelta(days=3)

    with pytest.raises(ValidationError) as invalid:
        services.event_create(
            title="Backwards",
            slug="backwards",
            starts_at=start,
            ends_at=start - dt.timedelta(hours=1),
            capacity=5,
        )

    assert "ends_at" in invalid.value.message_dict


def test_cancelling_an_event_cancels_every_booking_and_frees_the_places():
    event = EventFactory(capacity=1)
    bookings = [book(event), book(event)]

    services.event_cancel(event=event)

    refresh(event, *bookings)
    assert event.status == Event.Status.CANCELLED
    assert event.confirmed_seats == 0
    assert {b.status for b in bookings} == {Booking.Status.CANCELLED}


def test_a_cancelled_event_cannot_be_published_again_or_edited():
    event = EventFactory()
    services.event_cancel(event=event)

    with pytest.raises(RuleViolation):
        services.event_publish(event=event)
    with pytest.raises(RuleViolation):
        services.event_update(event=event, title="Back on")


def test_reminders_go_once_to_confirmed_bookings_of_events_starting_soon():
    now = timezone.now()
    soon = EventFactory(starts_at=now + dt.timedelta(hours=5), capacity=1)
    later = EventFactory(starts_at=now + dt.timedelta(days=5))
    confirmed = book(soon)
    book(soon)  # waitlisted: no reminder
    book(later)

    assert services.reminders_send(now=now) == 1
    assert services.reminders_send(now=now) == 0

    refresh(confirmed)
    assert confirmed.reminded_at == now
