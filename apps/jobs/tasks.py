"""Housekeeping tasks the clock enqueues (each also runs by hand: run_recurring_job)."""

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from apps.jobs import services


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


@task(queue_name="maintenance")
def clear_expired_sessions():
    call_command("clearsessions")


@task(queue_name="maintenance", priority=50)
def recover_lost_jobs() -> int:
    return services.jobs_recover_lost(now=timezone.now())


@task(queue_name="maintenance")
def update_search_index():
    call_command("update_index", verbosity=0)
