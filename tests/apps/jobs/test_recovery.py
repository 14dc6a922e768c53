"""Jobs of dead workers are run again once their lease expires; a worker that lost
its claim cannot overwrite the new attempt's outcome."""

import datetime as dt

import pytest
from django_tasks_db.models import DBTaskResult

from apps.jobs import services
from apps.jobs.models import JobState
from tests.ops.sample_tasks import add, flaky

pytestmark = pytest.mark.django_db


def claim(clock, worker_id="dead-worker", lease_seconds=30, **filters):
    return services.job_claim(
        worker_id=worker_id, now=clock(), lease_seconds=lease_seconds, **filters
    )


def test_running_job_is_not_recovered_while_its_lease_holds(clock):
    result = add.enqueue(1, 2)
    claim(clock)

    clock.advance(29)
    assert services.jobs_recover_lost(now=clock()) == 0
    assert DBTaskResult.objects.get(id=result.id).status == "RUNNING"


def test_job_of_a_dead_worker_is_run_again_after_its_lease_expires(clock, make_worker):
    result = add.enqueue(1, 2)
    claim(clock)

    clock.advance(31)
    assert make_worker("survivor").run_once(), "the worker recovered and ran the job"

    assert "stopped renewing its lease" in JobState.objects.get(pk=result.id).last_error
    row = DBTaskResult.objects.get(id=result.id)
    assert (row.status, row.return_value) == ("SUCCESSFUL", 3)
    assert row.worker_ids == ["dead-worker", "survivor"]
    assert JobState.objects.get(pk=result.id).attempts == 2


def test_heartbeat_keeps_a_long_job_from_being_recovered(clock):
    result = add.enqueue(1, 2)
    held = claim(clock)

    for _ in range(5):
        clock.advance(20)
        assert services.job_renew_lease(claim=held, now=clock(), lease_seconds=30)
        assert services.jobs_recover_lost(now=clock()) == 0
    assert DBTaskResult.objects.get(id=result.id).status == "RUNNING"


def test_worker_that_lost_its_claim_cannot_overwrite_the_new_attempt(clock):
    result = add.enqueue(1, 2)
    stale = claim(clock, worker_id="stalled")
    clock.advance(31)
    services.jobs_recover_lost(now=clock())
    current = claim(clock, worker_id="current")

    assert not services.job_succeed(claim=stale, return_value=99, now=clock())
    assert not services.job_renew_lease(claim=stale, now=clock(), lease_seconds=30)
    assert DBTaskResult.objects.get(id=result.id).status == "RUNNING"
    assert services.job_succeed(claim=current, return_value=3, now=clock())
    assert DBTaskResult.objects.get(id=result.id).return_value == 3


def test_job_that_keeps_losing_its_worker_ends_failed(clock):
    result = add.enqueue(1, 2)
    for _ in range(services.LOST_WORKER_ATTEMPTS):
        assert claim(clock) is not None
        clock.advance(31)
        services.jobs_recover_lost(now=clock())

    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "FAILED"
    assert row.exception_class_path == services.WORKER_LOST


def test_lost_attempts_count_against_the_retry_policy(clock):
    result = flaky.enqueue(failures=0)
    claim(clock)
    clock.advance(31)
    services.jobs_recover_lost(now=clock())

    assert JobState.objects.get(pk=result.id).attempts == 1
    assert claim(clock).attempt == 2


def test_released_job_goes_back_to_the_queue_without_using_an_attempt(clock):
    result = add.enqueue(1, 2)
    held = claim(clock)

    assert services.job_release(claim=held, now=clock())

    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    assert JobState.objects.get(pk=result.id).attempts == 0


def test_worker_takes_only_its_queues_and_priorities(clock):
    default_job = add.enqueue(1, 1)
    urgent = add.using(priority=50).enqueue(2, 2)
    email_job = add.using(queue_name="email").enqueue(3, 3)

    assert claim(clock, queue_names=["email"]).job.id == email_job.db_result.id
    assert claim(clock, min_priority=10).job.id == urgent.db_result.id
    assert claim(clock, min_priority=10) is None
    assert claim(clock, max_priority=0).job.id == default_job.db_result.id


def test_job_claimed_without_a_lease_is_recovered_after_an_hour(clock):
    result = add.enqueue(1, 2)
    DBTaskResult.objects.filter(id=result.id).update(
        status="RUNNING", started_at=clock() - dt.timedelta(minutes=61)
    )

    assert services.jobs_recover_lost(now=clock()) == 1
    assert DBTaskResult.objects.get(id=result.id).status == "READY"


def test_job_claimed_as_the_stop_signal_arrives_is_released_unrun(make_worker, clock):
    result = add.enqueue(1, 2)
    worker = make_worker()
    held = claim(clock, worker_id=worker.worker_id)

    worker.running = False  # what SIGTERM does
    worker.run_claimed(held)

    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    assert JobState.objects.get(pk=result.id).attempts == 0


def test_busy_worker_recovers_a_dead_workers_job_without_waiting_for_the_backlog(
    clock, make_worker
):
    lost = add.enqueue(1, 2)
    claim(clock)
    backlog = [add.enqueue(n, n) for n in range(3)]
    clock.advance(31)
    worker = make_worker("busy")

    for _ in backlog:
        assert worker.run_once()

    assert "stopped renewing its lease" in JobState.objects.get(pk=lost.id).last_error
    assert DBTaskResult.objects.get(id=lost.id).status != "RUNNING"


def test_worker_lease_defaults_to_the_job_lease_setting(settings):
    from apps.jobs.management.commands.worker import Command

    settings.JOB_LEASE_SECONDS = 7
    options = Command().create_parser("manage.py", "worker").parse_args([])

    assert options.lease_seconds == 7
