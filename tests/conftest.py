"""Shared fixtures."""

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, tmp_path_factory
):
    """On SQLite, keep the test database in a file, so that subprocesses of the
    formation (web, worker, clock) can open the same database as the test."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})
        database["TEST"]["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Start every test with an empty cache. The database cache needs no clearing:
    its rows roll back with each test's transaction (and clearing it would need
    database access that tests without the `db` fixture do not have)."""
    if not isinstance(caches["default"], DatabaseCache):
        cache.clear()


@pytest.fixture
def postgres_only():
    if not on_postgresql():
        pytest.skip("needs PostgreSQL")


@pytest.fixture
def home_page(db):
    """The default site with a published home page, replacing Wagtail's placeholder."""
    from tests.factories import make_site

    return make_site()


# The OpenAPI document describes these; /api/schema/ and /api/docs/ are the document.
DOCUMENTED_API = ("/api/v1/", "/api/content/v1/")


@pytest.fixture(autouse=True)
def _api_responses_match_the_openapi_document(monkeypatch):
    """Every API response any test receives must match the OpenAPI document."""
    from tests.openapi import assert_matches_openapi

    original = Client.request

    def checked(self, **request):
        response = original(self, **request)
        path = request.get("PATH_INFO", "")
        if path.startswith(DOCUMENTED_API):
            assert_matches_openapi(response, request["REQUEST_METHOD"], path)
        return response

    monkeypatch.setattr(Client, "request", checked)
