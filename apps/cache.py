"""The one way the project caches what it reads: values under a version key.

Each kind of data has a `Version` (the CMS's content, the public events); every key
of that data holds the version's current value, and a change moves the version on,
so everything cached under the old one goes stale at once (nothing to enumerate or
delete; stale entries expire). `cached` is the one read-through helper.

The cache fails open (config/cache.py): while it is out, reads miss, writes are
dropped, and `Version.current` is new on every call, so nothing is reused and every
value comes from the database; a bump the cache dropped is made again once it is
back.
"""

import contextlib
import uuid

from django.core.cache import cache
from django.db import DatabaseError, transaction

# Seconds a cached value lives at most: what no version sees shows after this long.
TIMEOUT = 300


def _new_value() -> str:
    return uuid.uuid4().hex[:12]


class Version:
    """A version key: its value names the current state of one kind of data."""

    def __init__(self, key: str):
        self.key = key
        # A bump the cache dropped (it was out): made again by this process once the
        # cache answers, or what was cached before the change would be served as
        # current when a frozen server comes back with its data.
        self.dropped = False

    def redo_dropped_bump(self) -> None:
        """Make the bump the cache dropped, if any: before any read of the key."""
        if self.dropped:
            self.bump(again_on_commit=False)

    def current(self) -> str:
        self.redo_dropped_bump()
        value = cache.get(self.key)
        if value is None:
            # Random, never a counter: a cache server restarted empty must not
            # bring an old value back.
            start = _new_value()
            cache.add(self.key, start, timeout=None)
            value = cache.get(self.key, start)
        return value

    def bump(self, *, again_on_commit: bool = True) -> None:
        """Make everything cached under the current value stale: at once (so this
        transaction's own later reads, and tests, see the change) and again on
        commit (so a request that read the old rows in between cannot keep them)."""
        # The backend answers False for a write it dropped (config/cache.py).
        self.dropped = cache.set(self.key, _new_value(), timeout=None) is False
        if again_on_commit:
            transaction.on_commit(lambda: self.bump(again_on_commit=False))


def stale_after_migrate(version: Version):
    """Return a post_migrate receiver that moves `version` on: every release runs
    `migrate`, and what the previous release's code cached (its shapes, its fields)
    is not for the new code to read."""

    def receiver(sender, **kwargs):
        # The database cache's table may not be made yet (a test database gets it
        # after migrate): then nothing is cached, so nothing is stale.
        with contextlib.suppress(DatabaseError):
            version.bump(again_on_commit=False)

    return receiver


def cached(key: str, compute, timeout: int = TIMEOUT):
    """Return the value cached under `key`, or compute and cache it.

    None is never cached (it is computed again): an unknown address must not fill
    the cache."""
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(key, value, timeout)
    return value
