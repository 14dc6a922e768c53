"""Recurring jobs run once by hand; the `jobs` command reports on the queue."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from apps.jobs import services
from tests.ops.sample_tasks import add

pytestmark = pytest.mark.django_db


def test_recurring_job_runs_once_by_hand(clock):
    result = add.enqueue(1, 2)
    services.job_claim(
        worker_id="dead", now=clock() - dt.timedelta(hours=1), lease_seconds=30
    )
    output = StringIO()

    call_command("run_recurring_job", "recover_lost_jobs", stdout=output)

    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    assert "Ran recover_lost_jobs: 1" in output.getvalue()


def test_recurring_job_can_be_enqueued_by_hand():
    call_command(
        "run_recurring_job", "clear_expired_sessions", "--enqueue", stdout=StringIO()
    )

    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "apps.jobs.tasks.clear_expired_sessions"
    ]


def test_unknown_recurring_job_is_refused_with_the_known_names():
    with pytest.raises(CommandError, match="publish_scheduled"):
        call_command("run_recurring_job", "no_such_job")
