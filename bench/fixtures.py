"""Prepare the bench database: a signed-in editor's session, upcoming events, enough
articles for a 20-card listing, and a pool of signed-in users for creating bookings.

Run by bench/run.py as `python -m bench.fixtures` in the bench's environment, after
`load_demo_content`; prints JSON (session cookie, CSRF token, static file URLs, the
pool's API tokens) for the requests wrk sends. Idempotent.
"""

import os
import secrets
import string
import sys
from datetime import timedelta

import django

from bench.protocol import print_result

BENCH_EDITOR_EMAIL = "bench-editor@example.com"
BENCH_EVENT_COUNT = 20  # the size of the API listing the target names
# Articles added under the demo's news index, so listings have 20 cards to show.
BENCH_ARTICLE_COUNT = 20
NEWS_INDEX_SLUG = "news"
# Creating a booking is measured with a new user for every request (a person books an
# event once): bench/run.py sizes the pool (BENCH_BOOKING_USERS), this many at least.
BOOKING_USER_PREFIX = "bench-booker"
BOOKING_USER_COUNT = 5000
# The events row books places at this one; its capacity is large enough that every
# booking is confirmed, and prepare() clears its bookings, so each bench starts anew.
BOOKING_EVENT_SLUG = "bench-event-20"
BOOKING_EVENT_CAPACITY = 1_000_000


def ensure_editor():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user = User.objects.filter(email__iexact=BENCH_EDITOR_EMAIL).first()
    if user is None:
        # No password: the bench signs in by creating the session itself.
        user = User.objects.create_superuser(email=BENCH_EDITOR_EMAIL, password=None)
    # Wagtail makes an editor's profile on their first page view (the user bar):
    # made here, as a real editor's first visit would have, so no measured GET writes.
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(user)
    return user


def editor_session_key(user) -> str:
    """Return the key of a fresh session signed in as the user."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def ensure_events() -> None:
    """Keep BENCH_EVENT_COUNT published events in the future (the demo content has
    none yet), so the events pages list a realistic number of items."""
    from django.utils import timezone

    from apps.events.models import Event

    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    for number in range(1, BENCH_EVENT_COUNT + 1):
        starts_at = start + timedelta(days=number)
        Event.objects.update_or_create(
            slug=f"bench-event-{number:02d}",
            defaults={
                "title": f"Bench event {number}",
                "summary": "An event the benchmark lists.",
                "description": "Created by bench/fixtures.py for `make bench`.",
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=2),
                "venue": "Bench hall",
                "capacity": (
                    BOOKING_EVENT_CAPACITY
                    if f"bench-event-{number:02d}" == BOOKING_EVENT_SLUG
                    else 50
                ),
                "confirmed_seats": 0,
                "status": Event.Status.PUBLISHED,
            },
        )
    # Bookings left by an earlier run would answer "already booked".
    from apps.events.models import Booking

    Booking.objects.filter(event__slug__startswith="bench-event-").delete()


def ensure_booking_users(count: int, prefix: str = BOOKING_USER_PREFIX) -> list[str]:
    """Return an API token ("Authorization: Token <token>") for each of `count` users
    named <prefix>-NNNNN@example.com, created if missing; earlier tokens of these users
    are deleted (knox stores only digests, so they cannot be handed out again)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from knox.models import AuthToken, get_digest_token
    from knox.settings import CONSTANTS, knox_settings

    User = get_user_model()
    emails = [f"{prefix}-{number:05d}@example.com" for number in range(count)]
    existing = set(
        User.objects.filter(email__in=emails).values_list("email", flat=True)
    )
    now = timezone.now()
    # One INSERT for all: no password hashing (no one signs in with a password).
    User.objects.bulk_create(
        User(
            email=email,
            password=make_password(None),
            email_verified_at=now,
        )
        for email in emails
        if email not in existing
    )
    users = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    AuthToken.objects.filter(user_id__in=users.values()).delete()
    tokens, rows = [], []
    expiry = now + knox_settings.TOKEN_TTL
    for email in emails:
        digest, token = get_digest_token()
        tokens.append(token)
        rows.append(
            AuthToken(
                digest=digest,
                token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH],
                user_id=users[email],
                expiry=expiry,
            )
        )
    AuthToken.objects.bulk_create(rows, batch_size=1000)
    return tokens


def ensure_articles() -> None:
    """Add BENCH_ARTICLE_COUNT articles like the demo's first one (same listing image,
    category and body) under the news index, if the demo content has one."""
    from cms.models import ArticleIndexPage, ArticlePage

    news = ArticleIndexPage.objects.filter(slug=NEWS_INDEX_SLUG).first()
    model = (
        ArticlePage.objects.child_of(news).order_by("path").first() if news else None
    )
    if model is None:
        return
    existing = set(
        ArticlePage.objects.child_of(news)
        .filter(slug__startswith="bench-article-")
        .values_list("slug", flat=True)
    )
    for number in range(1, BENCH_ARTICLE_COUNT + 1):
        slug = f"bench-article-{number:02d}"
        if slug in existing:
            continue
        article = ArticlePage(
            title=f"Bench article {number}",
            slug=slug,
            date=model.date,
            introduction=f"Bench article {number}: a short introduction for listings.",
            listing_image=model.listing_image,
            category=model.category,
            body=model.body.raw_data,
        )
        news.add_child(instance=article)
        article.save_revision().publish()


def static_url(name: str) -> str:
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage.url(name)


def main(static_names: list[str]) -> None:
    django.setup()
    user = ensure_editor()
    ensure_events()
    ensure_articles()
    # Any 32 alphanumeric characters make a valid unmasked CSRF token: the same value
    # goes in the csrftoken cookie and the X-CSRFToken header.
    alphabet = string.ascii_letters + string.digits
    csrf_token = "".join(secrets.choice(alphabet) for _ in range(32))
    print_result(
        {
            "session": editor_session_key(user),
            "csrf_token": csrf_token,
            "static": {name: static_url(name) for name in static_names},
            "booking": {
                "event": BOOKING_EVENT_SLUG,
                "tokens": ensure_booking_users(
                    int(os.environ.get("BENCH_BOOKING_USERS") or BOOKING_USER_COUNT)
                ),
            },
        }
    )


if __name__ == "__main__":
    main(sys.argv[1:])
