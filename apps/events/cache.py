"""Cache keys for the public event list and detail, stale as one version.

Any change to any event or its availability moves the version on: one write, no
key enumeration, and stale entries simply expire (apps/cache.py)."""

import hashlib

from apps.cache import Version, cached

__all__ = ["cached", "invalidate_public_events", "public_key"]

PUBLIC_EVENTS = Version("events:public:version")


def public_key(*parts: str) -> str:
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"events:public:{PUBLIC_EVENTS.current()}:{digest}"


def invalidate_public_events() -> None:
    PUBLIC_EVENTS.bump()
