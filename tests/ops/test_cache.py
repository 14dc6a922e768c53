"""The Redis cache backend reuses one client instead of building one per operation."""

import pytest
from django.core.cache import cache, caches

from config.cache import RedisCache


@pytest.fixture
def redis_cache():
    if not isinstance(caches["default"], RedisCache):
        pytest.skip("needs REDIS_URL")
    return caches["default"]


def test_settings_use_the_project_backend_for_redis(settings):
    from config.settings import _cache

    assert _cache("redis://127.0.0.1:6379/0")["BACKEND"] == "config.cache.RedisCache"


def test_one_client_serves_every_operation(redis_cache):
    client = redis_cache._cache.get_client()

    cache.set("reused", 1)
    assert cache.get_many(["reused", "missing"]) == {"reused": 1}
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache._cache.get_client() is client
