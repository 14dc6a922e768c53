"""Request throttles whose rates come from settings (DEFAULT_THROTTLE_RATES), for API
views and, through `throttle_wait`, for the HTML forms that send the same emails.

Rates are read on every request rather than once at import, so deployments and tests
can change them through settings. The client address is REMOTE_ADDR: the web server
rewrites it from X-Forwarded-For for the trusted proxy only (REST_FRAMEWORK
"NUM_PROXIES" is 0), so a client cannot choose its own address by sending the header.
"""

import hashlib

from rest_framework import throttling
from rest_framework.settings import api_settings


class SettingsRateMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(SettingsRateMixin, throttling.AnonRateThrottle):
    """Anonymous clients, per address (scope "anon")."""


class UserRateThrottle(SettingsRateMixin, throttling.UserRateThrottle):
    """Signed-in clients, per user (scope "user"); anonymous ones are AnonRateThrottle's
    alone (DRF's would count them per address under this rate as well)."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


class ClientAddressThrottle(SettingsRateMixin, throttling.SimpleRateThrottle):
    """Every request to the view, per client address; subclasses set `scope`."""

    def get_cache_key(self, request, view):
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


class AccountThrottle(SettingsRateMixin, throttling.SimpleRateThrottle):
    """Every request naming one account (the `email` field), whoever sends it, so
    guessing one account's password from many addresses is slowed down too."""

    field = "email"

    def get_cache_key(self, request, view):
        data = getattr(request, "data", None) or request.POST  # DRF's or Django's
        value = data.get(self.field) if hasattr(data, "get") else None
        if not isinstance(value, str) or not value.strip():
            return None  # nothing to count against; validation will answer 400
        # Hashed: the key holds no personal data and no characters a cache refuses.
        ident = hashlib.sha256(value.strip().lower().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


def throttle_wait(request, throttle_classes) -> float | None:
    """Return the seconds to wait if any throttle refuses this (Django) request, as
    DRF's APIView.check_throttles decides for its own views; None if all allow it."""
    waits = [
        throttle.wait()
        for throttle in (throttle_class() for throttle_class in throttle_classes)
        if not throttle.allow_request(request, None)
    ]
    return (
        max((wait for wait in waits if wait is not None), default=0) if waits else None
    )
