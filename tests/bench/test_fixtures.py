"""The bench's fixtures: a pool of users who can each book through the API."""

import pytest
from django.contrib.auth import get_user_model

from apps.events.models import Booking, Event
from bench.fixtures import (
    BOOKING_EVENT_CAPACITY,
    BOOKING_EVENT_SLUG,
    ensure_booking_users,
    ensure_events,
)

pytestmark = pytest.mark.django_db


def me(client, token: str):
    return client.get("/api/v1/accounts/me/", HTTP_AUTHORIZATION=f"Token {token}")


def test_each_pool_user_gets_a_token_the_api_accepts(client):
    tokens = ensure_booking_users(3, prefix="pool")

    emails = {me(client, token).json()["email"] for token in tokens}
    assert emails == {f"pool-{n:05d}@example.com" for n in range(3)}


def test_preparing_again_keeps_the_users_and_replaces_their_tokens(client):
    old = ensure_booking_users(2, prefix="pool")
    new = ensure_booking_users(2, prefix="pool")

    assert get_user_model().objects.filter(email__startswith="pool-").count() == 2
    assert all(me(client, token).status_code in (401, 403) for token in old)
    assert [me(client, token).status_code for token in new] == [200, 200]


def test_every_pool_user_can_book_the_bench_booking_event_once(client):
    ensure_events()
    tokens = ensure_booking_users(3, prefix="pool")

    def book(token):
        return client.post(
            "/api/v1/bookings/",
            {"event": BOOKING_EVENT_SLUG},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token}",
        )

    assert [book(token).json()["status"] for token in tokens] == ["confirmed"] * 3
    assert book(tokens[0]).status_code == 409


def test_preparing_again_clears_the_bench_events_bookings():
    ensure_events()
    event = Event.objects.get(slug=BOOKING_EVENT_SLUG)
    user = get_user_model().objects.create_user(email="x@example.com", password=None)
    Booking.objects.create(
        event=event, user=user, seats=1, status="confirmed", reference="ABCDEFGH"
    )
    Event.objects.filter(pk=event.pk).update(confirmed_seats=1)

    ensure_events()

    event.refresh_from_db()
    assert (event.capacity, event.confirmed_seats) == (BOOKING_EVENT_CAPACITY, 0)
    assert not Booking.objects.filter(event=event).exists()
