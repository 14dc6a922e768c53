"""HTTP caching of the content API: ETags and cached responses under the content
version (cms/generation_cache.py), and one round trip per request for what it reads.

ETags and cached response bodies carry the version, so a GET can answer 304, or the
body it already serialized, before loading anything, and nothing stale survives a
change (cms/signal_handlers.py moves the version on).
"""

import contextvars
import hashlib
from contextlib import contextmanager

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache

from cms.generation_cache import CONTENT

RESPONSE_TIMEOUT = 3600


# What one request has already read from the cache: the version it started with, and
# the values it fetched in bulk. Everything a request reads then belongs to one
# version, and each key costs one round trip to the cache at most.
_request_cache: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "content_api_request_cache", default=None
)


def content_version() -> str:
    scope = _request_cache.get()
    if scope is None:
        return CONTENT.current()
    if scope["version"] is None:
        scope["version"] = CONTENT.current()
    return scope["version"]


@contextmanager
def request_scope():
    """Read the content version once for everything inside, and keep what
    `fetch` and `get` read from the cache for the rest of the block."""
    token = _request_cache.set({"version": None, "values": {}, "asked": set()})
    try:
        yield content_version()
    finally:
        _request_cache.reset(token)


def is_database_cache() -> bool:
    """Return whether the cache is Django's database cache (no REDIS_URL): there a
    cache read costs a query, as much as loading what it would hold."""
    return isinstance(caches["default"], DatabaseCache)


def fetch(keys) -> None:
    """Read these keys in one round trip, for `get` to answer from memory later
    (outside a request scope, this does nothing)."""
    scope = _request_cache.get()
    if scope is None:
        return
    keys = [key for key in keys if key not in scope["asked"]]
    if keys:
        scope["values"].update(cache.get_many(keys))
        scope["asked"].update(keys)


def get(key):
    """Return the cached value of `key`, or None; fetched keys cost no round trip."""
    scope = _request_cache.get()
    if scope is not None and key in scope["asked"]:
        return scope["values"].get(key)
    return cache.get(key)


def get_many(keys) -> dict:
    """Return the cached values of these keys (missing ones left out), one round
    trip for the keys not fetched yet."""
    scope = _request_cache.get()
    if scope is None:
        return cache.get_many(keys)
    fetch(keys)
    return {key: scope["values"][key] for key in keys if key in scope["values"]}


def set_many(values: dict, timeout: int) -> None:
    if not values:
        return
    cache.set_many(values, timeout)
    scope = _request_cache.get()
    if scope is not None:
        scope["values"].update(values)
        scope["asked"].update(values)


def etag_for(version: str, full_path: str) -> str:
    digest = hashlib.sha256(f"{version}:{full_path}".encode()).hexdigest()[:24]
    return f'"{digest}"'


def response_key(version: str, full_path: str) -> str:
    digest = hashlib.sha256(full_path.encode()).hexdigest()
    return f"content-api:response:{version}:{digest}"
