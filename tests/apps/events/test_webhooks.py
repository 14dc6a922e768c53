"""The CRM webhook: signed, retried on failure, and given up cleanly at the end."""

import hashlib
import hmac

import pytest

from apps.events import services
from apps.events.models import WebhookDelivery
from apps.events.tasks import deliver_webhook
from apps.events.webhooks import DeliveryFailed
from apps.jobs.retries import policy_for
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db

ATTEMPTS = policy_for(deliver_webhook.module_path).attempts


def make_delivery(django_capture_on_commit_callbacks) -> WebhookDelivery:
    # Capture without running: the test drives the task attempt by attempt.
    with django_capture_on_commit_callbacks(execute=False):
        services.booking_create(
            event=EventFactory(slug="tour"), user=UserFactory(email="b@example.com")
        )
    return WebhookDelivery.objects.get(topic="booking.created")


def test_nothing_is_logged_or_sent_when_no_crm_is_configured(settings):
    settings.CRM_WEBHOOK_URL = None

    services.booking_create(event=EventFactory(), user=UserFactory())

    assert not WebhookDelivery.objects.exists()


def test_the_webhook_is_sent_after_commit_by_the_worker(
    crm, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_create(event=EventFactory(), user=UserFactory())
        assert crm.requests == []

    assert [r["json"]["topic"] for r in crm.requests] == ["booking.created"]


def test_the_webhook_body_is_signed_with_the_shared_secret(
    crm, settings, django_capture_on_commit_callbacks
):
    delivery = make_delivery(django_capture_on_commit_callbacks)

    deliver_webhook.call(delivery.pk)

    [received] = crm.requests
    headers = received["headers"]
    expected = hmac.new(
        settings.CRM_WEBHOOK_SECRET.encode(),
        headers["X-Webhook-Timestamp"].encode() + b"." + received["body"],
        hashlib.sha256,
    ).hexdigest()
    assert headers["X-Webhook-Signature"] == f"sha256={expected}"
    assert received["json"]["data"]["event"] == "tour"
    assert received["json"]["data"]["email"] == "b@example.com"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200


def test_a_failed_attempt_raises_for_a_retry_and_a_later_one_succeeds(
    crm, django_capture_on_commit_callbacks
):
    delivery = make_delivery(django_capture_on_commit_callbacks)
    crm.statuses = [503, 500]

    for _ in range(2):
        with pytest.raises(DeliveryFailed):
            deliver_webhook.call(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.last_error == "HTTP 500 Internal Server Error"

    deliver_webhook.call(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 3
    assert len(crm.requests) == 3


def test_the_delivery_gives_up_cleanly_after_its_last_attempt(
    crm, django_capture_on_commit_callbacks
):
    delivery = make_delivery(django_capture_on_commit_callbacks)
    crm.statuses = [500] * (ATTEMPTS + 5)

    for _ in range(ATTEMPTS - 1):
        with pytest.raises(DeliveryFailed):
            deliver_webhook.call(delivery.pk)
    deliver_webhook.call(delivery.pk)  # the last attempt: no exception
    deliver_webhook.call(delivery.pk)  # a stray duplicate job sends nothing

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == ATTEMPTS
    assert len(crm.requests) == ATTEMPTS


def test_an_unreachable_crm_counts_as_a_failed_attempt(
    crm, settings, django_capture_on_commit_callbacks
):
    delivery = make_delivery(django_capture_on_commit_callbacks)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(url="http://127.0.0.1:9/")

    with pytest.raises(DeliveryFailed):
        deliver_webhook.call(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.attempts == 1
    assert delivery.last_status_code is None
    assert "refused" in delivery.last_error.lower()


def test_a_delivered_webhook_is_not_sent_again(crm, django_capture_on_commit_callbacks):
    delivery = make_delivery(django_capture_on_commit_callbacks)
    deliver_webhook.call(delivery.pk)

    deliver_webhook.call(delivery.pk)

    assert len(crm.requests) == 1


def test_the_retry_policy_gives_several_attempts():
    assert ATTEMPTS >= 3
