"""The authentication backend every login door goes through (after axes' limiter)."""

from django.contrib.auth.backends import ModelBackend


class VerifiedEmailBackend(ModelBackend):
    """Django's backend, admitting only accounts whose email address is confirmed.

    Checked here, not in each view, so that no door (the HTML and API sign-in,
    Wagtail's admin login and front-end login, an existing session) admits an
    unverified account: it cannot sign in at all until it follows the link."""

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and user.email_verified
