"""/healthz: the process is alive; /readyz: it can serve, or what is wrong."""

import json
import urllib.error
import urllib.request

import pytest

from tests.ops.processes import free_port
from tests.ops.test_procfile import start_web, stop


def test_healthz_answers_without_touching_the_database(client):
    # No `db` fixture: pytest-django makes any database access here an error.
    # The Host is a platform's internal address, not in ALLOWED_HOSTS.
    response = client.get("/healthz", headers={"host": "10.0.0.12"})
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_reports_every_check(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert set(body["checks"]) == {"database", "cache", "migrations", "jobs"}
    assert "oldest_waiting_seconds" in body["checks"]["jobs"]


@pytest.mark.django_db
def test_readyz_reports_the_age_of_the_oldest_waiting_job(client):
    import time_machine
    from django.utils import timezone

    from tests.ops.sample_tasks import add

    with time_machine.travel(timezone.now() - timezone.timedelta(minutes=5)):
        add.enqueue(1, 1)
    response = client.get("/readyz")

    assert response.json()["checks"]["jobs"]["oldest_waiting_seconds"] >= 300


@pytest.mark.subprocess
def test_readyz_answers_503_naming_the_database_when_it_is_unreachable():
    unreachable = f"postgres://postgres@127.0.0.1:{free_port()}/nowhere"
    process, base_url = start_web(DATABASE_URL=unreachable, CONN_MAX_AGE="0")
    try:
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(f"{base_url}/readyz", timeout=10)
        assert raised.value.code == 503
        body = json.load(raised.value)
        assert body["status"] == "unavailable"
        assert body["failing"] == ["database"]
        assert body["checks"]["database"]["ok"] is False
        assert body["checks"]["cache"]["ok"] is True
    finally:
        stop(process)
