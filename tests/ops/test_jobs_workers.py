"""Real worker processes lose no job and run none twice, even when killed."""

import signal
import time

import pytest
from django_tasks_db.models import DBTaskResult, get_date_max

from apps.jobs.models import JobState
from tests.ops.jobs_processes import ManagedProcess, job_status, wait_until
from tests.ops.sample_tasks import (
    executed_keys,
    executing_pids,
    executions_table,  # noqa: F401 - a fixture
    record_execution,
)

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgres_only", "executions_table"),
]

JOBS = 1000
FAST = ["--interval", "0.01", "--no-startup-delay"]


@pytest.fixture
def start_worker(tmp_path):
    started = []

    def start(*options: str, **environment: str) -> ManagedProcess:
        process = ManagedProcess(
            ["worker", *FAST, *options],
            tmp_path / f"worker-{len(started)}.log",
            **environment,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def enqueue_many(count: int) -> None:
    """Insert the rows `record_execution.enqueue(key)` would, in one statement (a
    thousand enqueues one by one would take seconds of the test's time)."""
    DBTaskResult.objects.bulk_create(
        DBTaskResult(
            args_kwargs={"args": [key], "kwargs": {}},
            task_path=record_execution.module_path,
            queue_name="default",
            backend_name="default",
            run_after=get_date_max(),
        )
        for key in range(count)
    )


def test_worker_process_runs_a_thousand_jobs_each_exactly_once(start_worker):
    enqueue_many(JOBS)

    worker = start_worker("--batch", LOG_LEVEL="WARNING")

    assert worker.wait(timeout=60) == 0, worker.output()[-3000:]
    assert executed_keys() == list(range(JOBS))
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == JOBS


def test_two_worker_processes_share_a_thousand_jobs_each_run_exactly_once(
    start_worker,
):
    enqueue_many(JOBS)

    workers = [
        start_worker("--batch", LOG_LEVEL="WARNING"),
        start_worker("--batch", LOG_LEVEL="WARNING"),
    ]

    for worker in workers:
        assert worker.wait(timeout=60) == 0, worker.output()[-3000:]
    assert executed_keys() == list(range(JOBS))
    assert executing_pids() == {worker.pid for worker in workers}
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == JOBS


def test_job_of_a_killed_worker_is_run_again_by_another_and_succeeds(start_worker):
    job = record_execution.enqueue(7, seconds=2)
    doomed = start_worker("--lease-seconds", "1")
    wait_until(
        lambda: job_status(job.id) == "RUNNING",
        timeout=20,
        what="the first worker taking the job",
        processes=[doomed],
    )

    doomed.popen.send_signal(signal.SIGKILL)
    doomed.wait(timeout=10)
    survivor = start_worker("--lease-seconds", "1")
    wait_until(
        lambda: job_status(job.id) == "SUCCESSFUL",
        timeout=30,
        what="the job succeeding on the second worker",
        processes=[survivor],
    )

    assert executed_keys() == [7], "the killed attempt never finished"
    assert executing_pids() == {survivor.pid}
    assert len(DBTaskResult.objects.get(id=job.id).worker_ids) == 2
    assert JobState.objects.get(pk=job.id).attempts == 2


def test_sigterm_lets_the_job_in_hand_finish_takes_no_other_and_exits_0(
    start_worker,
):
    job = record_execution.enqueue(9, seconds=1.5)
    worker = start_worker("--grace-seconds", "10")
    wait_until(
        lambda: job_status(job.id) == "RUNNING",
        timeout=20,
        what="the worker taking the job",
        processes=[worker],
    )
    waiting = record_execution.enqueue(10)

    stopped_at = time.monotonic()
    worker.popen.send_signal(signal.SIGTERM)

    assert worker.wait(timeout=10) == 0, worker.output()[-3000:]
    assert time.monotonic() - stopped_at < 10
    assert job_status(job.id) == "SUCCESSFUL"
    assert executed_keys() == [9]
    assert job_status(waiting.id) == "READY"


def test_job_outlasting_the_grace_period_is_released_for_another_worker(
    start_worker,
):
    job = record_execution.enqueue(11, seconds=30)
    worker = start_worker("--grace-seconds", "0.5")
    wait_until(
        lambda: job_status(job.id) == "RUNNING",
        timeout=20,
        what="the worker taking the job",
        processes=[worker],
    )

    worker.popen.send_signal(signal.SIGTERM)

    assert worker.wait(timeout=10) == 1, worker.output()[-3000:]
    assert job_status(job.id) == "READY"
    assert executed_keys() == []
    assert JobState.objects.get(pk=job.id).attempts == 0
