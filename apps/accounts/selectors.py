"""Reads of accounts."""

from django.utils import timezone


def user_data_export(user) -> dict:
    """Return everything we hold about the person, as JSON-ready data."""
    from apps.events.selectors import bookings_of

    return {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_verified_at": (
                user.email_verified_at.isoformat() if user.email_verified_at else None
            ),
        },
        "bookings": [
            {
                "reference": booking.reference,
                "event": booking.event.title,
                "event_starts_at": booking.event.starts_at.isoformat(),
                "status": booking.status,
                "seats": booking.seats,
                "created_at": booking.created_at.isoformat(),
            }
            for booking in bookings_of(user)
        ],
        "api_tokens": [
            {
                "token_key": token.token_key,
                "created": token.created.isoformat(),
                "expiry": token.expiry.isoformat() if token.expiry else None,
            }
            for token in user.auth_token_set.order_by("created")
        ],
    }
