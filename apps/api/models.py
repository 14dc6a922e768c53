"""What the API must remember between requests: answers to idempotent requests."""

from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """The first answer to a request a client marked with an Idempotency-Key."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    # The method, path and body the key was first used with: reusing the key for a
    # different request is a client bug, answered with 422 rather than a replay.
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="api_idempotencykey_unique_per_user"
            )
        ]

    def __str__(self):
        return self.key
