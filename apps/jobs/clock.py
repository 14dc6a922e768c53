"""The clock: APScheduler enqueuing the recurring jobs of apps/jobs/schedule.py."""

import logging
from datetime import UTC

from apscheduler.triggers.cron import CronTrigger
from django.db import close_old_connections
from django.utils.module_loading import import_string

from apps.jobs.schedule import RECURRING_JOBS, RecurringJob

logger = logging.getLogger("apps.jobs.clock")


def enqueue_recurring_job(job: RecurringJob) -> None:
    close_old_connections()
    try:
        result = import_string(job.task).enqueue()
        logger.info("Enqueued %s (job %s)", job.name, result.id)
    finally:
        # The clock sleeps for most of its life: hold no connection while it does.
        close_old_connections()


def add_recurring_jobs(scheduler, jobs: list[RecurringJob] = RECURRING_JOBS) -> None:
    for job in jobs:
        scheduler.add_job(
            enqueue_recurring_job,
            trigger=CronTrigger.from_crontab(job.cron, timezone=UTC),
            args=[job],
            id=job.name,
            name=job.name,
            # After downtime, run a missed job once, not once per missed period.
            coalesce=True,
            misfire_grace_time=None,
            max_instances=1,
            replace_existing=True,
        )
