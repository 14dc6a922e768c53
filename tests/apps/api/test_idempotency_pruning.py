"""Stored Idempotency-Key answers are forgotten once no client would still retry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.api.idempotency import KEY_LIFETIME, prune_idempotency_keys
from apps.api.models import IdempotencyKey
from apps.api.tasks import prune_expired_idempotency_keys
from apps.jobs.schedule import RECURRING_JOBS
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def make_key(user, key, age):
    record = IdempotencyKey.objects.create(user=user, key=key, fingerprint="f" * 64)
    # created_at is auto_now_add: move it back with an update.
    IdempotencyKey.objects.filter(pk=record.pk).update(created_at=timezone.now() - age)


def test_prune_deletes_only_keys_older_than_the_lifetime():
    user = UserFactory()
    make_key(user, "old", KEY_LIFETIME + timedelta(minutes=1))
    make_key(user, "recent", KEY_LIFETIME - timedelta(minutes=1))

    assert prune_idempotency_keys(now=timezone.now()) == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["recent"]


def test_the_task_prunes_and_the_clock_schedules_it():
    make_key(UserFactory(), "old", KEY_LIFETIME * 2)

    assert prune_expired_idempotency_keys.call() == 1
    assert not IdempotencyKey.objects.exists()
    assert "apps.api.tasks.prune_expired_idempotency_keys" in {
        job.task for job in RECURRING_JOBS
    }
