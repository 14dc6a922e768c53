"""Writes to events and bookings: every booking rule, inside one transaction each.

Every write that touches availability first locks the event row
(select_for_update), so concurrent bookings and cancellations of one event run one
after the other; the database constraints (never overbooked, one active booking per
person) back the rules up. Emails, webhooks and cache invalidation run after commit.
"""

import secrets
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.events import tasks, webhooks
from apps.events.cache import invalidate_public_events
from apps.events.models import Booking, Event, EventTranslation
from apps.events.selectors import bookings_due_reminder, public_events

MAX_SEATS_PER_BOOKING = 10
ONE_ACTIVE_BOOKING = "events_booking_one_active_per_user"
# No 0/O or 1/I/L: references are read out on the phone and typed from paper.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# In the order forms show them (the admin builds its form from this).
EDITABLE_EVENT_FIELDS = (
    "title",
    "slug",
    "summary",
    "description",
    "starts_at",
    "ends_at",
    "venue",
    "online_url",
    "capacity",
    "booking_opens_at",
    "booking_closes_at",
)


class RuleViolation(Exception):
    """A request the rules refuse (a conflict with the event's or booking's state)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def _lock_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _email_after_commit(booking: Booking, kind: str) -> None:
    transaction.on_commit(partial(tasks.send_booking_email.enqueue, booking.pk, kind))


def _availability_changed(event: Event) -> None:
    transaction.on_commit(invalidate_public_events)


def _booking_payload(booking: Booking) -> dict:
    return {
        "reference": booking.reference,
        "status": booking.status,
        "seats": booking.seats,
        "event": booking.event.slug,
        "email": booking.user.email,
    }


def _check_bookable(event: Event, now) -> None:
    if event.status == Event.Status.CANCELLED:
        raise RuleViolation("event_cancelled", _("This event has been cancelled."))
    if event.status != Event.Status.PUBLISHED:
        raise RuleViolation("event_not_published", _("This event is not open yet."))
    if event.booking_opens_at and now < event.booking_opens_at:
        opens = date_format(
            timezone.localtime(event.booking_opens_at), "DATETIME_FORMAT"
        )
        raise RuleViolation(
            "booking_not_open", _("Bookings open on %(opens)s.") % {"opens": opens}
        )
    if now >= event.booking_closes:
        raise RuleViolation("booking_closed", _("Bookings for this event have closed."))


def _promote_waitlist(event: Event, now) -> list[Booking]:
    """Confirm waitlisted bookings, oldest first, while their places fit.

    A booking too big for the places left is skipped, not allowed to block smaller
    ones behind it; it keeps its place for the next cancellation."""
    promoted = []
    if event.status != Event.Status.PUBLISHED:
        return promoted
    waitlist = Booking.objects.select_for_update().filter(
        event=event, status=Booking.Status.WAITLISTED
    )
    for booking in waitlist.order_by("created_at", "id"):
        if event.places_left == 0:
            break
        if booking.seats <= event.places_left:
            booking.status = Booking.Status.CONFIRMED
            booking.confirmed_at = now
            booking.save(update_fields=["status", "confirmed_at", "updated_at"])
            event.confirmed_seats += booking.seats
            promoted.append(booking)
    if promoted:
        event.save(update_fields=["confirmed_seats", "updated_at"])
    return promoted


def _after_promotion(promoted: list[Booking]) -> None:
    for booking in promoted:
        _email_after_commit(booking, "promoted")
        webhooks.webhook_send(
            topic="booking.promoted", payload=_booking_payload(booking)
        )


@transaction.atomic
def booking_create(*, event: Event, user, seats: int = 1) -> Booking:
    """Return a new booking: confirmed if the places are there, else waitlisted."""
    return _book(Event.objects.filter(pk=event.pk), user=user, seats=seats)


@transaction.atomic
def booking_create_by_slug(*, slug: str, user, seats: int = 1) -> Booking:
    """Return a new booking of the public event with this slug (as booking_create).

    The event is read once, locked, in the same query that checks the person has no
    booking of it yet. Raises Event.DoesNotExist if no public event has the slug."""
    return _book(public_events().filter(slug=slug), user=user, seats=seats)


def _book(events: QuerySet[Event], *, user, seats: int) -> Booking:
    if not 1 <= seats <= MAX_SEATS_PER_BOOKING:
        raise ValidationError(
            {
                "seats": _("Book between 1 and %(max)s places.")
                % {"max": MAX_SEATS_PER_BOOKING}
            }
        )
    active = Booking.objects.filter(event=OuterRef("pk"), user=user).exclude(
        status=Booking.Status.CANCELLED
    )
    event = (
        events.select_for_update()
        .annotate(already_booked=Exists(active))
        .order_by()
        .get()
    )
    now = timezone.now()
    _check_bookable(event, now)
    if seats > event.capacity:
        raise ValidationError(
            {
                "seats": _("This event has %(capacity)s places in all.")
                % {"capacity": event.capacity}
            }
        )
    if event.already_booked:
        raise _already_booked()

    confirmed = seats <= event.places_left
    try:
        booking = Booking.objects.create(
            event=event,
            user=user,
            seats=seats,
            status=Booking.Status.CONFIRMED if confirmed else Booking.Status.WAITLISTED,
            confirmed_at=now if confirmed else None,
            reference=_new_reference(),
        )
    except IntegrityError as exc:
        # The same person booking twice at once: the second request waited for the
        # event's lock, but its check above read what was committed before it
        # waited. The constraint refuses the second booking; say why.
        if ONE_ACTIVE_BOOKING in str(exc):
            raise _already_booked() from exc
        raise
    if confirmed:
        event.confirmed_seats += seats
        event.save(update_fields=["confirmed_seats", "updated_at"])
    _email_after_commit(booking, "confirmed" if confirmed else "waitlisted")
    webhooks.webhook_send(topic="booking.created", payload=_booking_payload(booking))
    _availability_changed(event)
    return booking


def _already_booked() -> RuleViolation:
    return RuleViolation(
        "already_booked", _("You already have a booking for this event.")
    )


@transaction.atomic
def booking_cancel(*, booking: Booking) -> Booking:
    """Cancel the booking and give its places to the waitlist, in one transaction."""
    event = _lock_event(booking.event_id)
    booking = (
        Booking.objects.select_for_update().select_related("user").get(pk=booking.pk)
    )
    booking.event = event
    now = timezone.now()
    if booking.status == Booking.Status.CANCELLED:
        raise RuleViolation(
            "already_cancelled", _("This booking is already cancelled.")
        )
    if now >= event.starts_at:
        raise RuleViolation(
            "event_started",
            _("The event has started: the booking can no longer change."),
        )
    was_confirmed = booking.status == Booking.Status.CONFIRMED
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at", "updated_at"])
    if was_confirmed:
        event.confirmed_seats -= booking.seats
        event.save(update_fields=["confirmed_seats", "updated_at"])
    promoted = _promote_waitlist(event, now)
    _email_after_commit(booking, "cancelled")
    webhooks.webhook_send(topic="booking.cancelled", payload=_booking_payload(booking))
    _after_promotion(promoted)
    _availability_changed(event)
    return booking


@transaction.atomic
def event_create(
    *,
    title: str,
    slug: str,
    starts_at,
    ends_at,
    capacity: int,
    translations: list[dict] | None = None,
    **fields,
) -> Event:
    """Return a new draft event (publish it with event_publish), with these
    translations (as event_translations_set) if given."""
    unknown = set(fields) - set(EDITABLE_EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    event = Event(
        title=title,
        slug=slug,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        status=Event.Status.DRAFT,
        **fields,
    )
    event.full_clean()
    event.save()
    if translations is not None:
        event_translations_set(event=event, translations=translations)
    return event


@transaction.atomic
def event_update(
    *, event: Event, translations: list[dict] | None = None, **changes
) -> Event:
    """Apply changes; a larger capacity promotes waitlisted bookings at once. Given
    translations replace the event's (as event_translations_set)."""
    unknown = set(changes) - set(EDITABLE_EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    event = _lock_event(event.pk)
    if event.status == Event.Status.CANCELLED:
        raise RuleViolation("event_cancelled", _("A cancelled event cannot change."))
    for name, value in changes.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    if translations is not None:
        event_translations_set(event=event, translations=translations)
    promoted = _promote_waitlist(event, timezone.now())
    _after_promotion(promoted)
    _availability_changed(event)
    return event


@transaction.atomic
def event_translations_set(
    *, event: Event, translations: list[dict]
) -> list[EventTranslation]:
    """Replace the event's translations with these (each a dict of language, title,
    summary and description); languages the site does not offer are refused."""
    languages = [translation["language"] for translation in translations]
    if len(set(languages)) != len(languages):
        raise ValidationError(
            {"language": _("The event already has a translation into this language.")}
        )
    items = [
        EventTranslation(event=event, **translation) for translation in translations
    ]
    for item in items:
        # Without the constraint checks: the rows they compare with go below.
        item.full_clean(exclude=["event"], validate_constraints=False)
    event.translations.all().delete()
    EventTranslation.objects.bulk_create(items)
    _availability_changed(event)
    return items


@transaction.atomic
def event_publish(*, event: Event) -> Event:
    event = _lock_event(event.pk)
    if event.status == Event.Status.CANCELLED:
        raise RuleViolation(
            "event_cancelled", _("A cancelled event cannot be published.")
        )
    if event.status != Event.Status.PUBLISHED:
        event.status = Event.Status.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
        webhooks.webhook_send(
            topic="event.published", payload={"event": event.slug, "title": event.title}
        )
        _availability_changed(event)
    return event


@transaction.atomic
def event_cancel(*, event: Event) -> Event:
    """Cancel the event and every booking of it, and tell each attendee."""
    event = _lock_event(event.pk)
    if event.status == Event.Status.CANCELLED:
        raise RuleViolation("event_cancelled", _("This event is already cancelled."))
    now = timezone.now()
    attendees = list(
        Booking.objects.select_for_update()
        .filter(event=event)
        .exclude(status=Booking.Status.CANCELLED)
    )
    for booking in attendees:
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.updated_at = now  # bulk_update skips auto_now
    Booking.objects.bulk_update(attendees, ["status", "cancelled_at", "updated_at"])
    event.status = Event.Status.CANCELLED
    event.confirmed_seats = 0
    event.save(update_fields=["status", "confirmed_seats", "updated_at"])
    for booking in attendees:
        _email_after_commit(booking, "event_cancelled")
    webhooks.webhook_send(
        topic="event.cancelled",
        payload={"event": event.slug, "bookings_cancelled": len(attendees)},
    )
    _availability_changed(event)
    return event


@transaction.atomic
def reminders_send(*, now=None, within_hours: int = 24) -> int:
    """Mark confirmed bookings of events starting soon as reminded; email them.

    Returns how many reminders were queued. Each booking is reminded once:
    `reminded_at` is set in the same transaction that queues its email."""
    now = now or timezone.now()
    due = list(bookings_due_reminder(now=now, within_hours=within_hours))
    for booking in due:
        booking.reminded_at = now
        _email_after_commit(booking, "reminder")
    Booking.objects.bulk_update(due, ["reminded_at"])
    return len(due)
