"""The `clock` process: enqueue recurring jobs on time; workers run them."""

import logging
import signal
import threading

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand
from django.db import connections

from apps.jobs.clock import ClockLock, add_recurring_jobs, enqueue_missed_runs
from apps.jobs.outages import OUTAGE_ERRORS, Outage
from apps.jobs.schedule import RECURRING_JOBS

logger = logging.getLogger("apps.jobs.clock")

# How often the leader checks that its lock's connection is alive: after a database
# outage, how long until it leads again (or finds another clock took over).
LOCK_WATCH_SECONDS = 5


class Command(BaseCommand):
    help = (
        "Run the scheduler that enqueues recurring jobs. Safe to run twice: a second "
        "clock stands by (PostgreSQL advisory lock) and takes over if the first dies. "
        "Rides out database outages; exits only on SIGTERM or SIGINT."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--standby-poll-seconds",
            type=float,
            default=10.0,
            help="How often a standby clock tries to take over (default: 10).",
        )
        parser.add_argument(
            "--every-seconds",
            type=int,
            default=None,
            help="Testing aid: fire every recurring job every N seconds (N dividing "
            "60) instead of by its cron expression.",
        )

    def handle(self, *args, standby_poll_seconds, every_seconds, **options):
        stopping = threading.Event()
        scheduler = None

        def stop(*_):
            stopping.set()
            if scheduler is not None and scheduler.running:
                scheduler.shutdown(wait=False)

        # SIGTERM (a platform stopping the process) ends the loop cleanly; nothing
        # else does: a lost lock or a database outage sends the clock back to standby.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

        lock = ClockLock()
        outage = Outage(logger)
        standing_by = False
        while not stopping.is_set():
            try:
                leads = lock.acquire()
                if leads and not every_seconds:
                    enqueue_missed_runs()
            except OUTAGE_ERRORS as exc:
                lock.release()
                connections.close_all()
                stopping.wait(outage.failed(exc))
                continue
            outage.recovered()
            if not leads:
                if not standing_by:
                    self.stdout.write("Another clock leads: standing by.")
                    self.stdout.flush()
                    standing_by = True
                stopping.wait(standby_poll_seconds)
                continue
            standing_by = False
            connections.close_all()
            scheduler = self._scheduler(lock, every_seconds=every_seconds)
            if not stopping.is_set():
                scheduler.start()
            # The scheduler returns on a stop signal, or when the lock watch found the
            # lock's connection gone (PostgreSQL may have freed the lock for another
            # clock): free it for certain, and try to lead again.
            lock.release()
            if not stopping.is_set():
                logger.warning("This clock lost its lock; trying to take it again.")

    def _scheduler(self, lock, *, every_seconds):
        scheduler = BlockingScheduler(timezone="UTC")
        add_recurring_jobs(scheduler, lock=lock, every_seconds=every_seconds)

        def watch_clock_lock():
            if not lock.still_held():
                scheduler.shutdown(wait=False)

        scheduler.add_job(
            watch_clock_lock,
            trigger="interval",
            seconds=LOCK_WATCH_SECONDS,
            id="watch_clock_lock",
            name="watch_clock_lock",
        )
        self.stdout.write("This clock leads: scheduling.")
        for job in RECURRING_JOBS:
            self.stdout.write(f"Scheduled {job.name}: '{job.cron}' (UTC) - {job.why}")
        self.stdout.flush()
        return scheduler
