"""Start worker and clock processes for the job queue's tests, logging to files (a
busy worker would fill, and block on, a pipe nobody reads)."""

import subprocess
import sys
import time
from pathlib import Path

from django_tasks_db.models import DBTaskResult

from tests.ops.processes import (
    PRODUCTION_ENVIRONMENT,
    PROJECT_DIR,
    cache_url_for_subprocess,
    clean_environment,
    database_url_for_subprocess,
)


class ManagedProcess:
    def __init__(self, args: list[str], log_path: Path, **environment: str):
        self.log_path = log_path
        self._log = log_path.open("w")
        self.popen = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_DIR,
            env=clean_environment(
                **{
                    **PRODUCTION_ENVIRONMENT,
                    "DATABASE_URL": database_url_for_subprocess(),
                    "CACHE_URL": cache_url_for_subprocess() or "locmem://",
                    **environment,
                }
            ),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def wait(self, timeout: float) -> int:
        return self.popen.wait(timeout=timeout)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait(timeout=10)
        self._log.close()


def wait_until(condition, *, timeout: float, what: str, processes=()) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    logs = "\n".join(process.output()[-3000:] for process in processes)
    raise AssertionError(f"{what} did not happen within {timeout}s\n{logs}")


def job_status(job_id) -> str:
    return DBTaskResult.objects.values_list("status", flat=True).get(id=job_id)
