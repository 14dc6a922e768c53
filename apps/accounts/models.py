"""The one user model (visitors, staff and editors), signing in by email."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from apps.accounts.managers import UserManager


class User(AbstractUser):
    username = None
    email = models.EmailField(
        _("email address"),
        unique=True,
        help_text=_("Used to sign in. Compared without regard to case."),
    )

    email_verified_at = models.DateTimeField(
        _("email verified at"),
        null=True,
        blank=True,
        help_text=_("Empty until the person follows the link we emailed them."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique"
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)
