"""The emails attendees receive about their bookings."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from apps.events.calendar import event_ics
from apps.events.models import Booking

SUBJECTS = {
    "confirmed": _("Your place at {event} is confirmed"),
    "waitlisted": _("You are on the waitlist for {event}"),
    "promoted": _("Good news: a place at {event} is yours"),
    "cancelled": _("Your booking for {event} is cancelled"),
    "event_cancelled": _("{event} has been cancelled"),
    "reminder": _("Reminder: {event} starts soon"),
}
# Kinds that give the attendee a place, so they get the calendar entry with them.
WITH_CALENDAR = {"confirmed", "promoted", "reminder"}


def booking_email(booking: Booking, kind: str) -> EmailMessage:
    """Return the email about the booking, in the attendee's language."""
    with translation.override(booking.user.email_language):
        return _booking_email(booking, kind)


def _booking_email(booking: Booking, kind: str) -> EmailMessage:
    event = booking.event
    context = {
        "booking": booking,
        "event": event,
        "event_url": settings.BASE_URL + event.get_absolute_url(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    message = EmailMessage(
        subject=SUBJECTS[kind].format(event=event.localized.title),
        body=render_to_string(f"events/emails/{kind}.txt", context),
        to=[booking.user.email],
    )
    if kind in WITH_CALENDAR:
        message.attach(f"{event.slug}.ics", event_ics(event), "text/calendar")
    return message
