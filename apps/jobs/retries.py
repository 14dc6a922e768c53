"""Retry policies: how many attempts a task gets, and how long to wait between them.

Declare a policy above the task decorator; the worker reads it when an attempt fails:

    @retry(attempts=5, backoff_seconds=10)
    @task(queue_name="webhooks")
    def deliver_webhook(delivery_id): ...

A task without a policy gets one attempt. Retried tasks must be idempotent: an attempt
can fail after doing part of its work, and the next attempt runs the whole task again.
"""

import random
from dataclasses import dataclass

_POLICIES: dict[str, "RetryPolicy"] = {}


@dataclass(frozen=True, kw_only=True)
class RetryPolicy:
    attempts: int = 1
    backoff_seconds: float = 10.0
    max_backoff_seconds: float = 3600.0
    jitter: float = 0.2  # +/- this fraction of the delay, so retries do not stampede

    def delay_before(self, attempt: int, *, rng: random.Random | None = None) -> float:
        """Return the seconds to wait before `attempt` (2 for the first retry)."""
        base = min(self.backoff_seconds * 2 ** (attempt - 2), self.max_backoff_seconds)
        spread = base * self.jitter
        return max(0.0, base + (rng or random).uniform(-spread, spread))


NO_RETRY = RetryPolicy(attempts=1)


def retry(*, attempts: int, backoff_seconds: float = 10.0, **options):
    """Register a retry policy for the task below it; return the task unchanged."""
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    policy = RetryPolicy(attempts=attempts, backoff_seconds=backoff_seconds, **options)

    def register(task):
        _POLICIES[task.module_path] = policy
        return task

    return register


def policy_for(task_path: str) -> RetryPolicy:
    return _POLICIES.get(task_path, NO_RETRY)
