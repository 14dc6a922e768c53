"""iCalendar (.ics) documents for events, attached to emails and linked from pages."""

from django.conf import settings

from apps.events.models import Event

PRODUCT_ID = "-//Agency Site//Events//EN"


def event_ics(event: Event) -> bytes:
    """Return a one-event calendar; its UID stays the same when the event changes."""
    # Imported here: icalendar costs each web process about 3 MiB (issue 7), and
    # most never serve a calendar file (the worker sends the emails that attach one).
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    host = settings.BASE_URL.split("://", 1)[-1]
    entry.add("uid", f"event-{event.pk}@{host}")
    text = event.localized
    entry.add("summary", text.title)
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("dtstamp", event.updated_at)
    entry.add("url", settings.BASE_URL + event.get_absolute_url())
    if event.venue:
        entry.add("location", event.venue)
    if text.summary:
        entry.add("description", text.summary)
    if event.status == Event.Status.CANCELLED:
        entry.add("status", "CANCELLED")
    calendar.add_component(entry)
    return calendar.to_ical()
