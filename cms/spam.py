"""Per-client-address rate limit for public form submissions (in the shared cache)."""

from django.conf import settings
from django.core.cache import cache

# Five submissions per client address per form per ten minutes.
FORM_RATE_LIMIT = getattr(settings, "CMS_FORM_RATE_LIMIT", 5)
FORM_RATE_WINDOW_SECONDS = getattr(settings, "CMS_FORM_RATE_WINDOW_SECONDS", 600)
RATE_LIMIT_MESSAGE = (
    "Too many submissions from your address. Please wait a few minutes and try again."
)


def submission_rate_limited(request, *, page) -> bool:
    """Count this submission; return True when the client is over the limit.

    The client address is REMOTE_ADDR: the web server (config/server.py) already set
    it from X-Forwarded-For when, and only when, the request came from the trusted
    proxy, so a client cannot pick its own address."""
    address = request.META.get("REMOTE_ADDR", "unknown")
    key = f"cms:form-rate:{page.pk}:{address}"
    # add() is a no-op when the key exists, so the window starts at the first post.
    cache.add(key, 0, timeout=FORM_RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=FORM_RATE_WINDOW_SECONDS)
        count = 1
    return count > FORM_RATE_LIMIT
