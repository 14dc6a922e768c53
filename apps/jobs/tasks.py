"""Housekeeping tasks the clock enqueues."""

from django.core.management import call_command
from django_tasks import task


@task(queue_name="maintenance")
def publish_scheduled_pages():
    """Publish what is due to go live; unpublish what has expired."""
    call_command("publish_scheduled")


@task(queue_name="maintenance")
def prune_task_results(min_age_days: int = 7):
    call_command(
        "prune_db_task_results",
        "--queue-name=*",
        f"--min-age-days={min_age_days}",
        f"--failed-min-age-days={min_age_days * 4}",
    )
