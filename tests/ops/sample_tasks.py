"""Tasks used by tests of the worker and clock (importable by worker subprocesses)."""

import logging
import os
import time

import pytest
from django.db import connection
from django_tasks import task

from apps.jobs.retries import retry

logger = logging.getLogger("tests.sample_tasks")

EXECUTIONS_TABLE = "test_job_executions"


@task()
def add(a: int, b: int) -> int:
    logger.info("adding %s and %s", a, b)
    return a + b


@task()
def record_execution(key: int, seconds: float = 0.0) -> int:
    """Record that this job ran (one row per execution), after `seconds` of work."""
    if seconds:
        time.sleep(seconds)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {EXECUTIONS_TABLE} (job_key, pid) VALUES (%s, %s)",  # noqa: S608
            [key, os.getpid()],
        )
    return key


@retry(attempts=3, backoff_seconds=30)
@task(takes_context=True)
def flaky(context, failures: int) -> str:
    """Fail the first `failures` attempts, then succeed."""
    if context.attempt <= failures:
        raise RuntimeError(f"attempt {context.attempt} fails on purpose")
    return f"succeeded on attempt {context.attempt}"


@task(takes_context=True)
def fails_first_attempt(context) -> str:
    """Fail the first attempt (no retry policy: the job ends failed), then succeed."""
    if context.attempt == 1:
        raise RuntimeError("the first attempt fails on purpose")
    return f"succeeded on attempt {context.attempt}"


@retry(attempts=2, backoff_seconds=5)
@task()
def always_fails() -> None:
    raise ValueError("this task always fails")


def executed_keys() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT job_key FROM {EXECUTIONS_TABLE} ORDER BY job_key")  # noqa: S608
        return [key for (key,) in cursor.fetchall()]


def executing_pids() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT pid FROM {EXECUTIONS_TABLE}")  # noqa: S608
        return {pid for (pid,) in cursor.fetchall()}


@pytest.fixture
def executions_table():
    """A plain table counting executions of `record_execution` (tests only)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {EXECUTIONS_TABLE} (job_key integer NOT NULL, pid integer)"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {EXECUTIONS_TABLE}")
