"""What the project records about a queued job beyond django-tasks-db's own row."""

from django.db import models
from django_tasks_db.models import DBTaskResult


class JobState(models.Model):
    task_result = models.OneToOneField(
        DBTaskResult,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="job_state",
    )
    request_id = models.CharField(
        max_length=128,
        blank=True,
        help_text="The id of the web request that enqueued the job, for its logs.",
    )

    class Meta:
        verbose_name = "job state"

    def __str__(self):
        return f"Job {self.task_result_id}"
