"""Throttles against email flooding (sign-up and reset links), for the API and the
HTML forms alike. Password guessing is apps/accounts/attempts.py's question."""

from apps.api.throttling import AccountThrottle, ClientAddressThrottle


class PasswordResetAddressThrottle(ClientAddressThrottle):
    scope = "password_reset_address"


class PasswordResetAccountThrottle(AccountThrottle):
    scope = "password_reset_account"


PASSWORD_RESET = [PasswordResetAddressThrottle, PasswordResetAccountThrottle]
