"""The Redis cache backend reuses one client instead of building one per operation,
and fails open: an unreachable server answers every operation as a miss."""

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


def test_an_unreachable_server_answers_every_operation_as_a_miss(caplog, monkeypatch):
    from config import cache as cache_backend
    from tests.ops.processes import free_port

    monkeypatch.setattr(cache_backend, "_availability", {})
    backend = RedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    )

    with caplog.at_level("WARNING", logger="config.cache"):
        assert backend.get("key", "default") == "default"
        assert backend.get_many(["key"]) == {}
        assert backend.get_or_set("key", "computed") == "computed"
        assert backend.has_key("key") is False
        assert backend.add("key", 1) is False
        assert backend.set("key", 1) is False
        assert backend.set_many({"key": 1}) == ["key"]
        assert backend.delete("key") is False
        with pytest.raises(ValueError, match="not found"):
            backend.incr("key")  # as for a missing key, which callers handle

    assert len(caplog.records) == 1  # the outage, once


def test_the_socket_timeouts_come_from_cache_timeout_ms():
    from config.settings import CACHE_TIMEOUT_SECONDS, _cache

    options = _cache("redis://127.0.0.1:6379/0")["OPTIONS"]

    assert CACHE_TIMEOUT_SECONDS < 1
    assert options["socket_timeout"] == options["socket_connect_timeout"]
    assert options["socket_timeout"] == CACHE_TIMEOUT_SECONDS
