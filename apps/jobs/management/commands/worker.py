"""The `worker` process: run queued jobs from the database (all queues by default)."""

from django.core.management.base import CommandError
from django_tasks_db.management.commands import db_worker

from apps.jobs.worker import Worker


class Command(db_worker.Command):
    help = "Run queued jobs. Stops gracefully on SIGTERM after the job in hand."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)

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
        )
        worker.configure_signals()
        worker.run()
