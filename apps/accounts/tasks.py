"""Account emails, sent by the worker."""

from django.contrib.auth import get_user_model
from django_tasks import task

from apps.accounts.emails import account_email
from apps.jobs.retries import retry


# A mail server hiccup should not lose the message; a resend is a duplicate at worst.
@retry(attempts=3, backoff_seconds=60)
@task(queue_name="email")
def send_account_email(user_id: int, kind: str):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return
    account_email(user, kind).send()


@retry(attempts=3, backoff_seconds=60)
@task(queue_name="email")
def send_password_reset_email(email: str):
    """Email a reset link if an active account has this address. Looked up here, in
    the worker, so the request does the same work whether or not it has one."""
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return
    account_email(user, "password_reset").send()
