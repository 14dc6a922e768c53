"""The `clock` process enqueues each recurring job when it is due, and only enqueues."""

import datetime as dt
import time

import pytest
import time_machine
from apscheduler.schedulers.background import BackgroundScheduler
from django_tasks_db.models import DBTaskResult

from apps.jobs.clock import add_recurring_jobs
from apps.jobs.schedule import RECURRING_JOBS

pytestmark = pytest.mark.django_db(transaction=True)


def enqueued_task_paths() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def run_clock_from(moment: dt.datetime, *, for_seconds: float) -> None:
    """Run the real scheduler with the wall clock moved to `moment`."""
    with time_machine.travel(moment, tick=True):
        scheduler = BackgroundScheduler(timezone="UTC")
        add_recurring_jobs(scheduler)
        scheduler.start()
        try:
            time.sleep(for_seconds)
        finally:
            scheduler.shutdown(wait=True)


def test_every_recurring_job_points_at_a_task_and_says_why():
    from django.utils.module_loading import import_string
    from django_tasks.base import Task

    for job in RECURRING_JOBS:
        assert isinstance(import_string(job.task), Task), job.name
        assert job.why


def test_clock_enqueues_the_minutely_job_at_the_minute():
    run_clock_from(
        dt.datetime(2026, 5, 4, 10, 0, 59, 600_000, tzinfo=dt.UTC), for_seconds=1.2
    )

    assert enqueued_task_paths() == [
        "apps.jobs.tasks.publish_scheduled_pages",
        "apps.jobs.tasks.recover_lost_jobs",
    ]


def test_clock_enqueues_the_daily_prune_at_its_time():
    run_clock_from(
        dt.datetime(2026, 5, 4, 3, 16, 59, 600_000, tzinfo=dt.UTC), for_seconds=1.2
    )

    assert enqueued_task_paths() == [
        "apps.jobs.tasks.prune_task_results",
        "apps.jobs.tasks.publish_scheduled_pages",
        "apps.jobs.tasks.recover_lost_jobs",
    ]


def test_clock_enqueues_nothing_between_minutes():
    run_clock_from(dt.datetime(2026, 5, 4, 10, 0, 20, tzinfo=dt.UTC), for_seconds=0.8)

    assert enqueued_task_paths() == []
