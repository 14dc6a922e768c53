"""Reads about the job queue: depth, waiting time, failures and job listings."""

import datetime as dt

from django.db.models import Count, Min, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

STATUSES = ("READY", "RUNNING", "FAILED", "SUCCESSFUL")


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


def queue_figures(*, now: dt.datetime | None = None) -> dict:
    """Return queue depth (jobs ready now), jobs waiting for a retry's backoff,
    running jobs, the oldest ready job's age and final failures in the last hour."""
    now = now or timezone.now()
    ready = DBTaskResult.objects.ready()
    figures = DBTaskResult.objects.aggregate(
        running=Count("id", filter=Q(status="RUNNING")),
        failed_last_hour=Count(
            "id",
            filter=Q(status="FAILED", finished_at__gte=now - dt.timedelta(hours=1)),
        ),
        waiting_for_retry=Count(
            "id",
            filter=Q(status="READY", run_after__gt=now) & ~Q(run_after=get_date_max()),
        ),
    )
    waiting = ready.aggregate(depth=Count("id"), oldest=Min("enqueued_at"))
    return {
        "queue_depth": waiting["depth"],
        "oldest_waiting_seconds": (
            None
            if waiting["oldest"] is None
            else round((now - waiting["oldest"]).total_seconds(), 1)
        ),
        "waiting_for_retry": figures["waiting_for_retry"],
        "running": figures["running"],
        "failed_last_hour": figures["failed_last_hour"],
    }


def jobs_for_listing(*, status: str, limit: int = 100):
    """Return the latest jobs of one status, newest first, with their job state."""
    order = "-finished_at" if status in ("FAILED", "SUCCESSFUL") else "-enqueued_at"
    return list(
        DBTaskResult.objects.filter(status=status)
        .select_related("job_state")
        .order_by(order, "-enqueued_at")[:limit]
    )


def job_for_detail(job_id) -> DBTaskResult | None:
    return DBTaskResult.objects.select_related("job_state").filter(id=job_id).first()


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
