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
    attempts = models.PositiveIntegerField(
        default=0, help_text="Attempts started, including one in progress."
    )
    claimed_by = models.CharField(
        max_length=64,
        blank=True,
        help_text="The worker running the current attempt; a worker writes the "
        "outcome only while it still holds the claim.",
    )
    lease_expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The running worker's heartbeat renews this; once it has passed, "
        "the worker is presumed dead and the job is run again.",
    )
    last_error = models.TextField(
        blank=True, help_text="The traceback of the latest failed attempt."
    )
    last_failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "job state"
        indexes = [
            models.Index(
                fields=["lease_expires_at"],
                name="jobs_lease_expiry_idx",
                condition=models.Q(lease_expires_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"Job {self.task_result_id}"
