"""A failed attempt is retried by its task's policy, after the backoff, never before."""

import datetime as dt
import random

import pytest
from django_tasks_db.models import DBTaskResult

from apps.jobs.models import JobState
from apps.jobs.retries import policy_for
from tests.ops.sample_tasks import add, always_fails, flaky

pytestmark = pytest.mark.django_db


def test_task_failing_twice_then_succeeding_ends_successful_after_three_attempts(
    make_worker, clock
):
    result = flaky.enqueue(failures=2)
    worker = make_worker()
    policy = policy_for(flaky.module_path)
    expected_rng = random.Random(6)

    assert worker.run_once()
    row = DBTaskResult.objects.get(id=result.id)
    first_delay = policy.delay_before(2, rng=expected_rng)
    assert row.status == "READY"
    assert row.run_after == clock() + dt.timedelta(seconds=first_delay)
    assert "attempt 1 fails on purpose" in JobState.objects.get(pk=result.id).last_error

    clock.advance(first_delay - 1)
    assert not worker.run_once(), "the retry ran before its backoff had passed"
    assert DBTaskResult.objects.get(id=result.id).status == "READY"

    clock.advance(1)
    assert worker.run_once()
    second_delay = policy.delay_before(3, rng=expected_rng)
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "READY"
    assert row.run_after == clock() + dt.timedelta(seconds=second_delay)
    assert second_delay > first_delay, "backoff grows between attempts"

    clock.advance(second_delay - 1)
    assert not worker.run_once()
    clock.advance(1)
    assert worker.run_once()

    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "SUCCESSFUL"
    assert row.return_value == "succeeded on attempt 3"
    assert JobState.objects.get(pk=result.id).attempts == 3


def test_last_failure_ends_failed_with_its_traceback_kept(make_worker, clock):
    result = always_fails.enqueue()
    worker = make_worker()

    assert worker.run_once()
    clock.advance(3600)
    assert worker.run_once()

    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "FAILED"
    assert row.exception_class_path == "builtins.ValueError"
    assert "this task always fails" in row.traceback
    assert "Traceback" in row.traceback
    state = JobState.objects.get(pk=result.id)
    assert state.attempts == 2
    assert state.lease_expires_at is None
    assert not worker.run_once(), "a failed job is not run again"


def test_task_without_a_policy_gets_one_attempt(make_worker):
    result = add.enqueue(1, "not a number")

    assert make_worker().run_once()

    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "FAILED"
    assert row.exception_class_path == "builtins.TypeError"
    assert JobState.objects.get(pk=result.id).attempts == 1


def test_successful_job_records_its_return_value_and_drops_its_lease(make_worker):
    result = add.enqueue(2, 3)

    assert make_worker().run_once()

    row = DBTaskResult.objects.get(id=result.id)
    assert (row.status, row.return_value) == ("SUCCESSFUL", 5)
    state = JobState.objects.get(pk=result.id)
    assert (state.attempts, state.claimed_by, state.lease_expires_at) == (1, "", None)
