"""Django's Redis cache backend, failing open, with one Redis client per pool.

The cache is an accelerator, never a dependency: when Redis is down or hangs, every
operation answers as a miss (get: the default, get_many: {}, add/set/delete: False,
incr: ValueError as for a missing key), so pages, both APIs and the throttles carry
on from the database with no guard of their own. Each operation waits at most the
socket timeouts of OPTIONS (CACHE_TIMEOUT_MS); after a failure the server is left
alone for RETRY_SECONDS, so a request pays that timeout at most once, and the outage
is logged once when it starts and once when it ends, not once per request.

Django's backend also builds a new `redis.Redis` object for every cache operation;
with redis-py 8 that costs about 0.1-0.2 ms of CPU each time, more than the round trip
itself. A client is thread-safe (each command takes a connection from the pool), so
one per pool serves every thread; the pools are Django's, unchanged."""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Seconds a failed server is left alone before an operation tries it again.
RETRY_SECONDS = 5.0
# redis-py raises these for refused, dropped and timed-out connections alike.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


class Availability:
    """Whether one cache server answers, shared by every thread of the process."""

    def __init__(self, server: str):
        self.server = server
        self.retry_at = 0.0  # while in the future, the server is not asked
        self.down = False
        self._lock = threading.Lock()

    def skipped(self) -> bool:
        return self.retry_at > time.monotonic()

    def failed(self, error: Exception) -> None:
        with self._lock:
            self.retry_at = time.monotonic() + RETRY_SECONDS
            first, self.down = not self.down, True
        if first:
            logger.warning(
                "Cache unavailable (%s: %s); answering from the database, retrying "
                "every %.0f s",
                type(error).__name__,
                error,
                RETRY_SECONDS,
            )

    def answered(self) -> None:
        if self.down:
            with self._lock:
                recovered, self.down = self.down, False
            if recovered:
                logger.warning("Cache available again")


_availability: dict[str, Availability] = {}
_availability_lock = threading.Lock()


def availability_of(server: str) -> Availability:
    with _availability_lock:
        return _availability.setdefault(server, Availability(server))


def fails_open(miss):
    """Answer `miss(*args, **kwargs)` instead of raising while the server is out."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            availability = self.availability
            if availability.skipped():
                return miss(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                availability.failed(error)
                return miss(*args, **kwargs)
            availability.answered()
            return result

        return wrapper

    return decorate


def _default(key, default=None, version=None):
    return default


def _not_found(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found.")


def _not_stored(data, *args, **kwargs):
    return list(data)


def _false(*args, **kwargs):
    return False


def _nothing(*args, **kwargs):
    return {}


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self.availability = availability_of(server)

    get = fails_open(_default)(DjangoRedisCache.get)
    get_many = fails_open(_nothing)(DjangoRedisCache.get_many)
    has_key = fails_open(_false)(DjangoRedisCache.has_key)
    add = fails_open(_false)(DjangoRedisCache.add)
    set = fails_open(_false)(DjangoRedisCache.set)
    set_many = fails_open(_not_stored)(DjangoRedisCache.set_many)
    touch = fails_open(_false)(DjangoRedisCache.touch)
    incr = fails_open(_not_found)(DjangoRedisCache.incr)
    delete = fails_open(_false)(DjangoRedisCache.delete)
    delete_many = fails_open(_false)(DjangoRedisCache.delete_many)
    clear = fails_open(_false)(DjangoRedisCache.clear)
