"""Account emails, sent by the worker."""

from django.contrib.auth import get_user_model
from django_tasks import task

from apps.accounts.emails import account_email


@task(queue_name="email")
def send_account_email(user_id: int, kind: str):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return
    account_email(user, kind).send()
