"""The emails people receive about their account."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

SUBJECTS = {
    "verify": _("Confirm your email address"),
    "password_reset": _("Reset your password"),
    "password_changed": _("Your password was changed"),
    "account_exists": _("Someone tried to sign up with your address"),
}


def _link(user, kind: str) -> str:
    from apps.accounts.services import verification_token

    if kind == "verify":
        query = {"token": verification_token(user)}
        return f"{settings.BASE_URL}{reverse('accounts:verify')}?{urlencode(query)}"
    if kind == "password_reset":
        # Read by the front end, which posts uid, token and the new password to
        # /api/v1/accounts/password/reset/confirm/.
        query = {
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
        path = reverse("accounts:password-reset")
        return f"{settings.BASE_URL}{path}?{urlencode(query)}"
    if kind == "account_exists":
        return f"{settings.BASE_URL}{reverse('accounts:sign-in')}"
    return settings.BASE_URL + "/"


def account_email(user, kind: str) -> EmailMessage:
    """Return the email about the account, in its owner's language."""
    with translation.override(user.email_language):
        return _account_email(user, kind)


def _account_email(user, kind: str) -> EmailMessage:
    context = {
        "user": user,
        "link": _link(user, kind),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    return EmailMessage(
        subject=str(SUBJECTS[kind]),
        body=render_to_string(f"accounts/emails/{kind}.txt", context),
        to=[user.email],
    )
