"""Worker and clock processes ride out a database outage: they stay up, log it, and
carry on when PostgreSQL is back (a private cluster, stopped and restarted here)."""

import shutil
import signal
import time
from glob import glob

import pytest

from tests.ops.formation import (
    JOBS_TABLE,
    clock_lock_held,
    enqueue_executions,
    enqueued_count,
    executions_per_key,
    job_statuses,
    prepare_database,
)
from tests.ops.jobs_processes import ManagedProcess, wait_until
from tests.ops.private_services import PrivatePostgres

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(
        not glob("/usr/lib/postgresql/*/bin/initdb") or not shutil.which("runuser"),
        reason="needs PostgreSQL's initdb/pg_ctl to start a private cluster",
    ),
]


@pytest.fixture(scope="module")
def postgres():
    cluster = PrivatePostgres()
    try:
        prepare_database(cluster)
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def start(tmp_path, postgres):
    started = []

    def start(*args: str) -> ManagedProcess:
        process = ManagedProcess(
            list(args),
            tmp_path / f"{args[0]}-{len(started)}.log",
            DATABASE_URL=postgres.url,
            CACHE_URL="locmem://",
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def test_worker_hands_back_the_job_in_hand_and_carries_on_after_an_outage(
    postgres, start
):
    postgres.sql(f"TRUNCATE {JOBS_TABLE} CASCADE")  # noqa: S608
    worker = start(
        "worker", "--interval", "0.05", "--no-startup-delay", "--lease-seconds", "3"
    )
    enqueue_executions(postgres, range(1, 2), seconds=2)
    wait_until(
        lambda: job_statuses(postgres).get("RUNNING") == 1,
        timeout=30,
        what="the worker starting the job",
        processes=[worker],
    )

    postgres.stop()
    time.sleep(6)  # past the job's end and twice its lease
    assert worker.popen.poll() is None, worker.output()
    postgres.start()
    enqueue_executions(postgres, range(2, 6))

    wait_until(
        lambda: job_statuses(postgres) == {"SUCCESSFUL": 5},
        timeout=30,
        what="every job succeeding after the outage",
        processes=[worker],
    )
    assert executions_per_key(postgres) == dict.fromkeys(range(1, 6), 1)
    log = worker.output()
    assert "handed back to the queue" in log
    assert "Service back after" in log
    assert "Traceback" not in log
    worker.popen.send_signal(signal.SIGTERM)
    # Generous: on a loaded two-core machine the exit itself was seen to take over 10 s.
    assert worker.wait(timeout=30) == 0, worker.output()[-3000:]


def test_clock_stays_up_through_an_outage_and_leads_again(postgres, start):
    task_path = "apps.jobs.tasks.publish_scheduled_pages"
    clock = start("clock", "--every-seconds", "2", "--standby-poll-seconds", "0.5")
    wait_until(
        lambda: enqueued_count(postgres, task_path) > 0,
        timeout=30,
        what="the clock enqueuing",
        processes=[clock],
    )

    postgres.stop()
    time.sleep(8)
    assert clock.popen.poll() is None, clock.output()
    postgres.start()
    before = enqueued_count(postgres, task_path)

    wait_until(
        lambda: enqueued_count(postgres, task_path) > before + 1,
        timeout=30,
        what="the clock enqueuing again",
        processes=[clock],
    )
    assert clock_lock_held(postgres)
    clock.popen.send_signal(signal.SIGTERM)
    assert clock.wait(timeout=30) == 0, clock.output()[-3000:]
    assert "Traceback" not in clock.output()
