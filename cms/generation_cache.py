"""What rendering a page reads from the database, kept in the cache until the site
changes: the routed pages, the site, its menus and settings, what a page's blocks
refer to, an article's authors, tags and related articles.

Every key starts with the page-cache generation (cms/page_cache.py), which the
signal handlers bump whenever a page, a view restriction, a snippet pages show or a
site is published, saved or deleted (cms/signal_handlers.py), and with the chrome
version, bumped whenever a menu, one of its items or the settings are saved at all.
Both are read once per request, in one round trip (`prefix`). So a page renders from
data read once per change, with no SQL, while the page cache (whole responses) is
off or cannot answer: for editors, for query strings it does not cache, after a
publish. A cache outage only costs the queries.

Values expire after TIMEOUT anyway: what no signal sees (a document renamed, an
image's alt text edited) shows after at most that long, as with the page cache."""

import logging
import pickle
import threading
import time
import uuid

from django.core.cache import cache

from cms.page_cache import GENERATION_KEY, generation

logger = logging.getLogger(__name__)

TIMEOUT = 300
VERSION_KEY = "cms:chrome:version"


class _ProcessMemo:
    """The last values read, kept in this process as pickled bytes (each request
    unpickles its own copy, so requests never share objects), for SECONDS. Safe
    because every key holds the generation and version that each request reads
    afresh: after a change no request asks for the old keys."""

    MAX_ENTRIES = 128
    # Short next to TIMEOUT: what no signal sees shows at most this much later here.
    SECONDS = 60

    def __init__(self):
        self._entries: dict[str, tuple[float, bytes]] = {}
        self._lock = threading.Lock()

    def get(self, key: str):
        entry = self._entries.get(key)
        if entry is None or entry[0] < time.monotonic():
            return None
        return pickle.loads(entry[1])  # noqa: S301 - bytes this process pickled

    def set(self, key: str, value) -> None:
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self._lock:
            if len(self._entries) >= self.MAX_ENTRIES:
                self._entries.clear()  # old generations: simplest to drop them all
            self._entries[key] = (time.monotonic() + self.SECONDS, blob)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


memo = _ProcessMemo()


def cached(key: str, compute):
    """Return the value cached under `key` (in this process, else in the cache),
    or compute and cache it (None is never cached: it is computed again)."""
    value = memo.get(key)
    if value is not None:
        return value
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is None:
            return None
        cache.set(key, value, TIMEOUT)
    memo.set(key, value)
    return value


def bump_version(sender=None, created=False, **kwargs) -> None:
    """Forget the cached chrome: a menu or the settings were saved, even outside
    publishing (a live menu saved directly), which the generation does not see.
    Bumped at once and again on commit, so a request that read the old rows
    between the two cannot keep them."""
    from django.db import transaction

    from cms.models import SiteSettings

    if created and sender is SiteSettings:
        return  # made with defaults by the first page view: nothing changed

    def bump():
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


def prefix(request) -> str:
    """Return the key prefix for this request's cached data: the page-cache
    generation and the chrome version, read once per request in one round trip."""
    value = getattr(request, "_cms_cache_prefix", None)
    if value is None:
        values = cache.get_many([GENERATION_KEY, VERSION_KEY])
        page_generation = values.get(GENERATION_KEY) or generation()
        version = values.get(VERSION_KEY) or "0"
        value = request._cms_cache_prefix = f"cms:data:{page_generation}:{version}"
    return value


def page_data(request, name: str, compute):
    """Return what rendering needs under `name` from the cache (see `cached`),
    computed afresh in previews, which show a draft's unsaved values."""
    if request is None or getattr(request, "is_preview", False):
        return compute()
    return cached(f"{prefix(request)}:{name}", compute)
