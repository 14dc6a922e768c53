"""The one user model (visitors, staff and editors), signing in by email."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from apps.accounts.managers import UserManager


def language_choices() -> list[tuple[str, str]]:
    """Return the site's languages (a callable, so that migrations never freeze the
    configured list)."""
    return list(settings.LANGUAGES)


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
    language = models.CharField(
        _("language"),
        max_length=15,
        blank=True,
        choices=language_choices,
        help_text=_("Emails are written in this language (empty: the default)."),
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

    @property
    def email_language(self) -> str:
        """Return the language to write to the person in: theirs while the site still
        offers it, else the default."""
        offered = {code for code, _name in settings.LANGUAGES}
        return self.language if self.language in offered else settings.LANGUAGE_CODE

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)
