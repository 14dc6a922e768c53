"""Upgrading keeps editors able to sign in: staff accounts made before verification
applied to every door are marked verified; other accounts are left as they were."""

import importlib

import pytest
from django.apps import apps

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "apps.accounts.migrations.0003_staff_accounts_verified"
)


def test_staff_accounts_are_marked_verified_and_others_are_not():
    editor = UserFactory(is_staff=True, email_verified_at=None)
    admin = UserFactory(is_superuser=True, email_verified_at=None)
    visitor = UserFactory(email_verified_at=None)

    migration.verify_staff(apps, None)

    for user in (editor, admin, visitor):
        user.refresh_from_db()
    assert editor.email_verified and admin.email_verified
    assert not visitor.email_verified
