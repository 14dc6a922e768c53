"""Tasks used by tests of the worker and clock (importable by worker subprocesses)."""

import logging

from django_tasks import task

logger = logging.getLogger("tests.sample_tasks")


@task()
def add(a: int, b: int) -> int:
    logger.info("adding %s and %s", a, b)
    return a + b
