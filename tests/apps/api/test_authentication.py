"""API tokens: an expired one is refused and deleted when presented; the others of
the same person are left to the daily prune, not read on every request."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from apps.api.authentication import prune_expired_tokens
from apps.api.tasks import prune_expired_api_tokens
from apps.jobs.schedule import RECURRING_JOBS
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

EXPIRED = -dt.timedelta(seconds=1)


def me(token):
    return Client().get("/api/v1/accounts/me/", HTTP_AUTHORIZATION=f"Token {token}")


def test_an_expired_token_is_refused_and_deleted_when_presented():
    expired, token = AuthToken.objects.create(user=UserFactory(), expiry=EXPIRED)

    assert me(token).status_code == 401
    assert not AuthToken.objects.filter(pk=expired.pk).exists()


def test_a_valid_token_works_and_leaves_the_persons_expired_tokens_to_the_prune():
    user = UserFactory()
    _, token = AuthToken.objects.create(user=user)
    expired, _ = AuthToken.objects.create(user=user, expiry=EXPIRED)

    assert me(token).json()["email"] == user.email
    assert AuthToken.objects.filter(pk=expired.pk).exists()

    assert prune_expired_tokens(now=timezone.now()) == 1
    assert AuthToken.objects.filter(user=user).count() == 1
    assert not AuthToken.objects.filter(pk=expired.pk).exists()
    assert me(token).status_code == 200


def test_the_task_prunes_expired_tokens_and_the_clock_schedules_it():
    kept, _ = AuthToken.objects.create(user=UserFactory())
    never, _ = AuthToken.objects.create(user=UserFactory(), expiry=None)
    AuthToken.objects.create(user=UserFactory(), expiry=EXPIRED)

    assert prune_expired_api_tokens.call() == 1
    assert set(AuthToken.objects.values_list("pk", flat=True)) == {kept.pk, never.pk}
    assert "apps.api.tasks.prune_expired_api_tokens" in {
        job.task for job in RECURRING_JOBS
    }
