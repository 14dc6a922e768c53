"""Reads of events, shared by the API, the event pages and the CMS live-data block."""

from django.db.models import QuerySet
from django.utils import timezone

from apps.events.models import Event


def published_events() -> QuerySet[Event]:
    return Event.objects.filter(status=Event.Status.PUBLISHED)


def upcoming_events(*, limit: int | None = None) -> list[Event]:
    """Return published events that have not ended, soonest first."""
    events = (
        published_events().filter(ends_at__gte=timezone.now()).order_by("starts_at")
    )
    if limit is not None:
        events = events[:limit]
    return list(events)


def event_by_slug(slug: str) -> Event | None:
    return published_events().filter(slug=slug).first()
