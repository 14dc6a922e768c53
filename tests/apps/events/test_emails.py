"""Attendees get one email per change, sent by the worker after the commit."""

import re

import pytest
from django.core import mail

from apps.events import services
from tests.factories import EventFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def test_confirmation_is_sent_once_after_commit_with_a_calendar_attachment(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(title="Garden tour", venue="The Old Garden", capacity=3)
    user = UserFactory(email="ada@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_create(event=event, user=user, seats=2)
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.com"]
    assert message.subject == "Your place at Garden tour is confirmed"
    assert booking.reference in message.body
    assert "The Old Garden" in message.body
    assert "Places: 2" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename == f"{event.slug}.ics"
    assert mimetype == "text/calendar"
    ics = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in ics
    assert "SUMMARY:Garden tour" in ics
    assert event.starts_at.strftime("DTSTART:%Y%m%dT%H%M%SZ") in ics


def test_no_email_leaves_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    from django.db import transaction

    event = EventFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.booking_create(event=event, user=UserFactory())
        raise RuntimeError("the request failed after booking")

    assert callbacks == []
    assert mail.outbox == []


def test_a_waitlisted_booking_is_told_so_without_a_calendar_entry(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    services.booking_create(event=event, user=UserFactory())
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_create(event=event, user=UserFactory())

    [message] = mail.outbox
    assert "waitlist" in message.subject
    assert message.attachments == []


def test_cancelling_emails_the_canceller_and_the_promoted_attendee(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(title="Workshop", capacity=1)
    leaving = services.booking_create(
        event=event, user=UserFactory(email="leaving@example.com")
    )
    services.booking_create(event=event, user=UserFactory(email="waiting@example.com"))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=leaving)

    sent = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    assert sent["leaving@example.com"].subject == (
        "Your booking for Workshop is cancelled"
    )
    promoted = sent["waiting@example.com"]
    assert promoted.subject == "Good news: a place at Workshop is yours"
    assert promoted.attachments[0][0].endswith(".ics")


def test_cancelling_an_event_emails_every_attendee_once(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(title="Concert", capacity=1)
    emails = ["a@example.com", "b@example.com"]
    for email in emails:
        services.booking_create(event=event, user=UserFactory(email=email))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event)

    assert sorted(m.to[0] for m in mail.outbox) == emails
    assert all(m.subject == "Concert has been cancelled" for m in mail.outbox)


def test_reminders_are_emailed_with_the_calendar_entry(
    django_capture_on_commit_callbacks,
):
    import datetime as dt

    from django.utils import timezone

    event = EventFactory(starts_at=timezone.now() + dt.timedelta(hours=3))
    services.booking_create(event=event, user=UserFactory(email="r@example.com"))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send()

    [message] = mail.outbox
    assert message.subject.startswith("Reminder:")
    assert message.attachments[0][2] == "text/calendar"


def test_email_tasks_are_retried_when_the_mail_server_fails():
    from apps.accounts.tasks import send_account_email
    from apps.events.tasks import send_booking_email
    from apps.jobs.retries import policy_for

    for email_task in (send_booking_email, send_account_email):
        assert policy_for(email_task.module_path).attempts == 3


def test_email_links_and_calendar_entry_are_the_event_page_s(
    client, settings, django_capture_on_commit_callbacks
):
    # The worker sends the email, the web serves the page: one BASE_URL for both, so
    # the link works and a calendar does not get the event twice.
    settings.BASE_URL = "http://127.0.0.1:8100"
    event = EventFactory(title="Garden tour")

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_create(event=event, user=UserFactory())

    message = mail.outbox[0]
    assert f"http://127.0.0.1:8100{event.get_absolute_url()}" in message.body
    [(_, attached, _)] = message.attachments
    served = client.get(f"/events/{event.slug}/event.ics").content
    uid = re.compile(r"^UID:(.*)$", re.M)
    attached = attached.decode() if isinstance(attached, bytes) else attached
    assert uid.search(attached)[1] == uid.search(served.decode())[1]
    assert uid.search(attached)[1].strip() == f"event-{event.pk}@127.0.0.1:8100"
