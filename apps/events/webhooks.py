"""Signed (HMAC-SHA256) webhooks to the CRM, logged as WebhookDelivery rows.

The receiver checks `X-Webhook-Signature: sha256=<hex>`, the HMAC of
`<X-Webhook-Timestamp>.<body>` with the shared secret, and rejects old timestamps."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.events.models import WebhookDelivery

USER_AGENT = "agency-site-webhooks/1"


def sign(*, secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def webhook_send(*, topic: str, payload: dict) -> WebhookDelivery | None:
    """Log a delivery in the current transaction and send it from the worker after
    commit; do nothing when no CRM is configured."""
    if not settings.CRM_WEBHOOK_URL:
        return None
    from apps.events.tasks import deliver_webhook

    delivery = WebhookDelivery.objects.create(
        topic=topic, payload=payload, url=settings.CRM_WEBHOOK_URL
    )
    transaction.on_commit(partial(deliver_webhook.enqueue, delivery.pk))
    return delivery


class DeliveryFailed(Exception):
    """Raised so that the worker retries the delivery later."""


def attempt_delivery(delivery: WebhookDelivery, *, max_attempts: int) -> None:
    """Post the delivery once and log the outcome.

    Raises DeliveryFailed while attempts remain; after the last one the delivery is
    marked failed and nothing is raised, so the worker stops cleanly."""
    if delivery.status != WebhookDelivery.Status.PENDING:
        return  # delivered already, or given up: a duplicate job does nothing
    body = json.dumps(
        {"id": delivery.pk, "topic": delivery.topic, "data": delivery.payload},
        sort_keys=True,
    ).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310  (the URL is ours, from settings)
        delivery.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Webhook-Id": str(delivery.pk),
            "X-Webhook-Topic": delivery.topic,
            "X-Webhook-Timestamp": timestamp,
            "X-Webhook-Signature": sign(
                secret=settings.CRM_WEBHOOK_SECRET, timestamp=timestamp, body=body
            ),
        },
    )
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.CRM_WEBHOOK_TIMEOUT
        ) as response:
            delivery.last_status_code = response.status
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = delivery.last_attempt_at
        delivery.last_error = ""
    except urllib.error.HTTPError as exc:
        delivery.last_status_code = exc.code
        delivery.last_error = f"HTTP {exc.code} {exc.reason}"
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        delivery.last_status_code = None
        delivery.last_error = f"{type(exc).__name__}: {exc}"
    if (
        delivery.status == WebhookDelivery.Status.PENDING
        and delivery.attempts >= max_attempts
    ):
        delivery.status = WebhookDelivery.Status.FAILED
    delivery.save()
    if delivery.status == WebhookDelivery.Status.PENDING:
        raise DeliveryFailed(
            f"Delivery {delivery.pk} attempt {delivery.attempts}: {delivery.last_error}"
        )
