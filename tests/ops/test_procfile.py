"""The Procfile declares the formation; its `web` process serves and stops cleanly."""

import json
import shlex
import signal
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.ops.load import Load
from tests.ops.processes import (
    PRODUCTION_ENVIRONMENT,
    PROJECT_DIR,
    clean_environment,
    free_port,
    manage,
    start_process,
    wait_for_http,
)

pytestmark = pytest.mark.subprocess


def procfile() -> dict[str, str]:
    lines = (PROJECT_DIR / "Procfile").read_text().splitlines()
    return dict(
        line.split(": ", 1) for line in lines if line and not line.startswith("#")
    )


def test_procfile_declares_the_formation():
    processes = procfile()
    assert set(processes) == {"release", "web", "worker", "clock"}
    assert "migrate" in processes["release"]
    assert processes["web"] == "python -m config.server"
    assert processes["worker"] == "python manage.py worker"
    assert processes["clock"] == "python manage.py clock"


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory) -> Path:
    static_root = tmp_path_factory.mktemp("static")
    result = manage(
        "collectstatic",
        "--noinput",
        "--verbosity=0",
        env=clean_environment(**PRODUCTION_ENVIRONMENT, STATIC_ROOT=str(static_root)),
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return static_root


def web_command(*app: str) -> list[str]:
    command = shlex.split(procfile()["web"])
    assert command[0] == "python"
    return [sys.executable, *command[1:], *app]


def start_web(*app: str, **environment):
    port = free_port()
    env = clean_environment(
        **{
            **PRODUCTION_ENVIRONMENT,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "CACHE_URL": "locmem://",
            "PORT": str(port),
            "WEB_HOST": "127.0.0.1",
            "WEB_GRACE_SECONDS": "10",
            **environment,
        }
    )
    process = start_process(web_command(*app), env=env)
    base_url = f"http://127.0.0.1:{port}"
    wait_for_http(f"{base_url}/healthz", process=process)
    return process, base_url


def stop(process) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=15)


def test_web_process_serves_healthz_and_hashed_compressed_static_files(
    collected_static,
):
    manifest = json.loads((collected_static / "staticfiles.json").read_text())
    hashed_css = manifest["paths"]["css/site.css"]
    process, base_url = start_web(STATIC_ROOT=str(collected_static))
    try:
        with urllib.request.urlopen(f"{base_url}/healthz") as response:
            assert response.status == 200
            assert json.load(response) == {"status": "ok"}

        request = urllib.request.Request(
            f"{base_url}/static/{hashed_css}", headers={"Accept-Encoding": "br, gzip"}
        )
        with urllib.request.urlopen(request) as response:
            assert response.status == 200
            assert response.headers["Content-Encoding"] == "br"
            assert "immutable" in response.headers["Cache-Control"]
            assert "max-age=315360000" in response.headers["Cache-Control"]

        request = urllib.request.Request(
            f"{base_url}/static/{hashed_css}", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
    finally:
        assert stop(process) == 0


def test_sigterm_lets_the_request_in_flight_finish_and_exits_zero():
    process, base_url = start_web("tests.ops.wsgi_apps:slow")
    answers = []

    def slow_request():
        with urllib.request.urlopen(f"{base_url}/?1.5", timeout=10) as response:
            answers.append((response.status, response.read()))

    client = threading.Thread(target=slow_request)
    client.start()
    time.sleep(0.5)  # the request is now being handled
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    client.join(timeout=10)
    assert answers == [(200, b"finished")]
    assert time.monotonic() - started < 10
    # No new connections once stopped.
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base_url}/?0", timeout=2)


def test_sigterm_under_keep_alive_load_answers_every_request_in_flight_and_closes():
    process, base_url = start_web("tests.ops.wsgi_apps:slow")
    port = int(base_url.rsplit(":", 1)[1])
    with Load(
        "127.0.0.1", port, "/?0.05", keep_alive_clients=8, new_connection_clients=4
    ) as load:
        time.sleep(1)
        load.mark_stop()
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        stopped_in = time.monotonic() - started
    figures = load.stop()

    assert figures.resets == 0, "a request in flight lost its connection"
    assert figures.server_errors == 0
    assert figures.closes_announced >= 8, "keep-alive answers say Connection: close"
    # Idle keep-alive connections are closed at once, not kept for the grace period.
    assert stopped_in < 5


def test_proxy_headers_are_trusted_only_from_the_configured_proxy():
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}

    process, base_url = start_web("tests.ops.wsgi_apps:echo")
    try:
        request = urllib.request.Request(base_url, headers=forwarded)
        with urllib.request.urlopen(request) as response:
            seen = json.load(response)
        assert seen["scheme"] == "http"
        assert seen["remote_addr"] == "127.0.0.1"
        assert seen["forwarded_proto"] is None  # removed, not passed on
    finally:
        stop(process)

    process, base_url = start_web("tests.ops.wsgi_apps:echo", TRUSTED_PROXY="127.0.0.1")
    try:
        request = urllib.request.Request(base_url, headers=forwarded)
        with urllib.request.urlopen(request) as response:
            seen = json.load(response)
        assert seen["scheme"] == "https"
        assert seen["remote_addr"] == "203.0.113.7"
    finally:
        stop(process)
