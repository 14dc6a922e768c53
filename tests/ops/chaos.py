"""`make chaos`: the formation (web, two workers, clock) on a private PostgreSQL
cluster and redis-server, under web load and a steady feed of jobs, while each service
is stopped and frozen and web and worker get SIGTERM. Prints one row per fault:
requests, 5xx, resets, jobs lost, jobs run twice, recovery times. Exits 1 if a process
died or a job was lost.

    python -m tests.ops.chaos [--seconds 6]
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")
django.setup()

from tests.ops.formation import (  # noqa: E402 - Django first
    JOBS_TABLE,
    clock_lock_held,
    enqueue_executions,
    prepare_database,
)
from tests.ops.load import Load  # noqa: E402
from tests.ops.private_services import PrivatePostgres, PrivateRedis  # noqa: E402
from tests.ops.processes import (  # noqa: E402
    PRODUCTION_ENVIRONMENT,
    PROJECT_DIR,
    clean_environment,
    free_port,
)
from tests.ops.sample_tasks import EXECUTIONS_TABLE  # noqa: E402

# A page that reads the database (the API would answer the single client address of
# the load with 429 after a while: its anonymous rate limit).
WEB_PATH = "/events/"
LEASE_SECONDS = "5"


@dataclass
class Row:
    fault: str
    requests: int = 0
    server_errors: int = 0
    resets: int = 0
    timeouts: int = 0
    jobs_enqueued: int = 0
    jobs_lost: int = 0
    jobs_twice: int = 0
    recovery: dict = field(default_factory=dict)
    note: str = ""
    died: list = field(default_factory=list)
    keys: range = range(0)


class Formation:
    def __init__(self, postgres: PrivatePostgres, redis: PrivateRedis, logs: Path):
        self.postgres, self.redis, self.logs = postgres, redis, logs
        self.port = free_port()
        self.environment = clean_environment(
            **{
                **PRODUCTION_ENVIRONMENT,
                "DATABASE_URL": postgres.url,
                "REDIS_URL": redis.url,
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "false",
                "PORT": str(self.port),
                "WEB_HOST": "127.0.0.1",
                "WEB_GRACE_SECONDS": "10",
                "JOB_LEASE_SECONDS": LEASE_SECONDS,
            }
        )
        self.processes: dict[str, subprocess.Popen] = {}
        self.exits: list[str] = []

    def start(self, name: str) -> None:
        kind = name.rstrip("0123456789")
        command = {
            "web": [sys.executable, "-m", "config.server"],
            "worker": [
                sys.executable,
                "manage.py",
                "worker",
                "--interval",
                "0.1",
                "--no-startup-delay",
                "--grace-seconds",
                "10",
            ],
            "clock": [
                sys.executable,
                "manage.py",
                "clock",
                "--standby-poll-seconds",
                "1",
            ],
        }[kind]
        log = (self.logs / f"{name}.log").open("a")
        self.processes[name] = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def terminate(self, name: str, timeout: float = 20) -> tuple[int, float]:
        process = self.processes.pop(name)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=timeout)
        return code, time.monotonic() - started

    def dead(self) -> list[str]:
        return [
            f"{name} (exit {process.returncode})"
            for name, process in self.processes.items()
            if process.poll() is not None
        ]

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()

    def web_answers(self) -> bool:
        import http.client

        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            connection.request("GET", WEB_PATH)
            status = connection.getresponse().status
            connection.close()
        except OSError:
            return False
        return status < 500


class JobFeed:
    """Enqueue one short job every 0.1 s (skipping while PostgreSQL is down)."""

    def __init__(self, postgres: PrivatePostgres):
        self.postgres = postgres
        self.next_key = 0
        self.enqueued: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self):
        while not self._stop.wait(0.1):
            key = self.next_key
            self.next_key += 1
            try:
                enqueue_executions(self.postgres, range(key, key + 1), seconds=0.2)
            except Exception:  # noqa: BLE001, S112 - the database is down: skip the key
                continue
            self.enqueued.add(key)


def wait_for(condition, timeout: float = 60) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if condition():
                return time.monotonic() - started
        except Exception:  # noqa: BLE001, S110 - a service still coming back
            pass
        time.sleep(0.1)
    return None


def job_done_after(postgres: PrivatePostgres, key: int):
    def done():
        rows = postgres.sql(
            f"SELECT count(*) FROM {EXECUTIONS_TABLE} WHERE job_key >= %s",  # noqa: S608
            [key],
        )
        return rows[0][0] > 0

    return done


def run(seconds: float, logs: Path) -> list[Row]:
    postgres, redis = PrivatePostgres(), PrivateRedis()
    formation = None
    try:
        print(f"PostgreSQL on :{postgres.port}, Redis on :{redis.port}; migrating...")
        prepare_database(postgres)
        formation = Formation(postgres, redis, logs)
        for name in ("web", "worker1", "worker2", "clock"):
            formation.start(name)
        if wait_for(formation.web_answers) is None:
            raise SystemExit(f"the web process did not answer; see {logs}/web.log")
        rows = []
        with JobFeed(postgres) as feed:

            def fault(name: str, break_it, mend_it, *, service: str) -> Row:
                row = Row(name)
                first_key = feed.next_key
                with Load(
                    "127.0.0.1",
                    formation.port,
                    WEB_PATH,
                    keep_alive_clients=3,
                    new_connection_clients=3,
                ) as load:
                    time.sleep(1)
                    break_it()
                    time.sleep(seconds)
                    mend_it()
                    mended_key = feed.next_key
                    row.recovery["web"] = wait_for(formation.web_answers)
                    row.recovery["worker"] = wait_for(
                        job_done_after(postgres, mended_key)
                    )
                    if service == "postgres":
                        row.recovery["clock"] = wait_for(
                            lambda: clock_lock_held(postgres)
                        )
                    time.sleep(1)
                figures = load.stop()
                row.requests, row.server_errors = (
                    figures.requests,
                    figures.server_errors,
                )
                row.resets, row.timeouts = figures.resets, figures.timeouts
                row.keys = range(first_key, feed.next_key)
                row.died = formation.dead()
                return row

            rows.append(
                fault(
                    f"PostgreSQL stopped {seconds:g}s",
                    postgres.stop,
                    postgres.start,
                    service="postgres",
                )
            )
            rows.append(
                fault(
                    f"PostgreSQL frozen {seconds:g}s",
                    postgres.freeze,
                    postgres.thaw,
                    service="postgres",
                )
            )
            rows.append(
                fault(
                    f"Redis stopped {seconds:g}s",
                    redis.stop,
                    redis.start,
                    service="redis",
                )
            )
            rows.append(
                fault(
                    f"Redis frozen {seconds:g}s",
                    redis.freeze,
                    redis.thaw,
                    service="redis",
                )
            )

            def sigterm_worker() -> str:
                code, took = formation.terminate("worker1")
                formation.start("worker3")
                return f"worker exit {code} in {took:.1f}s"

            def sigkill_worker() -> str:
                formation.processes.pop("worker2").kill()
                formation.start("worker4")
                return f"its job re-run after the {LEASE_SECONDS}s lease"

            rows.append(
                _process_fault(formation, feed, "worker SIGTERM", sigterm_worker)
            )
            rows.append(
                _process_fault(formation, feed, "worker SIGKILL", sigkill_worker)
            )

            web_row = Row("web SIGTERM")
            with Load(
                "127.0.0.1",
                formation.port,
                WEB_PATH,
                keep_alive_clients=3,
                new_connection_clients=3,
            ) as load:
                time.sleep(1)
                load.mark_stop()
                code, took = formation.terminate("web")
                web_row.note = f"web exit {code} in {took:.1f}s"
                formation.start("web")
                web_row.recovery["web"] = wait_for(formation.web_answers)
                time.sleep(1)
            figures = load.stop()
            web_row.requests, web_row.server_errors = (
                figures.requests,
                figures.server_errors,
            )
            web_row.resets, web_row.timeouts = figures.resets, figures.timeouts
            web_row.note += (
                f"; {figures.late_failures + figures.refused} connections opened "
                "after SIGTERM refused, reset or timed out"
            )
            rows.append(web_row)

        # Every job enqueued must end SUCCESSFUL, once.
        wait_for(
            lambda: (
                postgres.sql(
                    f"SELECT count(*) FROM {JOBS_TABLE} WHERE status <> 'SUCCESSFUL' "  # noqa: S608
                    "AND task_path LIKE 'tests.%%'"
                )[0][0]
                == 0
            ),
            timeout=60,
        )
        executions = dict(
            postgres.sql(
                f"SELECT job_key, count(*) FROM {EXECUTIONS_TABLE} GROUP BY job_key"  # noqa: S608
            )
        )
        for row in rows:
            keys = [key for key in row.keys if key in feed.enqueued]
            row.jobs_enqueued = len(keys)
            row.jobs_lost = sum(1 for key in keys if key not in executions)
            row.jobs_twice = sum(1 for key in keys if executions.get(key, 0) > 1)
        return rows
    finally:
        if formation is not None:
            formation.stop_all()
        postgres.destroy()
        redis.destroy()


def _process_fault(formation: Formation, feed: JobFeed, name: str, act) -> Row:
    row = Row(name)
    first_key = feed.next_key
    with Load(
        "127.0.0.1",
        formation.port,
        WEB_PATH,
        keep_alive_clients=3,
        new_connection_clients=3,
    ) as load:
        time.sleep(1)
        row.note = act()
        acted_key = feed.next_key
        row.recovery["worker"] = wait_for(job_done_after(formation.postgres, acted_key))
        time.sleep(1)
    figures = load.stop()
    row.requests, row.server_errors = figures.requests, figures.server_errors
    row.resets, row.timeouts = figures.resets, figures.timeouts
    row.keys = range(first_key, feed.next_key)
    row.died = formation.dead()
    return row


def seconds_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}s"


def notes(row: Row) -> str:
    return "; ".join(filter(None, [row.note, *(f"DIED: {d}" for d in row.died)]))


def print_table(rows: list[Row]) -> None:
    header = (
        "| fault | requests | 5xx | resets | timeouts | jobs | lost | run twice "
        "| web back | worker back | clock back | notes |"
    )
    print(header)
    print("| --- " * (header.count("|") - 1) + "|")
    for row in rows:
        print(
            f"| {row.fault} | {row.requests} | {row.server_errors} | {row.resets} | "
            f"{row.timeouts} | "
            f"{row.jobs_enqueued} | {row.jobs_lost} | {row.jobs_twice} | "
            f"{seconds_text(row.recovery.get('web'))} | "
            f"{seconds_text(row.recovery.get('worker'))} | "
            f"{seconds_text(row.recovery.get('clock'))} | {notes(row)} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5, help="length of each fault")
    parser.add_argument("--logs", default="chaos-logs", help="directory for the logs")
    options = parser.parse_args()
    logs = Path(options.logs).resolve()
    logs.mkdir(exist_ok=True)
    started = time.monotonic()
    rows = run(options.seconds, logs)
    print()
    print_table(rows)
    print(f"\n{time.monotonic() - started:.0f}s in all; process logs in {logs}")
    failed = [row for row in rows if row.jobs_lost or row.died]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
