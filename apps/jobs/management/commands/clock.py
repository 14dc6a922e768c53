"""The `clock` process: enqueue recurring jobs on time; workers run them."""

import signal

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand

from apps.jobs.clock import add_recurring_jobs
from apps.jobs.schedule import RECURRING_JOBS


class Command(BaseCommand):
    help = "Run the scheduler that enqueues recurring jobs (run exactly one)."

    def handle(self, *args, **options):
        scheduler = BlockingScheduler(timezone="UTC")
        add_recurring_jobs(scheduler)
        for job in RECURRING_JOBS:
            self.stdout.write(f"Scheduled {job.name}: '{job.cron}' (UTC) - {job.why}")
        # SIGTERM (a platform stopping the process) ends the loop cleanly.
        signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
