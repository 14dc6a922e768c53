"""The `worker` process runs what is enqueued."""

import pytest
from django_tasks_db.models import DBTaskResult

from tests.ops.processes import (
    PRODUCTION_ENVIRONMENT,
    cache_url_for_subprocess,
    clean_environment,
    database_url_for_subprocess,
    manage,
)
from tests.ops.sample_tasks import add

pytestmark = [pytest.mark.subprocess, pytest.mark.django_db(transaction=True)]


def test_worker_process_runs_an_enqueued_task():
    result = add.enqueue(2, 3)

    worker = manage(
        "worker",
        "--batch",
        "--no-startup-delay",
        env=clean_environment(
            **PRODUCTION_ENVIRONMENT,
            DATABASE_URL=database_url_for_subprocess(),
            CACHE_URL=cache_url_for_subprocess() or "locmem://",
        ),
    )

    assert worker.returncode == 0, worker.stdout + worker.stderr
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "SUCCESSFUL"
    assert row.return_value == 5
