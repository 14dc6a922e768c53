"""May this sign-in attempt proceed? The one attempt limiter behind every login door.

django-axes supplies the machinery: its authentication backend refuses a locked-out
attempt before any password is checked, its signal handlers count every failed
`authenticate()` (the HTML sign-in, the API, Wagtail's admin and front-end logins),
and its middleware turns a lock-out into a response. This module supplies the policy,
as axes' handler and callables (settings AXES_*):

- failures are counted per client address and per (account, address), never per
  account alone, so a stranger cannot lock a person out of their account from
  elsewhere; each count has its own limit (SIGN_IN_LIMIT_ADDRESS, _ACCOUNT);
- past a limit every further failure locks for twice as long as the previous one
  (SIGN_IN_LOCKOUT_SECONDS, doubling, up to a day); a locked attempt is refused
  without being counted, and the counts are forgotten a day after the last failure;
- the counts live in the cache: if it is down the limiter lets attempts through and
  logs, rather than locking everyone out.
"""

import logging
import math
import time

from axes.handlers.cache import AxesCacheHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cache, get_client_ip_address, make_cache_key_list
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils.translation import gettext

from apps.api.problems import is_api_request, problem_response

logger = logging.getLogger(__name__)
LONGEST_LOCKOUT = 24 * 3600


def attempted_account(request, credentials) -> str | None:
    """AXES_USERNAME_CALLABLE: the account an attempt names, as stored (lower case).

    Our forms send `email`, Wagtail's login forms `username`; page passwords name
    their restriction ("page-restriction-<id>")."""
    source = credentials if credentials is not None else request.POST
    name = source.get("email") or source.get("username")
    if not isinstance(name, str) or not name.strip():
        return None
    return get_user_model().objects.normalize_email(name)


def client_address(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: REMOTE_ADDR, which the web server rewrites from
    X-Forwarded-For for the trusted proxy only; the header itself is never read."""
    return request.META.get("REMOTE_ADDR")


class AttemptLimiter(AxesCacheHandler):
    """AXES_HANDLER: two counts per attempt, a growing lock-out, fail-open."""

    def __init__(self):
        pass  # no cache bound at start-up: `cache` follows the settings (AXES_CACHE)

    @property
    def cache(self):
        return get_cache()

    def _limits(self, request, credentials) -> list[tuple[str, int]]:
        address = get_client_ip_address(request)
        account = attempted_account(request, credentials)
        parameters = [({"ip_address": address}, settings.SIGN_IN_LIMIT_ADDRESS)]
        if account:
            parameters.append(
                (
                    {"username": account, "ip_address": address},
                    settings.SIGN_IN_LIMIT_ACCOUNT,
                )
            )
        keys = make_cache_key_list([filters for filters, _ in parameters])
        return [(key, limit) for key, (_, limit) in zip(keys, parameters, strict=True)]

    def retry_after(self, request, credentials=None) -> int:
        """Return the seconds until this attempt may proceed (0: now)."""
        try:
            locks = self.cache.get_many(
                [f"{key}:lock" for key, _ in self._limits(request, credentials)]
            )
        except Exception:  # noqa: BLE001 - the limiter fails open
            logger.warning("Sign-in limiter unavailable: letting the attempt through")
            return 0
        return max(0, math.ceil(max(locks.values(), default=0) - time.time()))

    def is_locked(self, request, credentials=None) -> bool:
        return self.retry_after(request, credentials) > 0

    def get_failures(self, request, credentials=None) -> int:
        keys = [key for key, _ in self._limits(request, credentials)]
        return max(self.cache.get_many(keys).values(), default=0)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is None:
            return
        if getattr(request, "axes_locked_out", False):
            # Refused by the backend before any password was checked: not counted,
            # so the lock-out does not grow while the person waits it out.
            request.axes_credentials = credentials
            return
        window = settings.SIGN_IN_FAILURE_WINDOW_SECONDS
        locked_for = 0
        try:
            for key, limit in self._limits(request, credentials):
                self.cache.add(key, 0, window)
                failures = self.cache.incr(key)
                self.cache.touch(key, window)
                if failures >= limit:
                    delay = min(
                        settings.SIGN_IN_LOCKOUT_SECONDS * 2 ** (failures - limit),
                        LONGEST_LOCKOUT,
                    )
                    self.cache.set(f"{key}:lock", time.time() + delay, delay)
                    locked_for = max(locked_for, delay)
        except Exception:  # noqa: BLE001 - the limiter fails open
            logger.warning("Sign-in limiter unavailable: a failure went uncounted")
            return
        if locked_for:
            logger.warning(
                "Sign-in locked for %d s after repeated failures (path %s)",
                locked_for,
                request.path,
            )
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=attempted_account(request, credentials),
                ip_address=get_client_ip_address(request),
            )

    def user_logged_in(self, sender, request, user, **kwargs):
        # Only this account's count from this address starts again: clearing the
        # address's count would let one valid account reset a guesser's budget.
        credentials = {"email": user.get_username()}
        key, _ = self._limits(request, credentials)[-1]
        try:
            self.cache.delete_many([key, f"{key}:lock"])
        except Exception:  # noqa: BLE001 - the limiter fails open
            logger.warning("Sign-in limiter unavailable: a success went unrecorded")

    def user_logged_out(self, sender, request, user, **kwargs):
        pass


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: 429 with Retry-After, problem+json under /api/."""
    limiter = AxesProxyHandler.get_implementation()
    wait = max(1, limiter.retry_after(request, credentials))
    detail = gettext(
        "Too many failed sign-in attempts. Try again in %(seconds)s seconds."
    ) % {"seconds": wait}
    if is_api_request(request):
        response = problem_response(request, status=429, detail=detail)
    else:
        response = render(
            request, "429.html", {"detail": detail, "wait": wait}, status=429
        )
    response["Retry-After"] = str(wait)
    return response
