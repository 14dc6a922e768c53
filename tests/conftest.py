"""Shared fixtures."""

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client

# Tests that share something outside their own database run on one pytest-xdist
# worker (`--dist loadgroup`), one after the other. The clock's PostgreSQL advisory lock
# is held server-wide, not per test database: two clocks on two workers would wait
# for each other.
SERIAL_GROUPS = {
    "clock": ("tests/ops/test_clock.py", "tests/ops/test_jobs_clock.py"),
}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        for group, paths in SERIAL_GROUPS.items():
            if item.nodeid.startswith(paths):
                item.add_marker(pytest.mark.xdist_group(group))


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


@pytest.fixture(scope="session", autouse=True)
def _cache_clear_keeps_to_this_worker():
    """Make clearing a Redis cache delete this test process's keys only, not the
    whole database (FLUSHDB) under a test another pytest-xdist worker is running."""
    import redis
    from django.conf import settings
    from django.core.cache.backends.redis import RedisCache

    def clear(cache):
        client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
        with client:
            keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
            if keys:
                client.delete(*keys)
        return True

    from config.cache import RedisCache as ProjectRedisCache

    with pytest.MonkeyPatch.context() as patch:
        # The project's backend wraps Django's clear() at class definition, so both
        # classes need the patch.
        patch.setattr(RedisCache, "clear", clear)
        patch.setattr(ProjectRedisCache, "clear", clear)
        yield


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
