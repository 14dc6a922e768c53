"""The content version, and what rendering reads, cached until the content changes.

One version for everything the CMS caches: whole pages (cms/page_cache.py), the
content API's responses and references (cms/api/caching.py), and what rendering a
page reads from the database (the routed pages, the site, its menus and settings,
what a page's blocks refer to, an article's authors, tags and related articles, the
rendered body). cms/signal_handlers.py moves it on whenever anything visitors could
see changes; the request reads it once. So a page renders from data read once per
change, with no SQL, while the page cache cannot answer: for editors, for query
strings it does not cache, after a publish. A cache outage only costs the queries.

Values expire after apps.cache.TIMEOUT anyway: what no signal sees shows after at
most that long."""

from django.core.cache import cache

from apps.cache import TIMEOUT, Version, cached

__all__ = [
    "CONTENT",
    "TIMEOUT",
    "bump_content_version",
    "cached",
    "content_version",
    "page_data",
    "prefix",
    "read_with_version",
]

CONTENT = Version("cms:content:version")


def content_version(request=None) -> str:
    """Return the content version, read once per request (or afresh without one)."""
    if request is None:
        return CONTENT.current()
    value = getattr(request, "_cms_content_version", None)
    if value is None:
        value = request._cms_content_version = CONTENT.current()
    return value


def read_with_version(key: str, request=None) -> tuple[str | None, object]:
    """Return the content version (None if there is none yet) and the value cached
    under `key`, in one round trip; the version is then the request's."""
    CONTENT.redo_dropped_bump()
    found = cache.get_many([CONTENT.key, key])
    version = found.get(CONTENT.key)
    if request is not None and version is not None:
        request._cms_content_version = version
    return version, found.get(key)


def bump_content_version(*, again_on_commit: bool = True) -> None:
    """Make everything the CMS has cached stale (see apps.cache.Version.bump)."""
    CONTENT.bump(again_on_commit=again_on_commit)


def prefix(request) -> str:
    """Return the key prefix for this request's cached data."""
    return f"cms:data:{content_version(request)}"


def page_data(request, name: str, compute):
    """Return what rendering needs under `name` from the cache (see `cached`),
    computed afresh in previews, which show a draft's unsaved values."""
    if request is None or getattr(request, "is_preview", False):
        return compute()
    return cached(f"{prefix(request)}:{name}", compute)
