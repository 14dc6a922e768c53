"""Cache keys for the public event list and detail, stale as one version.

Any change to any event or its availability moves the version on: one write, no
key enumeration, and stale entries simply expire (apps/cache.py)."""

import hashlib

from django.utils.translation import get_language

from apps.cache import Version, cached

__all__ = ["cached", "invalidate_public_events", "public_key"]

PUBLIC_EVENTS = Version("events:public:version")


def public_key(*parts: str) -> str:
    """Return the key of a public value in the active language: events are read with
    their text in that language (selectors.with_translations)."""
    text = "\n".join([get_language() or "", *parts])
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"events:public:{PUBLIC_EVENTS.current()}:{digest}"


def invalidate_public_events() -> None:
    PUBLIC_EVENTS.bump()
