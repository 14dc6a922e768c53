"""Fixtures for the business apps: two languages, tasks run at once, a local CRM
receiver."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.cms.i18n import languages


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; these tests hash hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def two_languages(db):
    """A site in English (the default) and German, as LANGUAGES=en,de configures."""
    with languages():
        yield


@pytest.fixture
def immediate_tasks(settings):
    """Run enqueued tasks in-process, as soon as they are enqueued (after commit)."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASKS["default"]["QUEUES"],
        }
    }


class Receiver:
    """What the local CRM server received, and the statuses it will answer with."""

    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []  # consumed one per request; then 200

    def next_status(self) -> int:
        return self.statuses.pop(0) if self.statuses else 200


@pytest.fixture
def crm(settings):
    """A real HTTP server on 127.0.0.1 standing in for the CRM."""
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802  (http.server's naming)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            receiver.requests.append(
                {"headers": dict(self.headers), "body": body, "json": json.loads(body)}
            )
            self.send_response(receiver.next_status())
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CRM_WEBHOOK_URL = f"http://127.0.0.1:{server.server_port}/hooks/"
    settings.CRM_WEBHOOK_SECRET = "s" * 40
    settings.CRM_WEBHOOK_TIMEOUT = 2
    receiver.url = settings.CRM_WEBHOOK_URL
    yield receiver
    server.shutdown()
    server.server_close()
