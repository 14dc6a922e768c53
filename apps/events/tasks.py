"""Background work for events: emails, reminders and CRM webhooks."""

from django_tasks import task

from apps.events import webhooks
from apps.events.emails import booking_email
from apps.events.models import Booking, WebhookDelivery
from apps.jobs.retries import policy_for, retry


# A mail server hiccup should not lose the message; a resend is a duplicate at worst.
@retry(attempts=3, backoff_seconds=60)
@task(queue_name="email")
def send_booking_email(booking_id: int, kind: str):
    # The email reads the event's text in the attendee's language (Event.localized).
    booking = (
        Booking.objects.select_related("event", "user").filter(pk=booking_id).first()
    )
    if booking is None:
        return  # the account was deleted in the meantime
    booking_email(booking, kind).send()


@task(queue_name="email")
def send_event_reminders():
    from apps.events.services import reminders_send

    return reminders_send()


@retry(attempts=5, backoff_seconds=30)
@task(queue_name="webhooks")
def deliver_webhook(delivery_id: int):
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        return
    webhooks.attempt_delivery(
        delivery, max_attempts=policy_for(deliver_webhook.module_path).attempts
    )
