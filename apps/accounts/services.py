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

from apps.accounts import tasks

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
    *, email: str, password: str, first_name: str = "", last_name: str = ""
):
    """Return a new, unverified user; the verification email goes after commit."""
    email = User.objects.normalize_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "An account with this email already exists."})
    user = User(email=email, first_name=first_name, last_name=last_name)
    _validate_password(password, user, "password")
    user.set_password(password)
    user.save()
    transaction.on_commit(partial(tasks.send_account_email.enqueue, user.pk, "verify"))
    return user


@transaction.atomic
def user_verify_email(*, token: str):
    """Mark the email verified and return the user; a bad or old link is invalid."""
    invalid = ValidationError({"token": "This link is invalid or has expired."})
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


@transaction.atomic
def user_update_profile(*, user, **changes):
    for name in ("first_name", "last_name"):
        if name in changes:
            setattr(user, name, changes[name])
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name"])
    return user


@transaction.atomic
def user_change_password(*, user, current_password: str, new_password: str):
    if not user.check_password(current_password):
        raise ValidationError(
            {"current_password": "This is not your current password."}
        )
    _validate_password(new_password, user, "new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    transaction.on_commit(
        partial(tasks.send_account_email.enqueue, user.pk, "password_changed")
    )
    return user


@transaction.atomic
def password_reset_request(*, email: str) -> None:
    """Email a reset link if the account exists; say nothing either way."""
    user = User.objects.filter(
        email__iexact=User.objects.normalize_email(email), is_active=True
    ).first()
    if user is not None:
        transaction.on_commit(
            partial(tasks.send_account_email.enqueue, user.pk, "password_reset")
        )


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str):
    invalid = ValidationError({"token": "This reset link is invalid or has expired."})
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
    from apps.events.selectors import bookings_to_release
    from apps.events.services import booking_cancel

    if not user.check_password(password):
        raise ValidationError({"password": "This is not your password."})
    for booking in bookings_to_release(user):
        booking_cancel(booking=booking)
    user.delete()
