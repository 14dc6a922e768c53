"""Cache keys for the public event list and detail, invalidated as one generation.

Any change to any event or its availability starts a new generation: one write,
no key enumeration, and stale entries simply expire."""

import hashlib
import uuid

from django.core.cache import cache

GENERATION_KEY = "events:public:generation"
TIMEOUT = 300


def public_key(*parts: str) -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.set(GENERATION_KEY, generation, None)
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"events:public:{generation}:{digest}"


def invalidate_public_events() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def cached(key: str, compute):
    """Return the cached value for `key`, computing and storing it on a miss."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
