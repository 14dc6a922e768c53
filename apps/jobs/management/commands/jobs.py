"""Print the job queue's figures: depth, oldest waiting job, failures in the hour."""

from django.core.management.base import BaseCommand

from apps.jobs.selectors import queue_figures

LABELS = {
    "queue_depth": "Queue depth (ready to run)",
    "oldest_waiting_seconds": "Oldest waiting job (seconds)",
    "waiting_for_retry": "Waiting for a retry's backoff",
    "running": "Running",
    "failed_last_hour": "Failed in the last hour",
}


class Command(BaseCommand):
    help = "Show queue depth, the oldest waiting job's age and recent failures."

    def handle(self, *args, **options):
        figures = queue_figures()
        width = max(len(label) for label in LABELS.values())
        for key, label in LABELS.items():
            value = figures[key]
            self.stdout.write(f"{label:<{width}}  {'-' if value is None else value}")
