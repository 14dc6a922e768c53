"""`make profile`: pyinstrument profiles (HTML and text) of the slowest uncached page
and of the API listing, saved under bench/profiles/.

The slowest uncached page is read from bench/results/latest.json (run `make bench`
first; without it, every page marked profile="page" is profiled). The API listing is
the first runnable scenario marked profile="api" (until the content API exists, the
events list page). Requests run in process through the full middleware stack with the
bench's settings and database, after one request that warms per-process state.

Environment: BENCH_PROFILE_REQUESTS (200), plus the bench's BENCH_DATABASE_URL and
BENCH_REDIS_URL.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bench.protocol import parse_result, print_result
from bench.scenarios import APP, OFF, PROFILE_API_FALLBACK, SCENARIOS, Scenario

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROFILES_DIR = PROJECT_DIR / "bench" / "profiles"
RESULTS_FILE = PROJECT_DIR / "bench" / "results" / "latest.json"


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def choose(scenarios: list[Scenario], results: dict | None) -> list[Scenario]:
    """Return the slowest measured uncached page and the API listing to profile."""
    runnable = [s for s in scenarios if s.server == APP and not s.is_pending]
    pages = [s for s in runnable if s.profile == "page" and s.cache == OFF]
    rps = {
        row["label"]: row["rps"]
        for row in (results or {}).get("rows", [])
        if row.get("rps") is not None
    }
    measured_pages = [s for s in pages if s.label in rps]
    if measured_pages:
        pages = [min(measured_pages, key=lambda s: rps[s.label])]
    apis = [s for s in runnable if s.profile == "api"] or [
        s for s in runnable if s.name == PROFILE_API_FALLBACK
    ]
    # The API fallback may also be the slowest page: profile it once.
    return list({s.label: s for s in pages + apis[:1]}.values())


def profile_in_process(labels: list[str], requests: int) -> dict:
    """Profile each scenario (run inside the bench's environment)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from pyinstrument import Profiler

    from bench.fixtures import BENCH_EDITOR_EMAIL

    written = {}
    by_label = {scenario.label: scenario for scenario in SCENARIOS}
    for label in labels:
        scenario = by_label[label]
        client = Client(HTTP_HOST="127.0.0.1")
        if scenario.auth == "editor":
            client.force_login(
                get_user_model().objects.get(email__iexact=BENCH_EDITOR_EMAIL)
            )

        def get(number: int, scenario=scenario, client=client):
            separator = "&" if "?" in scenario.path else "?"
            path = scenario.path
            if scenario.cache == OFF:
                path = f"{path}{separator}nocache=profile-{number}"
            response = client.generic(scenario.method, path, data=scenario.body or "")
            response.close()
            return response.status_code

        status = get(0)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for number in range(1, requests + 1):
            get(number)
        profiler.stop()
        target = PROFILES_DIR / f"{slug(label)}.html"
        target.write_text(profiler.output_html())
        # The same profile as text, short enough to paste into an issue.
        target.with_suffix(".txt").write_text(
            profiler.output_text(unicode=True, show_all=True, time="percent_of_total")
        )
        written[label] = {
            "file": str(target.relative_to(PROJECT_DIR)),
            "status": status,
        }
    return written


def main(argv: list[str]) -> int:
    if argv[:1] == ["--in-process"]:
        requests = int(os.environ.get("BENCH_PROFILE_REQUESTS", "200"))
        print_result(profile_in_process(argv[1:], requests))
        return 0

    from bench.run import (
        DEFAULT_DATABASE_URL,
        DEFAULT_REDIS_URL,
        bench_environment,
        prepare,
    )

    results = json.loads(RESULTS_FILE.read_text()) if RESULTS_FILE.exists() else None
    chosen = choose(SCENARIOS, results)
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    environment = bench_environment(
        database_url, os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    )
    prepare(environment, database_url, chosen)
    # Log warnings only: one access line per profiled request would drown the output.
    environment["LOG_LEVEL"] = "WARNING"
    PROFILES_DIR.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.profile",
            "--in-process",
            *[s.label for s in chosen],
        ],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        return completed.returncode
    for label, written in parse_result(completed.stdout).items():
        print(f"{label}: {written['file']} (HTTP {written['status']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
