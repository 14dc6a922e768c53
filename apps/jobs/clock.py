"""The clock: APScheduler enqueuing the recurring jobs of apps/jobs/schedule.py, led
by whichever clock process holds a PostgreSQL advisory lock."""

import contextlib
import datetime as dt
import logging
import threading

from apscheduler.triggers.cron import CronTrigger
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.utils import timezone
from django.utils.module_loading import import_string

from apps.jobs.outages import OUTAGE_ERRORS
from apps.jobs.schedule import RECURRING_JOBS, RecurringJob
from apps.jobs.selectors import last_enqueued_at

logger = logging.getLogger("apps.jobs.clock")

# The advisory lock's key: any constant no other code uses ("jobs" in ASCII).
CLOCK_LOCK_KEY = 0x6A6F6273


class ClockLock:
    """Leadership among clock processes: a session-level advisory lock, taken on a
    connection of its own and held for the process's life. PostgreSQL releases it
    when that connection ends, so a standby takes over when the leader dies."""

    def __init__(self, alias: str = DEFAULT_DB_ALIAS):
        self.connection = connections.create_connection(alias)
        # The scheduler's threads check the lock before each enqueue.
        self.connection.inc_thread_sharing()
        self._mutex = threading.Lock()
        self.held = False

    @property
    def supported(self) -> bool:
        return self.connection.vendor == "postgresql"

    def acquire(self) -> bool:
        """Try to take the lock without waiting; return whether this process leads."""
        if not self.supported:
            logger.info(
                "No clock lock on %s: run exactly one clock process.",
                self.connection.vendor,
            )
            self.held = True
            return True
        with self._mutex, self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [CLOCK_LOCK_KEY])
            self.held = cursor.fetchone()[0]
        return self.held

    def still_held(self) -> bool:
        """Return whether the lock's connection (and so the lock) is still alive."""
        if not self.supported:
            return True
        try:
            with self._mutex, self.connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as exc:  # noqa: BLE001 - any failure means the lock may be gone
            logger.warning(
                "The clock lock's connection failed (%s); the lock may be gone.",
                type(exc).__name__,
            )
            self.held = False
        return self.held

    def release(self) -> None:
        with self._mutex:
            if self.held and self.supported:
                # Unlock explicitly: the server frees a closed session's locks a
                # moment after the connection closes, not at once.
                with contextlib.suppress(DatabaseError), self.connection.cursor() as c:
                    c.execute("SELECT pg_advisory_unlock(%s)", [CLOCK_LOCK_KEY])
            with contextlib.suppress(DatabaseError):
                self.connection.close()
        self.held = False


def enqueue_recurring_job(job: RecurringJob, lock: ClockLock | None = None) -> None:
    if lock is not None and not lock.still_held():
        logger.warning("Not enqueuing %s: this clock lost its lock.", job.name)
        return
    try:
        _enqueue(job)
    except OUTAGE_ERRORS as exc:
        # The next leader's catch-up (enqueue_missed_runs) enqueues it once.
        logger.warning("Could not enqueue %s (%s).", job.name, type(exc).__name__)
    finally:
        # The clock sleeps for most of its life: hold no connection while it does.
        connections.close_all()


def _enqueue(job: RecurringJob) -> None:
    result = import_string(job.task).enqueue()
    logger.info("Enqueued %s (job %s)", job.name, result.id)


def trigger_for(job: RecurringJob, *, every_seconds: int | None = None):
    if every_seconds:
        # A testing aid: fire every few seconds rather than by the job's cron.
        return CronTrigger(second=f"*/{every_seconds}", timezone=dt.UTC)
    return CronTrigger.from_crontab(job.cron, timezone=dt.UTC)


def add_recurring_jobs(
    scheduler,
    jobs: list[RecurringJob] = RECURRING_JOBS,
    *,
    lock: ClockLock | None = None,
    every_seconds: int | None = None,
) -> None:
    for job in jobs:
        scheduler.add_job(
            enqueue_recurring_job,
            trigger=trigger_for(job, every_seconds=every_seconds),
            args=[job, lock],
            id=job.name,
            name=job.name,
            # A run delayed while the process stalled happens once, not once per
            # missed period.
            coalesce=True,
            misfire_grace_time=None,
            max_instances=1,
            replace_existing=True,
        )


def enqueue_missed_runs(
    jobs: list[RecurringJob] = RECURRING_JOBS, *, now: dt.datetime | None = None
) -> list[str]:
    """Enqueue, once, each job whose last run was due while no clock was running
    (downtime, a deploy); return their names. A job never enqueued is left to its
    schedule."""
    now = now or timezone.now()
    missed = []
    for job in jobs:
        last = last_enqueued_at(job.task)
        if last is None:
            continue
        due = CronTrigger.from_crontab(job.cron, timezone=dt.UTC).get_next_fire_time(
            None, last + dt.timedelta(seconds=1)
        )
        if due is not None and due <= now:
            logger.info("Catching up %s, due at %s while no clock ran", job.name, due)
            _enqueue(job)
            missed.append(job.name)
    return missed
