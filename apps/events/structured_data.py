"""schema.org Event data (JSON-LD) for event pages, read by search engines."""

import json

from django.conf import settings
from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

from apps.events.models import Event

EVENT_STATUS = {
    Event.Status.PUBLISHED: "https://schema.org/EventScheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
}


def event_json_ld(event: Event) -> SafeString:
    """Return the event as JSON-LD, escaped to sit safely inside a <script>."""
    url = settings.BASE_URL + event.get_absolute_url()
    text = event.localized
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": text.title,
        "description": text.summary or text.title,
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": EVENT_STATUS.get(
            event.status, EVENT_STATUS[Event.Status.PUBLISHED]
        ),
        "url": url,
    }
    if event.venue:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        data["location"] = {
            "@type": "Place",
            "name": event.venue,
            "address": event.venue,
        }
    else:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        data["location"] = {"@type": "VirtualLocation", "url": url}
    if event.status == Event.Status.PUBLISHED:
        data["offers"] = {
            "@type": "Offer",
            "url": url,
            "price": "0",
            "priceCurrency": "EUR",
            "availability": "https://schema.org/InStock"
            if event.places_left
            else "https://schema.org/SoldOut",
        }
    return mark_safe(json.dumps(data).translate(_json_script_escapes))  # noqa: S308
