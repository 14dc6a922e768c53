"""The load test's machinery end to end, small: ten users try to book three places at
once through a real web process while a worker sends the emails."""

import time

import pytest

import bench.loadtest
from bench.loadtest import Config, procfile_command, run
from bench.loadtest_db import EVENT_SLUG
from tests.ops.processes import cache_url_for_subprocess, database_url_for_subprocess

PROCFILE = """release: python manage.py migrate --noinput
web: python -m config.server
worker: python manage.py worker --queue-name=email
"""


def test_the_formation_is_started_with_the_procfiles_commands(tmp_path):
    procfile = tmp_path / "Procfile"
    procfile.write_text(PROCFILE)
    web = procfile_command("web", procfile)
    worker = procfile_command("worker", procfile)
    assert web[1:] == ["-m", "config.server"]
    assert worker[1:] == ["manage.py", "worker", "--queue-name=email"]
    assert web[0] == worker[0] != "python"  # this virtualenv's Python
    with pytest.raises(SystemExit):
        procfile_command("clock", procfile)


def test_a_run_that_outlasts_the_timeout_is_cut_short_and_fails(monkeypatch, tmp_path):
    def hangs(*args, **kwargs):
        time.sleep(30)

    monkeypatch.setattr(bench.loadtest, "run_python", hangs)
    started = time.monotonic()
    status, report = run(
        Config(
            database_url="postgres://nowhere/none",
            redis_url=None,
            timeout=1,
            prepare=False,
            log_dir=tmp_path,
        )
    )
    assert time.monotonic() - started < 5
    assert status == 1
    assert report.startswith("FAILED: the load test did not finish within 1 s")


@pytest.mark.subprocess
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_a_small_burst_confirms_exactly_the_places_and_every_email_is_sent(tmp_path):
    status, report = run(
        Config(
            database_url=database_url_for_subprocess(),
            redis_url=cache_url_for_subprocess(),
            attempts=10,
            places=3,
            webs=1,
            workers=1,
            clients=2,
            timeout=60,
            prepare=False,  # the test database is migrated; no demo content needed
            traffic_paths=["/api/v1/events/", f"/api/v1/events/{EVENT_SLUG}/"],
            log_dir=tmp_path,
        )
    )

    assert status == 0, report
    assert "PASS  exactly 3 bookings confirmed in the database" in report
    assert "10 attempts, 10 answers (201: 10): 3 confirmed, 7 waitlisted" in report
    assert "10 jobs for 10 bookings ({'SUCCESSFUL': 10})" in report
