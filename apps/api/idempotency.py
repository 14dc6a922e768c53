"""Idempotency-Key: a retried request creates nothing new and gets the first answer."""

import hashlib
import json
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.api.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
# How long a key is remembered: a client retries within minutes, not days (the
# same window as Stripe's). Older keys are pruned daily by the clock.
KEY_LIFETIME = timedelta(hours=24)


class KeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = gettext_lazy(
        "This Idempotency-Key was already used for a different request; "
        "use a new key for a new request."
    )
    default_code = "idempotency_key_reused"


def _fingerprint(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str)
    return hashlib.sha256(
        f"{request.method} {request.path}\n{body}".encode()
    ).hexdigest()


def _replay(record: IdempotencyKey, fingerprint: str) -> Response:
    if record.fingerprint != fingerprint:
        raise KeyReused()
    return Response(
        record.body, status=record.status_code, headers={REPLAYED_HEADER: "true"}
    )


def idempotent(request, handler) -> Response:
    """Run `handler()` once per (user, Idempotency-Key); replay its answer after.

    The key is claimed in the same transaction as the handler's writes: a concurrent
    retry waits on the unique constraint until the first commits, then replays it;
    if the first fails, nothing is stored and the retry runs afresh."""
    key = request.headers.get(HEADER)
    if key is None or not request.user.is_authenticated:
        return handler()
    key = key.strip()
    if not key or len(key) > 255:
        raise exceptions.ValidationError(
            {HEADER: [_("Send between 1 and 255 characters, for example a UUID.")]}
        )
    fingerprint = _fingerprint(request)
    with transaction.atomic():
        try:
            # No savepoint: if the key is taken, nothing else has run in this
            # transaction; the error marks it for rollback and the answer is replayed
            # after it, from a fresh read.
            with transaction.atomic(savepoint=False):
                record = IdempotencyKey.objects.create(
                    user=request.user, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            record = None
        if record is not None:
            response = handler()
            record.status_code = response.status_code
            # Stored as the client saw it: plain JSON, not Python objects.
            record.body = json.loads(JSONRenderer().render(response.data) or b"null")
            record.save(update_fields=["status_code", "body"])
            return response
    return _replay(IdempotencyKey.objects.get(user=request.user, key=key), fingerprint)


def prune_idempotency_keys(*, now: datetime) -> int:
    """Forget keys older than KEY_LIFETIME; return how many were deleted."""
    deleted, _ = IdempotencyKey.objects.filter(
        created_at__lt=now - KEY_LIFETIME
    ).delete()
    return deleted
