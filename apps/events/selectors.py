"""Reads of events and bookings, shared by the API, the event pages and the CMS."""

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from apps.events.models import Booking, Event, EventTranslation, WebhookDelivery


def with_translations(events: QuerySet, through: str = "") -> QuerySet:
    """Return the queryset prefetching its events' translation into the active
    language (Event.localized reads it): one query, and none in the default
    language, whose text is the event's own. What is cached of these events is
    therefore cached per language (apps.events.cache.public_key).

    `through` names the event relation when the rows are not events ("event")."""
    language = get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return events
    return events.prefetch_related(
        Prefetch(
            f"{through}__translations" if through else "translations",
            queryset=EventTranslation.objects.filter(language=language),
        )
    )


def published_events() -> QuerySet[Event]:
    return with_translations(Event.objects.filter(status=Event.Status.PUBLISHED))


def listed_events() -> QuerySet[Event]:
    """Return the public listing: published events that have not ended."""
    return (
        published_events()
        .filter(ends_at__gte=timezone.now())
        .order_by("starts_at", "id")
    )


def upcoming_events(*, limit: int | None = None) -> list[Event]:
    """Return published events that have not ended, soonest first."""
    events = listed_events()
    if limit is not None:
        events = events[:limit]
    return list(events)


def public_events() -> QuerySet[Event]:
    """Return the events anyone may look up: published, or cancelled (their pages
    say so)."""
    return with_translations(
        Event.objects.filter(
            status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED]
        )
    )


def event_by_slug(slug: str) -> Event | None:
    """Return a public event: published, or cancelled (its page says so)."""
    return public_events().filter(slug=slug).order_by().first()


def staff_events() -> QuerySet[Event]:
    """Return every event, latest first, with its translations (staff see them all)."""
    return Event.objects.order_by("-starts_at", "-id").prefetch_related("translations")


def bookings_of(user) -> QuerySet[Booking]:
    bookings = (
        Booking.objects.filter(user=user)
        .select_related("event")
        .order_by("-created_at", "-id")
    )
    return with_translations(bookings, through="event")


def booking_of(user, reference: str) -> Booking | None:
    """Return the user's booking with this reference; None for anyone else's."""
    if not user.is_authenticated:
        return None
    return bookings_of(user).filter(reference=reference.upper()).first()


def active_booking_of(user, event: Event) -> Booking | None:
    if not user.is_authenticated:
        return None
    return (
        Booking.objects.filter(user=user, event=event)
        .exclude(status=Booking.Status.CANCELLED)
        .first()
    )


def event_attendees(event: Event) -> QuerySet[Booking]:
    """Return the event's confirmed then waitlisted bookings, with their people."""
    return (
        Booking.objects.filter(event=event)
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("user")
        .order_by("status", "created_at", "id")
    )


def bookings_due_reminder(*, now, within_hours: int) -> QuerySet[Booking]:
    return (
        Booking.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            status=Booking.Status.CONFIRMED,
            reminded_at__isnull=True,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + dt.timedelta(hours=within_hours),
        )
        .select_related("event", "user")
    )


def webhook_deliveries() -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.order_by("-created_at", "-id")


def bookings_to_release(user) -> QuerySet[Booking]:
    """Return the user's active bookings of events that have not started."""
    return (
        Booking.objects.filter(user=user, event__starts_at__gt=timezone.now())
        .exclude(status=Booking.Status.CANCELLED)
        .order_by("id")
    )
