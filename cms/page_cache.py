"""Full-page cache for anonymous GETs, in the configured cache, with a generation
number: any change that can affect pages bumps it, so every cached page goes stale at
once (simple and always correct; pages are cheap to re-render one at a time)."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "cms:page-cache:generation"
# Seconds a page stays in our cache (the generation bump removes it earlier).
PAGE_CACHE_SECONDS = getattr(settings, "CMS_PAGE_CACHE_SECONDS", 600)
# What browsers and CDNs may keep: browsers briefly, CDNs longer (purged on publish).
BROWSER_MAX_AGE = 60
SHARED_MAX_AGE = getattr(settings, "CMS_CDN_MAX_AGE", 600)
# Only these query parameters are part of a cacheable address; any other makes the
# request uncacheable, so random query strings cannot fill the cache.
CACHEABLE_PARAMS = {"page"}
# Never pages: the admin, the APIs, and Django's own URLs.
UNCACHED_PREFIXES = ("/admin/", "/api/", "/documents/", "/accounts/", "/events/")


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def bump_generation() -> None:
    """Make every cached page stale."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no generation yet: anything cached is already stale
            cache.set(GENERATION_KEY, 2, timeout=None)
    except Exception:
        # A cache outage must not fail the publish that triggered this; pages
        # cached before the outage expire after PAGE_CACHE_SECONDS at most.
        logger.exception("Could not bump the page cache generation")


def _cache_key(request) -> str:
    host = request.get_host()
    return f"cms:page:{generation()}:{request.scheme}:{host}{request.get_full_path()}"


def is_cacheable_request(request, page) -> bool:
    if not getattr(settings, "CMS_PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False):
        return False
    if not getattr(page, "page_cache_enabled", True):
        return False
    if set(request.GET) - CACHEABLE_PARAMS:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def mark_uncacheable(response) -> None:
    patch_cache_control(response, private=True, no_cache=True, max_age=0)


def mark_shared(response) -> None:
    patch_cache_control(
        response, public=True, max_age=BROWSER_MAX_AGE, s_maxage=SHARED_MAX_AGE
    )
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])


def serve_cached(page, request, serve):
    """Return the cached response for this anonymous request, or render it with
    `serve()` and cache it when it is safe to share."""
    if not is_cacheable_request(request, page):
        response = serve()
        mark_uncacheable(response)
        return response
    try:
        key = _cache_key(request)
        cached = cache.get(key)
    except Exception:
        # Without a cache the site is slower, not down.
        logger.exception("Page cache unavailable")
        response = serve()
        mark_uncacheable(response)
        return response
    if cached is not None:
        return _cached_response(cached)
    response = serve()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    shareable = (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A rendered CSRF token (any form with POST) must never be shared.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not page.get_view_restrictions().exists()
    )
    if not shareable:
        mark_uncacheable(response)
        return response
    try:
        cache.set(
            key,
            (response.status_code, response["Content-Type"], response.content),
            timeout=PAGE_CACHE_SECONDS,
        )
    except Exception:
        logger.exception("Could not store a page in the page cache")
    response["X-Page-Cache"] = "miss"
    mark_shared(response)
    return response


def _cached_response(cached) -> HttpResponse:
    status, content_type, content = cached
    response = HttpResponse(content, status=status, content_type=content_type)
    response["X-Page-Cache"] = "hit"
    mark_shared(response)
    return response


class PageCacheMiddleware:
    """Answer a page-cache hit before Wagtail finds the site, routes the path and
    checks the page: the hit then costs two cache reads and no SQL.

    Last in MIDDLEWARE, so the hit still gets every response header the stack adds
    (security headers, request id). Only requests that cannot be signed in (no
    session cookie) are looked up here; anything else goes on to the page, which
    decides, as before, whether it may be cached at all (private pages, forms and
    previews never are, so they are never found here)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "CMS_PAGE_CACHE_ENABLED", True)
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not set(request.GET) - CACHEABLE_PARAMS
            and not request.path_info.startswith(UNCACHED_PREFIXES)
        ):
            try:
                cached = cache.get(_cache_key(request))
            except Exception:  # noqa: BLE001 - without a cache, serve normally
                cached = None
            if cached is not None:
                return _cached_response(cached)
        return self.get_response(request)
