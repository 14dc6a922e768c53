"""Writes on the job queue: claim, finish, retry, release, recover and cancel jobs."""

import datetime as dt
import logging
import random
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django_tasks_db.models import DBTaskResult, get_date_max
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from apps.jobs.models import JobState
from apps.jobs.retries import policy_for

logger = logging.getLogger("apps.jobs")

READY, RUNNING, FAILED, SUCCESSFUL = "READY", "RUNNING", "FAILED", "SUCCESSFUL"

# A job whose worker vanished is run again even if its task declares no retries
# (the task never got to finish), but not forever: a job that kills its worker every
# time (out of memory, say) ends failed after this many attempts.
LOST_WORKER_ATTEMPTS = 3
# A job claimed by a worker that records no lease (django-tasks-db's own db_worker,
# during a deploy) is presumed lost after this long.
UNLEASED_RUNNING_LIMIT = dt.timedelta(hours=1)

WORKER_LOST = "apps.jobs.services.WorkerLost"
CANCELLED = "apps.jobs.services.JobCancelled"


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A worker's hold on one attempt at a job."""

    job: DBTaskResult
    attempt: int
    worker_id: str
    request_id: str


def ready_jobs(*, now: dt.datetime):
    return DBTaskResult.objects.filter(status=READY).filter(
        Q(run_after=get_date_max()) | Q(run_after__lte=now)
    )


def job_claim(
    *,
    worker_id: str,
    now: dt.datetime,
    lease_seconds: float,
    backend_name: str = "default",
    queue_names: list[str] | None = None,
    excluded_queue_names: list[str] | None = None,
    min_priority: int | None = None,
    max_priority: int | None = None,
) -> Claim | None:
    """Claim the next ready job (skipping rows other workers hold) or return None."""
    jobs = ready_jobs(now=now).filter(backend_name=backend_name)
    if queue_names and "*" not in queue_names:
        jobs = jobs.filter(queue_name__in=queue_names)
    if excluded_queue_names:
        jobs = jobs.exclude(queue_name__in=excluded_queue_names)
    if min_priority is not None:
        jobs = jobs.filter(priority__gte=min_priority)
    if max_priority is not None:
        jobs = jobs.filter(priority__lte=max_priority)
    try:
        # Not @transaction.atomic: SQLite needs an exclusive transaction to serialise
        # claims, as it has no row locks.
        with exclusive_transaction(jobs.db):
            job = jobs.get_locked()
            if job is None:
                return None
            job.claim(worker_id)
            attempt, request_id = _count_attempt(
                job_id=job.id,
                worker_id=worker_id,
                lease_expires_at=now + dt.timedelta(seconds=lease_seconds),
            )
    except OperationalError as exc:
        if is_locked_database_exception(exc):
            return None
        raise
    return Claim(job=job, attempt=attempt, worker_id=worker_id, request_id=request_id)


def _count_attempt(*, job_id, worker_id: str, lease_expires_at: dt.datetime):
    """Create or update the job's JobState for a new attempt, in one statement (the
    claim is on every job's path); return the attempt number and request id."""
    table = JobState._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (task_result_id, request_id, attempts, claimed_by,
                                 lease_expires_at, last_error)
            VALUES (%s, '', 1, %s, %s, '')
            ON CONFLICT (task_result_id) DO UPDATE
            SET attempts = {table}.attempts + 1,
                claimed_by = EXCLUDED.claimed_by,
                lease_expires_at = EXCLUDED.lease_expires_at
            RETURNING attempts, request_id
            """,  # noqa: S608 - the table name is ours, values are parameters
            [
                JobState._meta.pk.get_db_prep_value(job_id, connection),
                worker_id,
                JobState._meta.get_field("lease_expires_at").get_db_prep_value(
                    lease_expires_at, connection
                ),
            ],
        )
        return cursor.fetchone()


def _still_holds(claim: Claim) -> bool:
    """Lock the job's row; return whether the claim is still the job's current one."""
    row = (
        DBTaskResult.objects.select_for_update(of=("self",))
        .filter(id=claim.job.id)
        .values_list("status", "job_state__claimed_by", "job_state__attempts")
        .first()
    )
    if row != (RUNNING, claim.worker_id, claim.attempt):
        logger.warning(
            "Job %s attempt %s: worker %s no longer holds it (lease expired?); "
            "its outcome is discarded.",
            claim.job.id,
            claim.attempt,
            claim.worker_id,
        )
        return False
    return True


def job_renew_lease(*, claim: Claim, now: dt.datetime, lease_seconds: float) -> bool:
    """Extend the claim's lease; return False if the claim was lost meanwhile."""
    return bool(
        JobState.objects.filter(
            task_result_id=claim.job.id,
            claimed_by=claim.worker_id,
            attempts=claim.attempt,
        ).update(lease_expires_at=now + dt.timedelta(seconds=lease_seconds))
    )


@transaction.atomic
def job_succeed(*, claim: Claim, return_value, now: dt.datetime) -> bool:
    if not _still_holds(claim):
        return False
    DBTaskResult.objects.filter(id=claim.job.id).update(
        status=SUCCESSFUL,
        finished_at=now,
        return_value=return_value,
        exception_class_path="",
        traceback="",
    )
    JobState.objects.filter(task_result_id=claim.job.id).update(
        claimed_by="", lease_expires_at=None
    )
    return True


@transaction.atomic
def job_fail(
    *,
    claim: Claim,
    exception_class_path: str,
    traceback: str,
    now: dt.datetime,
    rng: random.Random | None = None,
) -> str:
    """Record a failed attempt: schedule the next one if the task's retry policy
    allows, else end the job failed. Return "retry", "failed" or "lost"."""
    if not _still_holds(claim):
        return "lost"
    policy = policy_for(claim.job.task_path)
    error = {"exception_class_path": exception_class_path, "traceback": traceback}
    if claim.attempt < policy.attempts:
        delay = policy.delay_before(claim.attempt + 1, rng=rng)
        DBTaskResult.objects.filter(id=claim.job.id).update(
            status=READY, run_after=now + dt.timedelta(seconds=delay), **error
        )
        outcome = "retry"
    else:
        DBTaskResult.objects.filter(id=claim.job.id).update(
            status=FAILED, finished_at=now, return_value=None, **error
        )
        outcome = "failed"
    JobState.objects.filter(task_result_id=claim.job.id).update(
        claimed_by="", lease_expires_at=None, last_error=traceback, last_failed_at=now
    )
    return outcome


@transaction.atomic
def job_release(*, claim: Claim, now: dt.datetime) -> bool:
    """Hand back a job cut short by a stopping worker; the attempt does not count."""
    if not _still_holds(claim):
        return False
    DBTaskResult.objects.filter(id=claim.job.id).update(status=READY, run_after=now)
    JobState.objects.filter(task_result_id=claim.job.id).update(
        attempts=claim.attempt - 1, claimed_by="", lease_expires_at=None
    )
    return True


@transaction.atomic
def jobs_recover_lost(*, now: dt.datetime) -> int:
    """Put back jobs whose worker's lease expired (it died); return how many."""
    lost = list(
        DBTaskResult.objects.filter(status=RUNNING)
        .filter(
            Q(job_state__lease_expires_at__lt=now)
            | Q(
                job_state__lease_expires_at__isnull=True,
                started_at__lt=now - UNLEASED_RUNNING_LIMIT,
            )
        )
        .select_for_update(skip_locked=True, of=("self",))
        .values_list("id", "task_path", "worker_ids")
    )
    for job_id, task_path, worker_ids in lost:
        state, _ = JobState.objects.get_or_create(task_result_id=job_id)
        attempts = max(state.attempts, 1)
        message = (
            f"Worker {worker_ids[-1] if worker_ids else '?'} stopped renewing its "
            f"lease (it died or hung) during attempt {attempts}."
        )
        limit = max(policy_for(task_path).attempts, LOST_WORKER_ATTEMPTS)
        if attempts < limit:
            DBTaskResult.objects.filter(id=job_id).update(status=READY, run_after=now)
        else:
            DBTaskResult.objects.filter(id=job_id).update(
                status=FAILED,
                finished_at=now,
                exception_class_path=WORKER_LOST,
                traceback=message,
            )
        JobState.objects.filter(task_result_id=job_id).update(
            attempts=attempts,
            claimed_by="",
            lease_expires_at=None,
            last_error=message,
            last_failed_at=now,
        )
        logger.warning("Recovered job %s (%s): %s", job_id, task_path, message)
    return len(lost)


@transaction.atomic
def job_retry(*, job_id, now: dt.datetime) -> bool:
    """Queue a failed job again with a fresh set of attempts."""
    updated = DBTaskResult.objects.filter(id=job_id, status=FAILED).update(
        status=READY,
        run_after=get_date_max(),
        finished_at=None,
        exception_class_path="",
        traceback="",
    )
    if updated:
        JobState.objects.update_or_create(
            task_result_id=job_id, defaults={"attempts": 0, "claimed_by": ""}
        )
    return bool(updated)


@transaction.atomic
def job_cancel(*, job_id, now: dt.datetime, cancelled_by: str) -> bool:
    """End a waiting job without running it (a running job cannot be stopped)."""
    return bool(
        DBTaskResult.objects.filter(id=job_id, status=READY).update(
            status=FAILED,
            finished_at=now,
            exception_class_path=CANCELLED,
            traceback=f"Cancelled by {cancelled_by} at {now.isoformat()}.",
        )
    )
