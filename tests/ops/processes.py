"""Start the project's own processes (manage.py commands, the web server) for tests."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parents[2]

# A production-like environment: DEBUG off, HTTPS on, every required variable set.
PRODUCTION_ENVIRONMENT = {
    "DEBUG": "false",
    "DJANGO_SECRET_KEY": "p8Xv2kQ9mZr4Lw7Tn1Yb6Hc3Js5Gd0Fa-Ue_Ri8Oq2Wt4Ey6Iu9Po1As3",
    "ALLOWED_HOSTS": "example.com",
    "BASE_URL": "https://example.com",
    "SECURE_HSTS_PRELOAD": "true",
    "ENVIRONMENT": "production",
}


def clean_environment(**overrides: str | None) -> dict[str, str]:
    """Return this environment minus the project's variables, plus overrides."""
    project_vars = {
        "DEBUG",
        "DJANGO_SECRET_KEY",
        "ALLOWED_HOSTS",
        "BASE_URL",
        "SECURE_SSL_REDIRECT",
        "ENVIRONMENT",
        "LOG_FORMAT",
        "CACHE_URL",
        "REDIS_URL",
        "DATABASE_URL",
        "DJANGO_SETTINGS_MODULE",
        "SECURE_HSTS_PRELOAD",
        "STATIC_ROOT",
        "PORT",
        "TRUSTED_PROXY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "LANGUAGES",
        "LANGUAGE_CODE",
    }
    environment = {k: v for k, v in os.environ.items() if k not in project_vars}
    environment["PYTHONUNBUFFERED"] = "1"
    for name, value in overrides.items():
        if value is not None:
            environment[name] = value
    return environment


def database_url_for_subprocess() -> str:
    """Return a DATABASE_URL pointing at the database the current test uses."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    user = params.get("USER") or ""
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{params['NAME']}"


def cache_url_for_subprocess() -> str | None:
    location = settings.CACHES["default"].get("LOCATION")
    backend = settings.CACHES["default"]["BACKEND"]
    return location if backend.endswith("RedisCache") else None


def manage(
    *args: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_process(command: list[str], *, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for_http(url: str, *, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"process exited early:\n{process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {timeout}s")
