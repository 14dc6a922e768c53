"""Token authentication (knox) that reads one row per request: the token and its user.

knox also loads every other token of the user on each request, to delete the expired
ones among them. That is housekeeping, not a check (an expired token is refused when
it is presented, below), so it is left to the daily prune_expired_tokens job."""

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth
from knox.models import get_token_model
from knox.signals import token_expired


class TokenAuthentication(auth.TokenAuthentication):
    def _cleanup_token(self, auth_token) -> bool:
        """Delete the presented token if it has expired; return whether it had."""
        if auth_token.expiry is None or auth_token.expiry >= timezone.now():
            return False
        username = auth_token.user.get_username()
        auth_token.delete()
        token_expired.send(
            sender=self.__class__, username=username, source="auth_token"
        )
        return True


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI security scheme of knox's tokens, for this subclass too."""

    target_class = "apps.api.authentication.TokenAuthentication"


def prune_expired_tokens(*, now) -> int:
    """Delete the tokens that expired before `now`; return how many."""
    deleted, _ = get_token_model().objects.filter(expiry__lt=now).delete()
    return deleted
