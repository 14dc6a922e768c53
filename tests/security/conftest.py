"""Fixtures for the security probes: fast hashing, small limits."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tight_sign_in_limits(settings):
    settings.SIGN_IN_LIMIT_ACCOUNT = 3
    settings.SIGN_IN_LIMIT_ADDRESS = 6
    settings.SIGN_IN_LOCKOUT_SECONDS = 60


@pytest.fixture
def wsgi_app():
    """The WSGI app as config/wsgi.py composes it (fast path in front of Django)."""
    from django.core.handlers.wsgi import WSGIHandler

    from config.fast_path import FastPath

    return FastPath(WSGIHandler())
