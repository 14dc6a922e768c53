"""The accounts API: session sign-in for the SPA, tokens for the mobile app."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from knox.models import AuthToken
from rest_framework import exceptions, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts import selectors, services
from apps.accounts.api import serializers, throttling
from apps.accounts.forms import SIGN_IN_REFUSED

USER_EXAMPLE = OpenApiExample(
    "A person",
    value={
        "email": "ada@example.com",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "language": "en",
        "email_verified": True,
        "is_staff": False,
    },
    response_only=True,
)


CREDENTIALS_EXAMPLE = OpenApiExample(
    "Credentials",
    value={"email": "ada@example.com", "password": "a long passphrase"},
    request_only=True,
)


SIGNED_OUT_ELSEWHERE = gettext_noop(
    "Your password is changed. You are signed out everywhere else: every other "
    "session and every other API token stopped working."
)


def _check_credentials(request, data) -> object:
    """Return the user the email and password belong to, or refuse.

    authenticate() is the one door: the attempt limiter and the verified-only backend
    (settings.AUTHENTICATION_BACKENDS) answer for the API as for every other login."""
    user = authenticate(request, email=data["email"], password=data["password"])
    if getattr(request, "axes_locked_out", False):
        wait = AxesProxyHandler.get_implementation().retry_after(
            request, {"email": data["email"]}
        )
        raise exceptions.Throttled(
            wait=max(wait, 1), detail=_("Too many failed sign-in attempts.")
        )
    if user is None:
        # One message whatever was wrong: no enumeration.
        raise ValidationError(SIGN_IN_REFUSED)
    return user


@extend_schema(tags=["accounts"])
class SessionView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses=serializers.SessionOutput,
        examples=[
            OpenApiExample(
                "Signed in",
                value={
                    "authenticated": True,
                    "user": {
                        "email": "ada@example.com",
                        "first_name": "Ada",
                        "last_name": "Lovelace",
                        "email_verified": True,
                        "is_staff": False,
                    },
                },
                response_only=True,
            ),
            OpenApiExample(
                "Anonymous",
                value={"authenticated": False, "user": None},
                response_only=True,
            ),
        ],
    )
    @method_decorator(ensure_csrf_cookie)
    def get(self, request):
        """Who is signed in; also sets the CSRF cookie the SPA sends back."""
        user = request.user if request.user.is_authenticated else None
        return Response(
            {
                "authenticated": user is not None,
                "user": serializers.UserOutput(user).data if user else None,
            }
        )


@extend_schema(tags=["accounts"])
class SignUpView(APIView):
    permission_classes = [AllowAny]
    # Each sign-up sends an email: the reset limits stop it being used to flood
    # someone's inbox.
    throttle_classes = throttling.PASSWORD_RESET

    @extend_schema(
        request=serializers.SignUpInput,
        responses={201: serializers.UserOutput},
        examples=[
            OpenApiExample(
                "Sign up",
                value={"email": "ada@example.com", "password": "a long passphrase"},
                request_only=True,
            ),
            USER_EXAMPLE,
        ],
    )
    def post(self, request):
        """Create an account; we email a link to confirm the address."""
        data = serializers.SignUpInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_sign_up(**data.validated_data, language=get_language())
        return Response(
            serializers.UserOutput(user).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=["accounts"])
class VerifyEmailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=serializers.VerifyEmailInput,
        responses=serializers.UserOutput,
        examples=[
            OpenApiExample(
                "The token from the link",
                value={"token": "eyJ1IjoxLCJlIjoiYWRhQGV4YW1wbGUuY29tIn0:1v..."},
                request_only=True,
            ),
            USER_EXAMPLE,
        ],
    )
    def post(self, request):
        """Confirm the email address with the token from the emailed link."""
        data = serializers.VerifyEmailInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_verify_email(token=data.validated_data["token"])
        return Response(serializers.UserOutput(user).data)


@extend_schema(tags=["accounts"])
class SignInView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=serializers.CredentialsInput,
        responses=serializers.UserOutput,
        examples=[CREDENTIALS_EXAMPLE, USER_EXAMPLE],
    )
    def post(self, request):
        """Sign in the SPA with a session cookie (send the CSRF token header)."""
        # Login CSRF: a page elsewhere must not sign a visitor in as someone else.
        SessionAuthentication().enforce_csrf(request)
        data = serializers.CredentialsInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = _check_credentials(request, data.validated_data)
        login(request, user)
        return Response(serializers.UserOutput(user).data)


@extend_schema(tags=["accounts"])
class SignOutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        """End the session (the SPA) or revoke the token in use (the mobile app)."""
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["accounts"])
class TokenListCreateView(APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(
        operation_id="accounts_tokens_create",
        request=serializers.CredentialsInput,
        responses={201: serializers.TokenOutput},
        examples=[
            CREDENTIALS_EXAMPLE,
            OpenApiExample(
                "A new token",
                value={
                    "token": "f3b1c0d9e8a7...",
                    "token_key": "f3b1c0d9",
                    "expiry": "2026-05-01T09:00:00Z",
                },
                response_only=True,
            ),
        ],
    )
    def post(self, request):
        """Sign in the mobile app: a new token, stored hashed, valid for a while."""
        data = serializers.CredentialsInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = _check_credentials(request, data.validated_data)
        instance, token = AuthToken.objects.create(user=user)
        # As knox's own LoginView does: a token is a sign-in, so the attempt limiter
        # starts the account's count again and last_login moves.
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        return Response(
            {
                "token": token,
                "token_key": instance.token_key,
                "expiry": instance.expiry,
            },
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        operation_id="accounts_tokens_list",
        responses=serializers.TokenInfoOutput(many=True),
        examples=[
            OpenApiExample(
                "Two devices",
                value=[
                    {
                        "token_key": "f3b1c0d9",
                        "created": "2026-04-01T09:00:00Z",
                        "expiry": "2026-05-01T09:00:00Z",
                        "current": True,
                    },
                    {
                        "token_key": "0a9b8c7d",
                        "created": "2026-03-01T09:00:00Z",
                        "expiry": "2026-03-31T09:00:00Z",
                        "current": False,
                    },
                ],
                response_only=True,
            )
        ],
    )
    def get(self, request):
        """My unexpired tokens (their keys, never the tokens themselves)."""
        current = request.auth.digest if isinstance(request.auth, AuthToken) else None
        tokens = request.user.auth_token_set.filter(expiry__gt=timezone.now())
        return Response(
            [
                {
                    "token_key": token.token_key,
                    "created": token.created,
                    "expiry": token.expiry,
                    "current": token.digest == current,
                }
                for token in tokens.order_by("-created")
            ]
        )

    @extend_schema(operation_id="accounts_tokens_revoke_all", responses={204: None})
    def delete(self, request):
        """Revoke every token of mine: sign out every device."""
        request.user.auth_token_set.all().delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["accounts"])
class TokenDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request, token_key):
        """Revoke one of my tokens (one device)."""
        deleted, _tokens = request.user.auth_token_set.filter(
            token_key=token_key
        ).delete()
        if not deleted:
            raise exceptions.NotFound(_("You have no token with this key."))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["accounts"])
class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.UserOutput, examples=[USER_EXAMPLE])
    def get(self, request):
        return Response(serializers.UserOutput(request.user).data)

    @extend_schema(
        request=serializers.ProfileInput,
        responses=serializers.UserOutput,
        examples=[
            OpenApiExample(
                "A new name", value={"first_name": "Ada"}, request_only=True
            ),
            USER_EXAMPLE,
        ],
    )
    def patch(self, request):
        data = serializers.ProfileInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = services.user_update_profile(user=request.user, **data.validated_data)
        return Response(serializers.UserOutput(user).data)


@extend_schema(tags=["accounts"])
class ExportView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={
            200: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="Everything we hold.",
                examples=[
                    OpenApiExample(
                        "An export",
                        value={
                            "exported_at": "2026-04-01T09:00:00+00:00",
                            "profile": {
                                "email": "ada@example.com",
                                "first_name": "Ada",
                            },
                            "bookings": [
                                {"reference": "K7M2QX9A", "status": "confirmed"}
                            ],
                            "api_tokens": [],
                        },
                    )
                ],
            )
        }
    )
    def get(self, request):
        """Everything we hold about me, as JSON."""
        response = Response(selectors.user_data_export(request.user))
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response


@extend_schema(tags=["accounts"])
class DeleteAccountView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=serializers.PasswordInput,
        responses={204: None},
        examples=[
            OpenApiExample(
                "Password", value={"password": "a long passphrase"}, request_only=True
            )
        ],
    )
    def post(self, request):
        """Delete my account, after cancelling my future bookings."""
        data = serializers.PasswordInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user
        services.user_delete(user=user, password=data.validated_data["password"])
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["accounts"])
class PasswordChangeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=serializers.PasswordChangeInput,
        responses=serializers.PasswordChangeOutput,
        examples=[
            OpenApiExample(
                "Change",
                value={
                    "current_password": "a long passphrase",
                    "new_password": "an even longer passphrase",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Changed",
                value={
                    "detail": SIGNED_OUT_ELSEWHERE,
                    "tokens_revoked": 2,
                    "other_sessions_ended": True,
                },
                response_only=True,
            ),
        ],
    )
    def post(self, request):
        """Change my password: every other session and API token stops working."""
        data = serializers.PasswordChangeInput(data=request.data)
        data.is_valid(raise_exception=True)
        in_use = request.auth if isinstance(request.auth, AuthToken) else None
        revoked = services.user_change_password(
            user=request.user, keep_token=in_use, **data.validated_data
        )
        update_session_auth_hash(request, request.user)  # this session stays
        return Response(
            {
                "detail": _(SIGNED_OUT_ELSEWHERE),
                "tokens_revoked": revoked,
                "other_sessions_ended": True,
            }
        )


@extend_schema(tags=["accounts"])
class PasswordResetView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = throttling.PASSWORD_RESET

    @extend_schema(
        request=serializers.PasswordResetInput,
        responses={202: None},
        examples=[
            OpenApiExample(
                "Forgotten", value={"email": "ada@example.com"}, request_only=True
            )
        ],
    )
    def post(self, request):
        """Email a reset link if an account has this address (the answer is the
        same either way, so nobody learns who has an account)."""
        data = serializers.PasswordResetInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_request(email=data.validated_data["email"])
        return Response(status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=["accounts"])
class PasswordResetConfirmView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = throttling.PASSWORD_RESET[:1]

    @extend_schema(
        request=serializers.PasswordResetConfirmInput,
        responses={204: None},
        examples=[
            OpenApiExample(
                "From the emailed link",
                value={
                    "uid": "MQ",
                    "token": "cz7k1f-0e4b...",
                    "new_password": "an even longer passphrase",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        data = serializers.PasswordResetConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_confirm(**data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)
