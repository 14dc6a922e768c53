"""The server-rendered event pages: JSON-LD, calendar file, book and cancel forms."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.events.models import Booking, Event
from tests.factories import BookingFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(client):
    user = UserFactory()
    client.force_login(user)
    client.user = user
    return client


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(match.group(1))


def test_event_page_carries_schema_org_event_data(client):
    event = EventFactory(title="Garden </script> tour", venue="The Old Garden")

    response = client.get(event.get_absolute_url())

    data = json_ld(response)
    assert data["@type"] == "Event"
    assert data["name"] == "Garden </script> tour"
    assert data["location"]["name"] == "The Old Garden"
    assert data["startDate"] == event.starts_at.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_event_page_links_its_calendar_file(client):
    event = EventFactory(title="Garden tour")

    page = client.get(event.get_absolute_url()).content.decode()
    ics = client.get(f"/events/{event.slug}/event.ics")

    assert f'href="/events/{event.slug}/event.ics"' in page
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"SUMMARY:Garden tour" in ics.content


def test_anonymous_visitors_are_invited_to_sign_in_not_shown_the_form(client):
    event = EventFactory()

    page = client.get(event.get_absolute_url()).content.decode()

    assert "Sign in" in page
    assert f'action="/events/{event.slug}/book/"' not in page


def test_booking_without_signing_in_leads_to_the_sign_in_page(client):
    event = EventFactory()

    response = client.post(f"/events/{event.slug}/book/")

    assert response.status_code == 302
    assert (
        response["Location"] == f"/accounts/sign-in/?next=%2Fevents%2F{event.slug}%2F"
    )
    assert not Booking.objects.exists()


def test_a_signed_in_visitor_books_with_the_plain_form_and_sees_the_confirmation(
    visitor,
):
    event = EventFactory(capacity=4)

    response = visitor.post(f"/events/{event.slug}/book/", {"seats": "2"}, follow=True)

    booking = Booking.objects.get(user=visitor.user)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.seats == 2
    page = response.content.decode()
    assert f"Your booking is confirmed. Your reference is {booking.reference}" in page
    assert f'action="/events/{event.slug}/cancel/"' in page


def test_a_signed_in_visitor_cancels_with_the_plain_form(visitor):
    event = EventFactory()
    booking = BookingFactory(event=event, user=visitor.user)

    response = visitor.post(f"/events/{event.slug}/cancel/", follow=True)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "Your booking is cancelled." in response.content.decode()


def test_a_full_event_offers_the_waitlist(visitor):
    event = EventFactory(capacity=1)
    BookingFactory(event=event)

    page = visitor.get(event.get_absolute_url()).content.decode()
    response = visitor.post(f"/events/{event.slug}/book/", follow=True)

    assert "Join the waitlist" in page
    assert "you are on the waitlist" in response.content.decode()


@pytest.mark.parametrize("seats", ["abc", "0", "99"])
def test_bad_seat_counts_show_a_message_not_an_error(visitor, seats):
    event = EventFactory()

    response = visitor.post(
        f"/events/{event.slug}/book/", {"seats": seats}, follow=True
    )

    assert response.status_code == 200
    assert "Book between 1 and 10 places." in response.content.decode()
    assert not Booking.objects.exists()


def test_booking_twice_shows_the_rule(visitor):
    event = EventFactory()
    visitor.post(f"/events/{event.slug}/book/")

    response = visitor.post(f"/events/{event.slug}/book/", follow=True)

    assert "You already have a booking for this event." in response.content.decode()


def test_draft_events_have_no_page(client):
    draft = EventFactory(status=Event.Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.post(f"/events/{draft.slug}/book/").status_code == 404


def test_a_cancelled_event_says_so_and_offers_no_booking(visitor):
    event = EventFactory(status=Event.Status.CANCELLED)

    page = visitor.get(event.get_absolute_url()).content.decode()

    assert "This event has been cancelled." in page
    assert f'action="/events/{event.slug}/book/"' not in page
    assert json_ld(visitor.get(event.get_absolute_url()))["eventStatus"].endswith(
        "EventCancelled"
    )


def test_the_listing_shows_places_left_with_queries_independent_of_its_length(client):
    def count_for(size):
        Event.objects.all().delete()
        EventFactory.create_batch(size, capacity=3)
        from apps.events.cache import invalidate_public_events

        invalidate_public_events()
        client.get("/events/")  # warms what every page reads once (menus, settings)
        invalidate_public_events()
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/events/").content.decode()
        assert page.count("3 places left") == size
        return len(queries)

    assert count_for(5) == count_for(50)
