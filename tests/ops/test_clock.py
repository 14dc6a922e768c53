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


@pytest.mark.django_db
def test_only_one_clock_lock_is_held_at_a_time_and_a_standby_takes_it_over(
    postgres_only,
):
    from apps.jobs.clock import ClockLock

    leader, standby = ClockLock(), ClockLock()
    try:
        assert leader.acquire()
        assert not standby.acquire()
        assert leader.still_held()

        leader.release()

        assert standby.acquire()
    finally:
        leader.release()
        standby.release()


@pytest.mark.django_db
def test_clock_lock_is_a_logged_no_op_on_sqlite(caplog):
    from django.db import connection

    from apps.jobs.clock import ClockLock

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    first, second = ClockLock(), ClockLock()

    assert first.acquire() and second.acquire()
    assert "No clock lock on sqlite" in caplog.text
    first.release()
    second.release()


@pytest.mark.django_db
def test_run_missed_while_no_clock_ran_is_enqueued_once():
    from apps.jobs.clock import enqueue_missed_runs
    from apps.jobs.tasks import publish_scheduled_pages

    last = publish_scheduled_pages.enqueue()
    DBTaskResult.objects.filter(id=last.id).update(
        enqueued_at=dt.datetime(2026, 5, 4, 10, 0, 0, 200_000, tzinfo=dt.UTC)
    )
    after_downtime = dt.datetime(2026, 5, 4, 10, 7, 30, tzinfo=dt.UTC)

    assert enqueue_missed_runs(now=after_downtime) == ["publish_scheduled"]
    assert enqueued_task_paths().count("apps.jobs.tasks.publish_scheduled_pages") == 2


@pytest.mark.django_db
def test_no_catch_up_when_the_last_run_is_still_current():
    from apps.jobs.clock import enqueue_missed_runs
    from apps.jobs.tasks import publish_scheduled_pages

    last = publish_scheduled_pages.enqueue()
    DBTaskResult.objects.filter(id=last.id).update(
        enqueued_at=dt.datetime(2026, 5, 4, 10, 0, 0, 200_000, tzinfo=dt.UTC)
    )

    assert (
        enqueue_missed_runs(now=dt.datetime(2026, 5, 4, 10, 0, 40, tzinfo=dt.UTC)) == []
    )
