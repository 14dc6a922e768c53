"""Count the SQL queries of one request per scenario, in process, through the WSGI
app the web process serves (bench.wsgi: config/fast_path.py, then the full middleware
stack), with django.test.Client's request building, against the bench's database and
cache.

Run by bench/run.py as `python -m bench.queries` in the bench's environment: reads
the scenarios (resolved paths) as JSON on stdin, prints JSON on stdout. Kept apart
from the timed runs, so counting costs the web process nothing.
"""

import itertools
import json
import sys

import django

from bench.protocol import print_result

WRITE_VERBS = ("INSERT", "UPDATE", "DELETE")
# Modules the web process should not carry unless something uses them (issue 7).
WATCHED_MODULES = ("ninja", "wagtail.api.v2.views", "wagtail.api.v3.api")
# Headers page caches use to say they answered (Wagtail Cache, CDNs, proxies).
CACHE_HEADERS = ("X-Cache", "X-Wagtail-Cache", "X-Page-Cache")
_unique = itertools.count(1)


def _url(path: str, bust: bool) -> str:
    if not bust:
        return path
    return f"{path}{'&' if '?' in path else '?'}nocache=count-{next(_unique)}"


def written_table(sql: str) -> str:
    """Return the table an INSERT INTO, UPDATE or DELETE FROM statement writes to."""
    words = sql.split()
    table = words[1] if words[0].upper() == "UPDATE" else words[2]
    return table.strip('"')


def _app_client():
    """django.test.Client sending its requests through the served WSGI app, so that
    what config/fast_path.py answers before Django (static files, page-cache hits)
    is counted as served."""
    from django.http import HttpResponse
    from django.test import Client

    from bench.wsgi import application

    class AppClient(Client):
        def request(self, **request):
            environ = self._base_environ(**request)
            started = {}

            def start_response(status, headers, exc_info=None):
                started["status"], started["headers"] = status, headers

            result = application(environ, start_response)
            try:
                content = b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
            response = HttpResponse(content, status=int(started["status"][:3]))
            for name, value in started["headers"]:
                if name.lower() != "set-cookie":
                    response[name] = value
            return response

    return AppClient


def _request(client, scenario: dict, bust: bool, user_headers: dict | None = None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = {
        name.upper().replace("-", "_"): value
        for name, value in {**scenario["headers"], **(user_headers or {})}.items()
        if name.lower() != "content-type"
    }
    extra = {f"HTTP_{name}": value for name, value in headers.items()}
    with CaptureQueriesContext(connection) as captured:
        response = client.generic(
            scenario["method"],
            _url(scenario["path"], bust),
            data=scenario["body"] or "",
            content_type=scenario["headers"].get("Content-Type", "text/plain"),
            **extra,
        )
        # Streaming responses (static files) run no queries while they stream, but
        # close them so the file handle is released.
        response.close()
    statements = [query["sql"] for query in captured.captured_queries]
    writes = [sql for sql in statements if sql.lstrip().upper().startswith(WRITE_VERBS)]
    tables = {written_table(sql) for sql in writes}
    cache_header = " ".join(
        response.get(name, "")
        for name in ("X-Cache", "X-Wagtail-Cache", "X-Page-Cache")
    ).lower()
    return {
        "status": response.status_code,
        "queries": len(statements),
        "writes": len(writes),
        "write_tables": sorted(tables),
        "cache_hit_header": "hit" in cache_header,
    }


def count(scenarios: list[dict]) -> dict:
    from django.contrib.auth import get_user_model

    from bench.fixtures import BENCH_EDITOR_EMAIL

    editor = get_user_model().objects.get(email__iexact=BENCH_EDITOR_EMAIL)
    Client = _app_client()  # noqa: N806 - a class
    results = {}
    for scenario in scenarios:
        client = Client(HTTP_HOST="127.0.0.1")
        if scenario["auth"] == "editor":
            client.force_login(editor)
        if scenario["cache"] == "warm":
            # The first request fills any page cache; the second is the one counted.
            # The same page with a unique query string says what a miss costs.
            first = _request(client, scenario, bust=False)
            result = _request(client, scenario, bust=False)
            miss = _request(client, scenario, bust=True)
            result["page_cache"] = result["cache_hit_header"] or (
                result["queries"] < miss["queries"]
            )
            result["miss_queries"] = miss["queries"]
        else:
            # A first request warms per-process state (Site lookup, templates), as
            # the wrk warm-up does for the server; the second is counted. A write
            # one person does once (booking) comes from two users of the pool.
            bust = scenario["cache"] == "off"
            first_user, second_user = scenario.get("rotate") or (None, None)
            first = _request(client, scenario, bust=bust, user_headers=first_user)
            result = _request(client, scenario, bust=bust, user_headers=second_user)
        # What the very first request wrote: an image rendition made while answering
        # a GET shows here (later requests reuse it).
        result["first_writes"] = first["writes"]
        result["first_write_tables"] = first["write_tables"]
        results[scenario["label"]] = result
    return {
        "scenarios": results,
        "modules_loaded": {name: name in sys.modules for name in WATCHED_MODULES},
    }


def main() -> None:
    django.setup()
    print_result(count(json.load(sys.stdin)))


if __name__ == "__main__":
    main()
