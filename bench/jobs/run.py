"""Jobs per second for one worker and for two, no-op task, on PostgreSQL.

Usage: DATABASE_URL=postgres://... python bench/jobs/run.py [--jobs N] [--runs N]
(or `make bench-jobs`). The database is migrated first; the benchmark's jobs are
deleted after each run. Throughput is measured inside the database, from the first
job's start to the last job's finish, so process start-up does not count.
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def run_once(*, jobs: int, workers: int) -> float:
    from django.db.models import Max, Min
    from django_tasks_db.models import DBTaskResult, get_date_max

    from bench.jobs.tasks import noop

    DBTaskResult.objects.filter(task_path=noop.module_path).delete()
    # The rows noop.enqueue() would insert, in one statement: enqueuing is not timed.
    DBTaskResult.objects.bulk_create(
        DBTaskResult(
            args_kwargs={"args": [], "kwargs": {}},
            task_path=noop.module_path,
            queue_name="default",
            backend_name="default",
            run_after=get_date_max(),
        )
        for _ in range(jobs)
    )
    command = [
        sys.executable,
        "manage.py",
        "worker",
        "--batch",
        "--interval=0.01",
        "--no-startup-delay",
        "--queue-name=default",
    ]
    processes = [
        subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.DEVNULL)
        for _ in range(workers)
    ]
    for process in processes:
        if process.wait(timeout=600) != 0:
            raise SystemExit(f"a worker exited with {process.returncode}")
    done = DBTaskResult.objects.filter(task_path=noop.module_path, status="SUCCESSFUL")
    span = done.aggregate(first=Min("started_at"), last=Max("finished_at"))
    if done.count() != jobs:
        raise SystemExit(f"{done.count()} jobs succeeded, expected {jobs}")
    DBTaskResult.objects.filter(task_path=noop.module_path).delete()
    return jobs / (span["last"] - span["first"]).total_seconds()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database.")
    call_command("migrate", verbosity=0)

    print(f"{options.jobs} no-op jobs, median of {options.runs} runs, PostgreSQL")
    print(f"{'workers':>8} {'jobs/s (median)':>16} {'min':>8} {'max':>8}")
    for workers in (1, 2):
        rates = [
            run_once(jobs=options.jobs, workers=workers) for _ in range(options.runs)
        ]
        print(
            f"{workers:>8} {statistics.median(rates):>16.0f} "
            f"{min(rates):>8.0f} {max(rates):>8.0f}"
        )


if __name__ == "__main__":
    main()
