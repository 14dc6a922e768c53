"""The benchmark's no-op task: measures the queue's own overhead per job."""

from django_tasks import task


@task()
def noop() -> None:
    return None
