"""The `clock` process: enqueue recurring jobs on time; workers run them."""

import signal
import threading

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from apps.jobs.clock import ClockLock, add_recurring_jobs, enqueue_missed_runs
from apps.jobs.schedule import RECURRING_JOBS


class Command(BaseCommand):
    help = (
        "Run the scheduler that enqueues recurring jobs. Safe to run twice: a second "
        "clock stands by (PostgreSQL advisory lock) and takes over if the first dies."
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
        scheduler = BlockingScheduler(timezone="UTC")

        def stop(*_):
            stopping.set()
            if scheduler.running:
                scheduler.shutdown(wait=False)

        # SIGTERM (a platform stopping the process) ends the loop cleanly.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

        lock = ClockLock()
        if not lock.acquire():
            self.stdout.write("Another clock leads: standing by.")
            while not stopping.wait(standby_poll_seconds):
                if lock.acquire():
                    break
            if stopping.is_set():
                lock.release()
                return
        self.stdout.write("This clock leads: scheduling.", ending="\n")
        self.stdout.flush()

        if not every_seconds:
            enqueue_missed_runs()
        connections.close_all()
        add_recurring_jobs(scheduler, lock=lock, every_seconds=every_seconds)
        # If the lock's connection dies, PostgreSQL frees the lock for a standby:
        # stop, and let the platform restart this process as a standby.
        scheduler.add_job(
            lambda: lock.still_held() or stop(),
            trigger="interval",
            seconds=30,
            id="clock_lock_watch",
        )
        for job in RECURRING_JOBS:
            self.stdout.write(f"Scheduled {job.name}: '{job.cron}' (UTC) - {job.why}")
        if stopping.is_set():
            lock.release()
            return
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
        lost = not lock.held
        lock.release()
        if lost:
            raise CommandError("This clock lost its lock; restart it.")
