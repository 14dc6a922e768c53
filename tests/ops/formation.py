"""The formation's database side on a private PostgreSQL cluster: the schema, jobs
to run and what became of them (for the outage tests and `make chaos`)."""

import subprocess
import sys

from tests.ops.private_services import PrivatePostgres
from tests.ops.processes import PROJECT_DIR, clean_environment
from tests.ops.sample_tasks import EXECUTIONS_TABLE, record_execution

JOBS_TABLE = "django_tasks_database_dbtaskresult"


def prepare_database(postgres: PrivatePostgres) -> None:
    """Migrate the private cluster and add the executions table sample tasks write."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=PROJECT_DIR,
        env=clean_environment(DEBUG="true", DATABASE_URL=postgres.url),
        check=True,
        capture_output=True,
        timeout=300,
    )
    postgres.sql(
        f"CREATE TABLE {EXECUTIONS_TABLE} (job_key integer NOT NULL, pid integer)"
    )


def enqueue_executions(
    postgres: PrivatePostgres, keys: range, *, seconds: float = 0.0
) -> None:
    """Insert the rows `record_execution.enqueue(key, seconds)` would, in one
    statement (the test process's own database is another one)."""
    postgres.sql(
        f"""
        INSERT INTO {JOBS_TABLE} (id, status, enqueued_at, args_kwargs, priority,
            task_path, worker_ids, queue_name, backend_name, run_after,
            exception_class_path, traceback)
        SELECT gen_random_uuid(), 'READY', now(),
            jsonb_build_object(
                'args', jsonb_build_array(key, %s), 'kwargs', '{{}}'::jsonb
            ),
            0, %s, '[]', 'default', 'default', '9999-01-01 00:00:00+00', '', ''
        FROM unnest(%s) AS key
        """,  # noqa: S608 - our table names
        [seconds, record_execution.module_path, list(keys)],
    )


def job_statuses(postgres: PrivatePostgres) -> dict[str, int]:
    rows = postgres.sql(f"SELECT status, count(*) FROM {JOBS_TABLE} GROUP BY status")  # noqa: S608
    return dict(rows)


def executions_per_key(postgres: PrivatePostgres) -> dict[int, int]:
    rows = postgres.sql(
        f"SELECT job_key, count(*) FROM {EXECUTIONS_TABLE} GROUP BY job_key"  # noqa: S608
    )
    return dict(rows)


def enqueued_count(postgres: PrivatePostgres, task_path: str) -> int:
    rows = postgres.sql(
        f"SELECT count(*) FROM {JOBS_TABLE} WHERE task_path = %s",  # noqa: S608
        [task_path],
    )
    return rows[0][0]


def clock_lock_held(postgres: PrivatePostgres) -> bool:
    from apps.jobs.clock import CLOCK_LOCK_KEY

    rows = postgres.sql(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
        "AND objid = %s",
        [CLOCK_LOCK_KEY],
    )
    return rows[0][0] > 0
