"""Reads about the job queue: depth and waiting time."""

from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def oldest_waiting_job_age() -> float | None:
    """Return how long, in seconds, the oldest job ready to run has waited, or None."""
    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    if oldest is None:
        return None
    return (timezone.now() - oldest).total_seconds()


def job_request_id(task_result_id) -> str | None:
    from apps.jobs.models import JobState

    return (
        JobState.objects.filter(task_result_id=task_result_id)
        .values_list("request_id", flat=True)
        .first()
    )


def last_enqueued_at(task_path: str):
    return (
        DBTaskResult.objects.filter(task_path=task_path)
        .order_by("-enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
