"""Riding out a dependency's outage: log once when it starts and once when it ends,
and wait between attempts with capped, jittered exponential backoff."""

import logging
import random
import time

from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# Errors that mean "a service is unreachable", not "this job is wrong": the database
# refusing or dropping connections, and the Redis cache doing the same.
CACHE_OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)
OUTAGE_ERRORS = (OperationalError, InterfaceError, *CACHE_OUTAGE_ERRORS)


class Outage:
    """One process's view of its dependencies: up, or down since a moment."""

    def __init__(
        self,
        logger: logging.Logger,
        *,
        first_delay: float = 0.5,
        max_delay: float = 5.0,
        rng: random.Random | None = None,
    ):
        self.logger = logger
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not secrets
        self.since: float | None = None
        self.failures = 0

    @property
    def ongoing(self) -> bool:
        return self.since is not None

    def failed(self, exc: BaseException) -> float:
        """Record a failed attempt; return how long to wait before the next one."""
        if self.since is None:
            self.since = time.monotonic()
            self.logger.warning(
                "A service is unavailable (%s: %s); retrying with backoff up to %ss.",
                type(exc).__name__,
                str(exc).strip().splitlines()[0] if str(exc).strip() else "",
                self.max_delay,
            )
        self.failures += 1
        ceiling = min(self.max_delay, self.first_delay * 2 ** (self.failures - 1))
        # "Full jitter": processes that lost the service together come back apart.
        return self.rng.uniform(ceiling / 2, ceiling)

    def recovered(self) -> bool:
        """Record a successful attempt; return whether it ended an outage."""
        if self.since is None:
            return False
        self.logger.warning(
            "Service back after %.1fs (%d failed attempts); carrying on.",
            time.monotonic() - self.since,
            self.failures,
        )
        self.since, self.failures = None, 0
        return True
