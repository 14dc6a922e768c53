"""Run one recurring job once, now: for a platform scheduler replacing the clock."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from apps.jobs.schedule import RECURRING_JOBS


class Command(BaseCommand):
    help = (
        "Run one recurring job of apps/jobs/schedule.py once, in this process "
        "(or, with --enqueue, hand it to the workers)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "name", help="The recurring job's name (see apps/jobs/schedule.py)."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the job for a worker instead of running it here.",
        )

    def handle(self, *args, name, enqueue, **options):
        jobs = {job.name: job for job in RECURRING_JOBS}
        if name not in jobs:
            raise CommandError(
                f"Unknown recurring job {name!r}. Choose from: {', '.join(jobs)}."
            )
        task = import_string(jobs[name].task)
        if enqueue:
            result = task.enqueue()
            self.stdout.write(f"Enqueued {name} as job {result.id}.")
            return
        return_value = task.call()
        self.stdout.write(
            f"Ran {name}" + ("" if return_value is None else f": {return_value}")
        )
