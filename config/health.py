"""Liveness (/healthz) and readiness (/readyz) probes.

/readyz shows its checks' details (errors, queue figures) only to trusted callers: an
address in HEALTH_TRUSTED_IPS (addresses or networks) or a request carrying
HEALTH_TOKEN in the X-Health-Token header. Everyone else gets the status alone."""

import ipaddress
import json
import secrets
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse

_migrations_known_applied = False


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def check_cache() -> dict:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("a value written to the cache could not be read back")
    cache.delete(key)
    return {}


def check_migrations() -> dict:
    global _migrations_known_applied
    # Once every migration is applied, only a new release (a new process) can add one.
    if not _migrations_known_applied:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            raise RuntimeError(f"{len(plan)} migration(s) not applied")
        _migrations_known_applied = True
    return {}


def check_jobs() -> dict:
    """Report the job queue's figures; failed jobs are news, not unreadiness."""
    from apps.jobs.selectors import queue_figures

    return queue_figures()


READINESS_CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "migrations": check_migrations,
    "jobs": check_jobs,
}
# Checks that cannot succeed when the database is down are skipped, not run.
NEEDS_DATABASE = {"migrations", "jobs"}


def readiness() -> tuple[bool, dict]:
    results = {}
    for name, check in READINESS_CHECKS.items():
        if name in NEEDS_DATABASE and not results["database"]["ok"]:
            results[name] = {"ok": None, "skipped": "database unavailable"}
            continue
        started = time.perf_counter()
        try:
            details = check()
        except Exception as exc:  # noqa: BLE001 - a probe reports every failure
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        else:
            results[name] = {"ok": True, **details}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return all(result["ok"] is not False for result in results.values()), results


def _json(status: int, payload: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(payload), status=status, content_type="application/json"
    )
    response["Cache-Control"] = "no-store"
    return response


def is_trusted(request) -> bool:
    token = settings.HEALTH_TOKEN
    sent = request.headers.get("X-Health-Token", "")
    if token and secrets.compare_digest(sent.encode(), token.encode()):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.HEALTH_TRUSTED_IPS
    )


class HealthCheckMiddleware:
    """Answer probes directly: a platform's probe uses an internal address as its
    Host and plain HTTP, which ALLOWED_HOSTS and the HTTPS redirect would refuse."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return _json(200, {"status": "ok"})
        if request.path_info == "/readyz":
            ready, checks = readiness()
            status = {"status": "ok" if ready else "unavailable"}
            if is_trusted(request):
                failing = [name for name, r in checks.items() if r["ok"] is False]
                status.update(failing=failing, checks=checks)
            return _json(200 if ready else 503, status)
        return self.get_response(request)
