"""Throttles against password guessing and reset-email flooding."""

from apps.api.throttling import AccountThrottle, ClientAddressThrottle


class SignInAddressThrottle(ClientAddressThrottle):
    scope = "sign_in_address"


class SignInAccountThrottle(AccountThrottle):
    scope = "sign_in_account"


class PasswordResetAddressThrottle(ClientAddressThrottle):
    scope = "password_reset_address"


class PasswordResetAccountThrottle(AccountThrottle):
    scope = "password_reset_account"


SIGN_IN = [SignInAddressThrottle, SignInAccountThrottle]
PASSWORD_RESET = [PasswordResetAddressThrottle, PasswordResetAccountThrottle]
