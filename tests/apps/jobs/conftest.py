"""Fixtures for the job queue's tests: a worker run in-process on an injected clock."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from apps.jobs.worker import Worker


class FakeClock:
    def __init__(self):
        self.moment = timezone.now().replace(microsecond=0)

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def make_worker(clock):
    def make(worker_id: str = "worker-1", **options) -> Worker:
        settings = {
            "queue_names": ["*"],
            "interval": 0,
            "batch": True,
            "backend_name": "default",
            "startup_delay": False,
            "max_tasks": None,
            "worker_id": worker_id,
            "excluded_queue_names": [],
            "lease_seconds": 30,
            "now": clock,
            "rng": random.Random(6),
            **options,
        }
        return Worker(**settings)

    return make
