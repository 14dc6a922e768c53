"""The `worker` process: run queued jobs from the database (all queues by default)."""

import sys
from argparse import ArgumentTypeError

from django.conf import settings
from django.core.management.base import CommandError
from django_tasks_db.management.commands import db_worker

from apps.jobs.worker import Worker


def positive_seconds(value: str) -> float:
    seconds = db_worker.valid_interval(value)
    if seconds <= 0:
        raise ArgumentTypeError("Must be greater than zero")
    return seconds


class Command(db_worker.Command):
    help = (
        "Run queued jobs, retrying failures by each task's policy and re-running jobs "
        "of dead workers. Rides out database outages. On SIGTERM, finish the job in "
        "hand, then exit 0."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)
        parser.add_argument(
            "--lease-seconds",
            type=positive_seconds,
            default=float(settings.JOB_LEASE_SECONDS),
            help="How long a job is held without a heartbeat before another worker "
            "may run it; the heartbeat renews it every third of that (default: "
            "JOB_LEASE_SECONDS, 30).",
        )
        parser.add_argument(
            "--grace-seconds",
            type=positive_seconds,
            default=25.0,
            help="After SIGTERM, how long the job in hand may run on before it is cut "
            "short and released (default: 25, inside a platform's usual 30).",
        )
        parser.add_argument(
            "--min-priority",
            type=int,
            default=None,
            help="Only take jobs of at least this priority.",
        )
        parser.add_argument(
            "--max-priority",
            type=int,
            default=None,
            help="Only take jobs of at most this priority.",
        )

    def configure_logging(self, verbosity):
        # Logging is configured once, in settings: one format, to stdout.
        pass

    def handle(self, *, queue_name, exclude_queues, **options):
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
            lease_seconds=options["lease_seconds"],
            grace_seconds=options["grace_seconds"],
            min_priority=options["min_priority"],
            max_priority=options["max_priority"],
        )
        worker.configure_signals()
        worker.run()
        if worker.cut_short:
            # A job was released unfinished: say so to the platform.
            sys.exit(1)
