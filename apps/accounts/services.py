"""Writes to accounts: sign-up and verification, passwords, profile, deletion."""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _

from apps.accounts import tasks
from apps.events.selectors import bookings_to_release
from apps.events.services import booking_cancel

User = get_user_model()
VERIFICATION_SALT = "accounts.email-verification"


def verification_token(user) -> str:
    # Bound to the address: changing the email would make old links useless.
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFICATION_SALT)


def _validate_password(password: str, user, field: str) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


@transaction.atomic
def user_sign_up(
    *,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    language: str = "",
):
    """Return the account as signed up: new and unverified, with a verification
    email after commit.

    An address that already has an account gets the same answer (an unsaved user
    with the submitted details) and costs the same work (the password is hashed all
    the same), and its owner is emailed instead: nobody learns who has an account."""
    email = User.objects.normalize_email(email)
    user = User(
        email=email,
        first_name=first_name,
        last_name=last_name,
        # The language signed up in, while the site offers it: emails are written in it.
        language=language if language in dict(settings.LANGUAGES) else "",
    )
    _validate_password(password, user, "password")
    user.set_password(password)
    owner = User.objects.filter(email__iexact=email).first()
    if owner is not None:
        transaction.on_commit(
            partial(tasks.send_account_email.enqueue, owner.pk, "account_exists")
        )
        return user
    user.save()
    transaction.on_commit(partial(tasks.send_account_email.enqueue, user.pk, "verify"))
    return user


@transaction.atomic
def user_verify_email(*, token: str):
    """Mark the email verified and return the user; a bad or old link is invalid."""
    invalid = ValidationError({"token": _("This link is invalid or has expired.")})
    try:
        data = signing.loads(
            token, salt=VERIFICATION_SALT, max_age=settings.ACCOUNT_VERIFICATION_MAX_AGE
        )
    except signing.BadSignature:
        raise invalid from None
    user = User.objects.select_for_update().filter(pk=data.get("u")).first()
    if user is None or user.email != data.get("e"):
        raise invalid
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


def user_mark_verified(*, user):
    """Mark the address verified without a link (an administrator vouches for it)."""
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


@transaction.atomic
def user_update_profile(*, user, **changes):
    fields = ["first_name", "last_name", "language"]
    for name in fields:
        if name in changes:
            setattr(user, name, changes[name])
    user.full_clean(exclude=["password"])
    user.save(update_fields=fields)
    return user


@transaction.atomic
def user_change_password(
    *, user, current_password: str, new_password: str, keep_token=None
) -> int:
    """Change the password and revoke every API token but `keep_token` (the one in
    use, if any); return how many were revoked. Sessions elsewhere end by themselves:
    a session is bound to the password it signed in with."""
    if not user.check_password(current_password):
        raise ValidationError(
            {"current_password": _("This is not your current password.")}
        )
    _validate_password(new_password, user, "new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    tokens = user.auth_token_set.all()
    if keep_token is not None:
        tokens = tokens.exclude(pk=keep_token.pk)
    revoked, _by_model = tokens.delete()
    transaction.on_commit(
        partial(tasks.send_account_email.enqueue, user.pk, "password_changed")
    )
    return revoked


@transaction.atomic
def password_reset_request(*, email: str) -> None:
    """Email a reset link if the account exists; say nothing either way, and do the
    same work either way (the worker looks the account up)."""
    transaction.on_commit(
        partial(
            tasks.send_password_reset_email.enqueue,
            User.objects.normalize_email(email),
        )
    )


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str):
    invalid = ValidationError(
        {"token": _("This reset link is invalid or has expired.")}
    )
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uid))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        raise invalid from None
    if not default_token_generator.check_token(user, token):
        raise invalid
    _validate_password(new_password, user, "new_password")
    user.set_password(new_password)
    # Following the emailed link proves the address too.
    user.email_verified_at = user.email_verified_at or timezone.now()
    user.save(update_fields=["password", "email_verified_at"])
    # Whoever knew the old password may hold tokens: they all stop working.
    user.auth_token_set.all().delete()
    transaction.on_commit(
        partial(tasks.send_account_email.enqueue, user.pk, "password_changed")
    )
    return user


@transaction.atomic
def user_delete(*, user, password: str) -> None:
    """Delete the account after cancelling its future bookings (the waitlist moves)."""
    if not user.check_password(password):
        raise ValidationError({"password": _("This is not your password.")})
    for booking in bookings_to_release(user):
        booking_cancel(booking=booking)
    user.delete()
