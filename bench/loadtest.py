"""`make loadtest`: the formation under load. Two `web` and two `worker` processes
(the Procfile's commands) on PostgreSQL and Redis; 200 users try to book one event of
50 places at the same instant while anonymous page and API traffic runs against every
web process; then checks: no 5xx, exactly 50 bookings confirmed (the database and the
API's answers agree), every email job the bookings enqueued has finished. Prints a
short report; exits 1 if a check fails or the hard timeout kills the run.

Environment (all optional): LOADTEST_DATABASE_URL
(postgres://postgres@127.0.0.1:5432/wt_loadtest, created if missing),
LOADTEST_REDIS_URL (redis://127.0.0.1:6379/5, flushed), LOADTEST_ATTEMPTS (200),
LOADTEST_PLACES (50), LOADTEST_WEBS (2), LOADTEST_WORKERS (2), LOADTEST_CLIENTS (8
background clients), LOADTEST_TIMEOUT (120 s, from starting the formation to the
verdict), LOADTEST_PREPARE_TIMEOUT (900 s: migrate, demo content, static files).
"""

import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import loadtest_report as report
from bench.loadtest_db import EVENT_SLUG
from bench.loadtest_traffic import BackgroundTraffic, booking_burst
from bench.protocol import parse_result
from bench.run import (
    PROJECT_DIR,
    PYTHON,
    bench_environment,
    ensure_database,
    free_port,
    static_files_stale,
)

PROCFILE = PROJECT_DIR / "Procfile"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wt_loadtest"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/5"
# Anonymous pages (the page cache answers most), the content API and the events API.
TRAFFIC_PATHS = [
    "/",
    "/news/",
    "/news/launching-the-new-site/",
    "/events/",
    f"/events/{EVENT_SLUG}/",
    "/api/content/v1/pages/?type=cms.articlepage&limit=20",
    "/api/content/v1/navigation/",
    "/api/v1/events/",
    f"/api/v1/events/{EVENT_SLUG}/",
]
# Traffic runs alone this long before the burst, and this long after it.
TRAFFIC_LEAD_SECONDS = 2.0
# Idle web processes and workers stop within a second of SIGTERM; past this, SIGKILL.
STOP_GRACE_SECONDS = 15


class LoadTestTimeout(Exception):
    """Raised in the main thread when the hard timeout expires."""


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


@dataclass
class Config:
    database_url: str
    redis_url: str | None
    attempts: int = 200
    places: int = 50
    webs: int = 2
    workers: int = 2
    clients: int = 8
    timeout: int = 120
    prepare_timeout: int = 900
    # False when the database is ready already (the end-to-end test's): no migrate,
    # no demo content, no collectstatic.
    prepare: bool = True
    traffic_paths: list[str] = field(default_factory=lambda: list(TRAFFIC_PATHS))
    log_dir: Path | None = None

    @classmethod
    def from_environment(cls) -> "Config":
        return cls(
            database_url=os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_DATABASE_URL),
            redis_url=os.environ.get("LOADTEST_REDIS_URL", DEFAULT_REDIS_URL),
            attempts=_int_env("LOADTEST_ATTEMPTS", 200),
            places=_int_env("LOADTEST_PLACES", 50),
            webs=_int_env("LOADTEST_WEBS", 2),
            workers=_int_env("LOADTEST_WORKERS", 2),
            clients=_int_env("LOADTEST_CLIENTS", 8),
            timeout=_int_env("LOADTEST_TIMEOUT", 120),
            prepare_timeout=_int_env("LOADTEST_PREPARE_TIMEOUT", 900),
        )


def log(message: str) -> None:
    print(f"[loadtest] {message}", file=sys.stderr, flush=True)


def procfile_command(process_type: str, procfile: Path = PROCFILE) -> list[str]:
    """Return the Procfile's command for the process type, run by this Python."""
    for line in procfile.read_text().splitlines():
        name, _, command = line.partition(":")
        if name.strip() == process_type:
            words = shlex.split(command)
            if words and words[0] == "python":
                words[0] = PYTHON
            return words
    raise SystemExit(f"no {process_type!r} process in {procfile}")


def formation_environment(config: Config) -> dict[str, str]:
    """Return the bench's production settings (DEBUG off, loopback, throttles that
    never refuse one address) with the project's own settings module."""
    environment = bench_environment(config.database_url, config.redis_url or "")
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    if not config.redis_url:
        # Every process must share one cache: the database's.
        environment.pop("REDIS_URL")
    return environment


def run_python(
    environment: dict[str, str], args: list[str], timeout: float
) -> subprocess.CompletedProcess:
    completed = subprocess.run(
        [PYTHON, *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-3000:])
        raise SystemExit(f"{' '.join(args)} failed")
    return completed


def prepare(config: Config, environment: dict[str, str]) -> None:
    """Prepare the database as a release would (as `make bench` does)."""
    log("preparing the database (migrate, cache table, demo content, static files)")
    ensure_database(config.database_url)
    timeout = config.prepare_timeout
    run_python(environment, ["manage.py", "migrate", "--noinput"], timeout)
    run_python(environment, ["manage.py", "createcachetable"], timeout)
    run_python(environment, ["manage.py", "load_demo_content"], timeout)
    if static_files_stale():
        run_python(
            environment,
            ["manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            timeout,
        )
    # As in `make bench`: the jobs the demo content queued (renditions, search and
    # reference index) run now, so the workers start the test with an empty queue.
    run_python(
        environment, ["manage.py", "worker", "--batch", "--no-startup-delay"], timeout
    )
    if config.redis_url:
        import redis

        redis.Redis.from_url(config.redis_url).flushdb()


class Formation:
    """The web and worker processes, logging to files (pipes nobody reads block)."""

    def __init__(self, config: Config, environment: dict[str, str], log_dir: Path):
        self.environment = environment
        self.log_dir = log_dir
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.base_urls: list[str] = []
        for number in range(config.webs):
            port = free_port()
            self._start(f"web-{number + 1}", procfile_command("web"), PORT=str(port))
            self.base_urls.append(f"http://127.0.0.1:{port}")
        for number in range(config.workers):
            self._start(f"worker-{number + 1}", procfile_command("worker"))

    def _start(self, name: str, command: list[str], **extra: str) -> None:
        log_file = (self.log_dir / f"{name}.log").open("w")
        process = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env={**self.environment, **extra},
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        log_file.close()
        self.processes.append((name, process))

    def wait_ready(self, deadline: float) -> None:
        import urllib.error
        import urllib.request

        for base_url in self.base_urls:
            while True:
                self.check_alive()
                try:
                    with urllib.request.urlopen(base_url + "/healthz", timeout=2):
                        break
                except (OSError, urllib.error.URLError):
                    if time.monotonic() > deadline:
                        raise SystemExit(f"{base_url} not ready") from None
                    time.sleep(0.2)

    def check_alive(self) -> None:
        for name, process in self.processes:
            if process.poll() is not None:
                raise SystemExit(
                    f"{name} exited ({process.returncode}); see "
                    f"{self.log_dir / name}.log"
                )

    def stop(self, *, kill: bool = False) -> None:
        """Stop every process: SIGTERM (they drain), SIGKILL for any still running
        after STOP_GRACE_SECONDS in all, or at once."""
        for _, process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for _, process in self.processes:
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _raise_timeout(signum, frame) -> None:
    raise LoadTestTimeout


def run(config: Config) -> tuple[int, str]:
    """Run the load test; return the exit status and the report."""
    environment = formation_environment(config)
    if config.prepare:
        signal.signal(signal.SIGALRM, _raise_timeout)
        signal.alarm(config.prepare_timeout)
        try:
            prepare(config, environment)
        except LoadTestTimeout:
            return 1, f"FAILED: preparing took over {config.prepare_timeout} s"
        finally:
            signal.alarm(0)

    log_dir = config.log_dir or Path(tempfile.mkdtemp(prefix="loadtest-"))
    started = time.monotonic()
    formation = None
    traffic = None
    signal.signal(signal.SIGALRM, _raise_timeout)
    # The hard bound: from here to the verdict, whatever hangs.
    signal.alarm(config.timeout)
    try:
        log(f"creating {config.attempts} users and the event ({config.places} places)")
        fixtures = parse_result(
            run_python(
                environment,
                [
                    "-m",
                    "bench.loadtest_db",
                    "setup",
                    f"--attempts={config.attempts}",
                    f"--places={config.places}",
                ],
                config.timeout,
            ).stdout
        )
        log(f"starting {config.webs} web and {config.workers} worker processes")
        formation = Formation(config, environment, log_dir)
        formation.wait_ready(deadline=started + config.timeout)

        traffic = BackgroundTraffic(
            formation.base_urls, config.traffic_paths, config.clients
        )
        traffic.start()
        time.sleep(TRAFFIC_LEAD_SECONDS)
        log(f"{config.attempts} booking attempts at once")
        burst_started = time.monotonic()
        bookings = booking_burst(
            formation.base_urls, fixtures["tokens"], fixtures["event"]
        )
        burst_seconds = time.monotonic() - burst_started
        time.sleep(TRAFFIC_LEAD_SECONDS)
        traffic_answers = traffic.stop()
        formation.check_alive()

        log("waiting for the workers to finish the email jobs")
        remaining = config.timeout - (time.monotonic() - started) - 5
        state = parse_result(
            run_python(
                environment,
                [
                    "-m",
                    "bench.loadtest_db",
                    "state",
                    f"--event={fixtures['event']}",
                    f"--since={fixtures['since']}",
                    f"--wait={max(remaining - 5, 1):.0f}",
                ],
                max(remaining, 1),
            ).stdout
        )
    except LoadTestTimeout:
        if traffic is not None:
            traffic.stop()
        return 1, (
            f"FAILED: the load test did not finish within {config.timeout} s "
            f"(everything was killed); logs in {log_dir}"
        )
    finally:
        signal.alarm(0)
        if formation is not None:
            formation.stop(kill=time.monotonic() - started >= config.timeout)

    checks = report.checks(
        bookings=bookings,
        traffic=traffic_answers,
        state=state,
        attempts=config.attempts,
        places=config.places,
    )
    text = report.render(
        checks,
        bookings=bookings,
        traffic=traffic_answers,
        figures={
            "webs": config.webs,
            "workers": config.workers,
            "attempts": config.attempts,
            "places": config.places,
            "traffic_threads": config.clients,
            "burst_seconds": burst_seconds,
            "traffic_seconds": traffic.seconds,
            "total_seconds": time.monotonic() - started,
            "timeout": config.timeout,
        },
    )
    status = report.exit_status(checks)
    if status:
        text += f"\nLogs: {log_dir}"
    return status, text


def main() -> int:
    status, text = run(Config.from_environment())
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
