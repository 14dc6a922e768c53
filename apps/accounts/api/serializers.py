"""Input and output shapes of the accounts API."""

from django.contrib.auth import get_user_model
from rest_framework import serializers


class UserOutput(serializers.ModelSerializer):
    email_verified = serializers.BooleanField(read_only=True)
    # A plain string, not an enum: the languages are the site's configuration, and
    # the API's description must not change with it.
    language = serializers.CharField(
        read_only=True,
        help_text="The code of the language emails are written in; empty: the "
        "site's default.",
    )

    class Meta:
        model = get_user_model()
        fields = [
            "email",
            "first_name",
            "last_name",
            "language",
            "email_verified",
            "is_staff",
        ]


class ProfileInput(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    language = serializers.CharField(
        max_length=15,
        required=False,
        allow_blank=True,
        help_text="One of the site's languages (its code); emails are written in it.",
    )


class SignUpInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)


class CredentialsInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128)


class TokenOutput(serializers.Serializer):
    token = serializers.CharField(help_text="Send as 'Authorization: Token <token>'.")
    token_key = serializers.CharField(help_text="Identifies the token to revoke it.")
    expiry = serializers.DateTimeField(allow_null=True)


class TokenInfoOutput(serializers.Serializer):
    token_key = serializers.CharField()
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField(allow_null=True)
    current = serializers.BooleanField()


class VerifyEmailInput(serializers.Serializer):
    token = serializers.CharField(max_length=500)


class PasswordChangeInput(serializers.Serializer):
    current_password = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=128)


class PasswordChangeOutput(serializers.Serializer):
    detail = serializers.CharField()
    tokens_revoked = serializers.IntegerField(
        help_text="How many API tokens (other devices) stopped working."
    )
    other_sessions_ended = serializers.BooleanField()


class PasswordResetInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmInput(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=100)
    new_password = serializers.CharField(max_length=128)


class PasswordInput(serializers.Serializer):
    password = serializers.CharField(max_length=128)


class SessionOutput(serializers.Serializer):
    authenticated = serializers.BooleanField()
    user = UserOutput(allow_null=True)
