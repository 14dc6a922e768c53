"""Full-page cache for anonymous GETs, in the configured cache, under the content
version (cms/generation_cache.py): any change that can affect pages moves it on, so
every cached page goes stale at once (simple and always correct; pages are cheap to
re-render one at a time).

A page decides whether it may be cached (serve_cached, from its serve()); the stack
stores it with its final headers on the way out (PageCacheFillMiddleware); hits are
answered in front of Django (cached_answer, called by config/fast_path.py)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from cms.generation_cache import content_version, read_with_version
from config.languages import is_multilingual

# Seconds a page stays in our cache (a new content version makes it stale earlier).
PAGE_CACHE_SECONDS = getattr(settings, "CMS_PAGE_CACHE_SECONDS", 600)
# What browsers and CDNs may keep: browsers briefly, CDNs longer (purged on publish).
BROWSER_MAX_AGE = 60
SHARED_MAX_AGE = getattr(settings, "CMS_CDN_MAX_AGE", 600)
# Only these query parameters are part of a cacheable address; any other makes the
# request uncacheable, so random query strings cannot fill the cache.
CACHEABLE_PARAMS = {"page"}
# Never pages: the admin, the APIs, and Django's own URLs; in every language (checked
# without the language prefix: /de/events/ too).
UNCACHED_PREFIXES = ("/admin/", "/api/", "/documents/", "/accounts/", "/events/")


def page_key(request) -> str:
    """The key of a page as this request addresses it: scheme, host and path.

    The host is the one Django accepted (get_host() raises for any other), lowercased
    as host names compare; the port stays, as a page may link to its own address.
    The fill and the lookup both build the key here, from the same request data, so
    a lookup can only find what Django itself stored."""
    host = request.get_host().lower()
    return f"cms:page:{request.scheme}://{host}{request.get_full_path()}"


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


def mark_shared(response, until: float | None = None) -> None:
    """Let browsers and CDNs keep the response, unless it shows something that
    changes at `until` (a timestamp, keep_until) before their copy could expire: they
    count its max-age from when they get it, which may be a replay of our copy up to
    PAGE_CACHE_SECONDS after we stored it. Such a page is theirs to ask for again
    each time (max-age=0), and ours expires on the dot (PageCacheFillMiddleware)."""
    if until is not None and until - time.time() < PAGE_CACHE_SECONDS + SHARED_MAX_AGE:
        patch_cache_control(response, public=True, max_age=0, s_maxage=0)
    else:
        patch_cache_control(
            response, public=True, max_age=BROWSER_MAX_AGE, s_maxage=SHARED_MAX_AGE
        )
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])


def keep_until(request, when) -> None:
    """Note that the page this request renders shows something that changes on the
    clock at `when` (an aware datetime, or None), as an announcement starts or ends
    (cms.chrome.banner): no cached copy of it outlives that moment."""
    if when is None:
        return
    until = when.timestamp()
    current = getattr(request, "_cms_page_cache_until", None)
    if current is None or until < current:
        request._cms_page_cache_until = until


def _is_fresh(entry, current) -> bool:
    """Return whether a stored page is of the current content version and before
    the moment it showed changes (stored last; an entry stored before that was
    recorded has none)."""
    until = entry[5] if len(entry) > 5 else None
    return entry[0] == current and (until is None or time.time() < until)


def serve_cached(page, request, serve):
    """Return the cached response for this anonymous request, or render it with
    `serve()` and mark it to be cached when it is safe to share.

    Most hits never get here: config/fast_path.py answers them before Django. This
    path serves the rest (say, a visitor whose session cookie signs nobody in), and
    fills the cache: PageCacheFillMiddleware stores the page once the whole stack
    has added its headers."""
    # Imported here: the WSGI layer in front of Django imports this module before
    # the apps (and Wagtail's models) are loaded.
    from cms.selectors import is_view_restricted

    if not is_cacheable_request(request, page):
        response = serve()
        mark_uncacheable(response)
        return response
    key = page_key(request)
    current, entry = read_with_version(key, request)
    if current is None:
        current = content_version(request)
    elif entry is not None and _is_fresh(entry, current):
        return _response_from(entry)
    response = serve()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    shareable = (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A rendered CSRF token (any form with POST) must never be shared.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and shows_page_number(request, response)
        and not is_view_restricted(page)
    )
    if not shareable:
        mark_uncacheable(response)
        return response
    response["X-Page-Cache"] = "miss"
    until = getattr(request, "_cms_page_cache_until", None)
    mark_shared(response, until)
    # The version read before rendering: a publish during the render leaves the
    # stored copy stale at once.
    response.page_cache_fill = (key, current, until)
    return response


def shows_page_number(request, response) -> bool:
    """Return whether the `page` asked for, if any, is one this response shows: a
    paginated listing's own page number, written as the paginator writes it. A page
    that paginates nothing, a number past the end (answered with the last page) or
    anything else (answered with the first) would otherwise fill the cache with one
    copy per value."""
    asked = request.GET.getlist("page")
    if not asked:
        return True
    context = getattr(response, "context_data", None) or {}
    return len(asked) == 1 and any(
        isinstance(value, PaginatorPage) and str(value.number) == asked[0]
        for value in context.values()
    )


# Headers of one response only: never stored, never replayed.
PER_REQUEST_HEADERS = frozenset({"x-request-id", "x-page-cache", "set-cookie", "date"})


class PageCacheFillMiddleware:
    """Store a page serve_cached() found shareable, with every header the stack gave
    it, so that a hit replays them as they were (config/fast_path.py).

    Second in MIDDLEWARE, right after the request id (which is per request, added by
    the one replaying): every other middleware has run on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies:
            # A cookie is one visitor's, whoever set it on the way out (say, the
            # session middleware deleting a malformed session cookie): never shared.
            if "public" in response.get("Cache-Control", ""):
                del response["Cache-Control"]
                response.headers.pop("X-Page-Cache", None)
                mark_uncacheable(response)
            return response
        fill = getattr(response, "page_cache_fill", None)
        if (
            fill is not None
            # A CSP nonce belongs to one visitor: such a page is not shared.
            and "'nonce-" not in response.get("Content-Security-Policy", "")
        ):
            key, current, until = fill
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in PER_REQUEST_HEADERS
            ]
            entry = (
                current,
                response.status_code,
                response.reason_phrase,
                headers,
                response.content,
                until,
            )
            timeout = PAGE_CACHE_SECONDS
            if until is not None:
                timeout = min(timeout, int(until - time.time()))
            if timeout > 0:
                cache.set(key, entry, timeout=timeout)
        return response


def _response_from(entry) -> HttpResponse:
    _version, status, reason, headers, content = entry[:5]
    response = HttpResponse(content, status=status, reason=reason)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def may_be_cached(environ) -> bool:
    """Cheap checks on the raw WSGI environ, before a request object is built: the
    only requests worth a page-cache lookup in front of Django."""
    return (
        environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        and not without_language_prefix(environ.get("PATH_INFO", "")).startswith(
            UNCACHED_PREFIXES
        )
        and getattr(settings, "CMS_PAGE_CACHE_ENABLED", True)
    )


def without_language_prefix(path: str) -> str:
    """Return the path without its language prefix, if it has one (/de/events/ ->
    /events/): the uncached prefixes are the same in every language."""
    if not is_multilingual():
        return path
    if translation.get_language_from_path(path) is None:
        return path
    return "/" + path[1:].partition("/")[2]


def cached_answer(request) -> tuple[str, list[tuple[str, str]], list[bytes]] | None:
    """The WSGI answer (status line, headers, body) for a page-cache hit, or None.

    Called in front of Django (config/fast_path.py), so only for requests that
    cannot be signed in (no session cookie) and whose address is cacheable; anything
    else goes on to Django and the page, which decide, as ever, whether it may be
    cached at all (private pages, forms and previews never are, so are never found
    here). A host Django would refuse is a miss: Django answers (and a cache outage
    is a miss in the cache backend itself, config/cache.py)."""
    try:
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or set(request.GET) - CACHEABLE_PARAMS
        ):
            return None
        current, entry = read_with_version(page_key(request))
    except Exception:  # noqa: BLE001 - too many fields, DisallowedHost
        return None
    if entry is None or not _is_fresh(entry, current):
        return None
    _version, status, reason, headers, content = entry[:5]
    headers = [*headers, ("X-Page-Cache", "hit")]
    body = [] if request.method == "HEAD" else [content]
    return f"{status} {reason}", headers, body
