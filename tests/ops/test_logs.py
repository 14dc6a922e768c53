"""Logs: one line per event; every line of a request carries its request id."""

import json
import logging

import pytest
from django.test import RequestFactory

from apps.jobs.worker import Worker
from config.logs import JsonFormatter, RequestIdFilter, TextFormatter
from config.request_id import RequestIdMiddleware
from tests.ops.sample_tasks import add


class Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def captured():
    handler = Capture()
    root = logging.getLogger()
    root.addHandler(handler)
    previous = root.level
    root.setLevel(logging.INFO)
    yield handler
    root.removeHandler(handler)
    root.setLevel(previous)


@pytest.fixture
def started_client(client):
    """A client whose handler is built: building it loads the middleware, and
    WhiteNoise's start-up scan logs (outside any request) belong to start-up."""
    client.get("/healthz")
    return client


def test_json_lines_carry_the_request_id_on_every_line(
    home_page, started_client, captured
):
    client = started_client
    response = client.get("/", headers={"X-Request-ID": "req-0123456789abcdef"})

    assert response["X-Request-ID"] == "req-0123456789abcdef"
    records = [json.loads(line) for line in captured.lines]
    assert records, "the request logged nothing"
    assert {record["request_id"] for record in records} == {"req-0123456789abcdef"}
    access = [record for record in records if record["logger"] == "access"]
    assert len(access) == 1
    assert access[0]["method"] == "GET"
    assert access[0]["path"] == "/"
    assert access[0]["status"] == 200
    assert access[0]["duration_ms"] >= 0


@pytest.mark.parametrize(
    "incoming", ["", "short", "has spaces in it", "x" * 200, "new\nline-injected"]
)
def test_malformed_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})

    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_by_a_request_logs_with_that_request_id(captured):
    def view(request):
        add.enqueue(2, 2)
        logging.getLogger("tests.view").info("enqueued")
        from django.http import HttpResponse

        return HttpResponse("ok")

    request = RequestFactory().get("/", headers={"X-Request-ID": "req-for-task-0001"})
    RequestIdMiddleware(view)(request)
    captured.lines.clear()

    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()

    task_lines = [
        json.loads(line)
        for line in captured.lines
        if json.loads(line)["logger"] == "tests.sample_tasks"
    ]
    assert len(task_lines) == 1
    assert task_lines[0]["request_id"] == "req-for-task-0001"


def test_text_format_is_one_line_with_the_request_id():
    record = logging.makeLogRecord(
        {"name": "x", "levelname": "INFO", "msg": "hello", "request_id": "abc12345"}
    )
    line = TextFormatter().format(record)
    assert "\n" not in line
    assert "[abc12345] hello" in line


@pytest.mark.django_db
def test_a_404_is_one_line_of_the_access_log(started_client, captured):
    response = started_client.get("/no-such-page-anywhere/")

    assert response.status_code == 404
    lines = [
        json.loads(line)
        for line in captured.lines
        if "/no-such-page-anywhere/" in json.loads(line)["message"]
    ]
    assert [line["logger"] for line in lines] == ["access"]


def test_clock_jobs_are_logged_by_their_names():
    from apps.jobs.management.commands.clock import Command

    scheduler = Command()._scheduler(lock=None, every_seconds=None)
    names = {job.name for job in scheduler.get_jobs()}

    assert "publish_scheduled" in names
    assert "watch_clock_lock" in names
    assert not [name for name in names if "<" in name]
