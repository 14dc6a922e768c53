"""Housekeeping for what the API remembers between requests."""

from django.utils import timezone
from django_tasks import task

from apps.api.authentication import prune_expired_tokens
from apps.api.idempotency import prune_idempotency_keys


@task(queue_name="maintenance")
def prune_expired_idempotency_keys() -> int:
    return prune_idempotency_keys(now=timezone.now())


@task(queue_name="maintenance")
def prune_expired_api_tokens() -> int:
    return prune_expired_tokens(now=timezone.now())
