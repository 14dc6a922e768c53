"""Two clock processes: one leads, the other stands by and takes over if it dies;
each recurring job is enqueued once per period."""

import signal
import time
from collections import Counter

import pytest
from django_tasks_db.models import DBTaskResult

from apps.jobs.schedule import RECURRING_JOBS
from tests.ops.jobs_processes import ManagedProcess, wait_until

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgres_only"),
]

FAST_CLOCK = ["clock", "--every-seconds", "1", "--standby-poll-seconds", "0.2"]


def enqueue_counts() -> Counter:
    return Counter(DBTaskResult.objects.values_list("task_path", flat=True))


def test_second_clock_stands_by_then_takes_over_each_job_enqueued_once_per_period(
    tmp_path,
):
    first = ManagedProcess(FAST_CLOCK, tmp_path / "first.log")
    second = None
    try:
        wait_until(
            lambda: "leads" in first.output(),
            timeout=20,
            what="the first clock leading",
            processes=[first],
        )
        second = ManagedProcess(FAST_CLOCK, tmp_path / "second.log")
        wait_until(
            lambda: "standing by" in second.output(),
            timeout=20,
            what="the second clock standing by",
            processes=[second],
        )
        DBTaskResult.objects.all().delete()
        started = time.monotonic()
        time.sleep(3.5)
        counts = enqueue_counts()
        elapsed = time.monotonic() - started

        for job in RECURRING_JOBS:
            assert 2 <= counts[job.task] <= elapsed + 1, (job.name, counts)
        assert "Enqueued" not in second.output()

        first.popen.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        wait_until(
            lambda: "leads" in second.output(),
            timeout=20,
            what="the standby clock taking over",
            processes=[second],
        )
        DBTaskResult.objects.all().delete()
        time.sleep(2.5)
        assert set(enqueue_counts()) == {job.task for job in RECURRING_JOBS}
    finally:
        first.stop()
        if second is not None:
            second.popen.send_signal(signal.SIGTERM)
            assert second.wait(timeout=10) == 0, second.output()[-2000:]
            second.stop()
