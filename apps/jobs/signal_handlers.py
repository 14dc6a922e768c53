"""Record the enqueuing request's id with each job (a hook into django-tasks)."""

from django.dispatch import receiver
from django_tasks.signals import task_enqueued

from apps.jobs.models import JobState
from config.request_id import get_request_id


@receiver(task_enqueued)
def remember_request_id(sender, task_result, **kwargs):
    request_id = get_request_id()
    if request_id and hasattr(task_result, "db_result"):
        JobState.objects.create(task_result_id=task_result.id, request_id=request_id)
