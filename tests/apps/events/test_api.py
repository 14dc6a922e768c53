"""The events and bookings API: answers, errors, idempotency, caching, queries."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.events.models import Booking, Event
from tests.apps.api_helpers import event_manager
from tests.factories import BookingFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def user_client(client):
    user = UserFactory()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def staff_client(client):
    client.force_login(event_manager())
    return client


def post_json(client, path, body=None, **headers):
    return client.post(path, body, content_type="application/json", headers=headers)


# --- Public list and detail ---------------------------------------------------------


def test_event_list_shows_places_left_and_hides_drafts_and_past_events(client):
    event = EventFactory(capacity=10, title="Open day")
    BookingFactory(event=event, seats=3)
    EventFactory(status=Event.Status.DRAFT)
    EventFactory(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=1),
    )

    body = client.get("/api/v1/events/").json()

    assert body["count"] == 1
    [item] = body["results"]
    assert item["title"] == "Open day"
    assert item["places_left"] == 7
    assert "online_url" not in item


def test_event_list_filters_by_date_range_and_text(client):
    now = timezone.now()
    soon = EventFactory(title="Pottery class", starts_at=now + dt.timedelta(days=2))
    EventFactory(title="Pottery fair", starts_at=now + dt.timedelta(days=40))
    EventFactory(title="Choir", starts_at=now + dt.timedelta(days=3))
    until = (now + dt.timedelta(days=10)).date().isoformat()

    body = client.get(f"/api/v1/events/?q=pottery&starts_before={until}").json()

    assert [e["slug"] for e in body["results"]] == [soon.slug]
    after = (now + dt.timedelta(days=30)).date().isoformat()
    body = client.get(f"/api/v1/events/?starts_after={after}").json()
    assert [e["title"] for e in body["results"]] == ["Pottery fair"]


def test_an_invalid_date_filter_is_a_400_problem_naming_the_field(client):
    response = client.get("/api/v1/events/?starts_after=next-tuesday")

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"]["starts_after"] == ["Enter a valid date."]


def test_list_query_count_is_the_same_for_5_and_50_events(client):
    def count_for(size):
        Event.objects.all().delete()
        EventFactory.create_batch(size)
        from apps.events.cache import invalidate_public_events

        invalidate_public_events()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/events/?limit=100").json()["count"] == size
        return len(queries)

    assert count_for(5) == count_for(50)


def test_event_detail_of_a_draft_is_404(client):
    draft = EventFactory(status=Event.Status.DRAFT)

    response = client.get(f"/api/v1/events/{draft.slug}/")

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_public_list_is_cached_and_refreshed_when_availability_changes(
    user_client, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=5)
    assert user_client.get("/api/v1/events/").json()["results"][0]["places_left"] == 5
    Event.objects.filter(pk=event.pk).update(title="Changed behind the cache's back")
    cached = user_client.get("/api/v1/events/").json()["results"][0]
    assert cached["title"] == event.title  # served from the cache

    with django_capture_on_commit_callbacks(execute=True):
        post_json(user_client, "/api/v1/bookings/", {"event": event.slug, "seats": 2})

    fresh = user_client.get("/api/v1/events/").json()["results"][0]
    fresh_detail = user_client.get(f"/api/v1/events/{event.slug}/").json()
    assert fresh["places_left"] == 3
    assert fresh_detail["places_left"] == 3


# --- Bookings -----------------------------------------------------------------------


def test_booking_an_event_answers_201_with_the_booking(user_client):
    event = EventFactory(capacity=3, online_url="https://meet.example.com/x")

    response = post_json(
        user_client, "/api/v1/bookings/", {"event": event.slug, "seats": 2}
    )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "confirmed"
    assert body["seats"] == 2
    assert body["event"]["slug"] == event.slug
    assert body["online_url"] == "https://meet.example.com/x"
    assert Booking.objects.get(reference=body["reference"]).user == user_client.user


def test_waitlisted_bookings_do_not_see_the_joining_link(user_client):
    event = EventFactory(capacity=1, online_url="https://meet.example.com/x")
    BookingFactory(event=event)

    body = post_json(user_client, "/api/v1/bookings/", {"event": event.slug}).json()

    assert body["status"] == "waitlisted"
    assert body["online_url"] == ""


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"seats": 0}, "seats", "Ensure this value is greater than or equal to 1."),
        ({"seats": 11}, "seats", "Ensure this value is less than or equal to 10."),
        ({"seats": "two"}, "seats", "A valid integer is required."),
        ({"event": ""}, "event", "This field may not be blank."),
    ],
)
def test_invalid_booking_input_is_a_400_problem_with_field_messages(
    user_client, payload, field, message
):
    event = EventFactory()

    response = post_json(
        user_client, "/api/v1/bookings/", {"event": event.slug, **payload}
    )

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"][field] == [message]


def test_booking_an_unknown_or_draft_event_is_404(user_client):
    draft = EventFactory(status=Event.Status.DRAFT)

    for slug in ["no-such-event", draft.slug]:
        response = post_json(user_client, "/api/v1/bookings/", {"event": slug})
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"status": Event.Status.CANCELLED}, "event_cancelled"),
        (
            {"booking_closes_at": timezone.now() - dt.timedelta(hours=1)},
            "booking_closed",
        ),
    ],
)
def test_a_booking_the_rules_refuse_is_a_409_problem_with_the_reason(
    user_client, fields, code
):
    event = EventFactory(**fields)

    response = post_json(user_client, "/api/v1/bookings/", {"event": event.slug})

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == code
    assert body["type"] == f"urn:problem-type:{code.replace('_', '-')}"


def test_booking_twice_is_a_409(user_client):
    event = EventFactory()
    post_json(user_client, "/api/v1/bookings/", {"event": event.slug})

    response = post_json(user_client, "/api/v1/bookings/", {"event": event.slug})

    assert response.status_code == 409
    assert response.json()["detail"] == "You already have a booking for this event."


def test_a_retry_with_the_same_idempotency_key_creates_nothing_and_replays(user_client):
    event = EventFactory(capacity=5)
    body = {"event": event.slug, "seats": 2}

    first = post_json(
        user_client, "/api/v1/bookings/", body, **{"Idempotency-Key": "k-1"}
    )
    second = post_json(
        user_client, "/api/v1/bookings/", body, **{"Idempotency-Key": "k-1"}
    )

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Booking.objects.count() == 1
    event.refresh_from_db()
    assert event.confirmed_seats == 2


def test_an_idempotency_key_reused_for_another_request_is_a_422(user_client):
    event = EventFactory(capacity=5)
    post_json(
        user_client,
        "/api/v1/bookings/",
        {"event": event.slug},
        **{"Idempotency-Key": "k"},
    )

    response = post_json(
        user_client,
        "/api/v1/bookings/",
        {"event": event.slug, "seats": 3},
        **{"Idempotency-Key": "k"},
    )

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Booking.objects.count() == 1


def test_a_refused_request_is_not_remembered_so_a_retry_can_succeed(user_client):
    event = EventFactory(status=Event.Status.DRAFT)
    headers = {"Idempotency-Key": "k-2"}
    assert (
        post_json(
            user_client, "/api/v1/bookings/", {"event": event.slug}, **headers
        ).status_code
        == 404
    )
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED)

    response = post_json(
        user_client, "/api/v1/bookings/", {"event": event.slug}, **headers
    )

    assert response.status_code == 201


def test_idempotency_keys_are_per_user(client):
    event = EventFactory(capacity=5)
    for user in UserFactory.create_batch(2):
        client.force_login(user)
        response = post_json(
            client,
            "/api/v1/bookings/",
            {"event": event.slug},
            **{"Idempotency-Key": "same"},
        )
        assert response.status_code == 201
        assert "Idempotent-Replayed" not in response
    assert Booking.objects.count() == 2


def test_my_bookings_lists_only_mine(user_client):
    mine = BookingFactory(user=user_client.user)
    BookingFactory()

    body = user_client.get("/api/v1/bookings/").json()

    assert [b["reference"] for b in body["results"]] == [mine.reference]


def test_another_users_booking_is_404_not_403(user_client):
    theirs = BookingFactory()

    detail = user_client.get(f"/api/v1/bookings/{theirs.reference}/")
    cancel = post_json(user_client, f"/api/v1/bookings/{theirs.reference}/cancel/")

    assert detail.status_code == cancel.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Booking.Status.CONFIRMED


def test_cancelling_my_booking_promotes_the_waitlist(user_client):
    event = EventFactory(capacity=1)
    mine = BookingFactory(event=event, user=user_client.user)
    waiting = BookingFactory(event=event, status=Booking.Status.WAITLISTED)

    response = post_json(user_client, f"/api/v1/bookings/{mine.reference}/cancel/")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    again = post_json(user_client, f"/api/v1/bookings/{mine.reference}/cancel/")
    assert again.status_code == 409


# --- Staff --------------------------------------------------------------------------


def test_staff_create_an_event_as_a_draft_then_publish_it(
    staff_client, django_capture_on_commit_callbacks
):
    response = post_json(
        staff_client,
        "/api/v1/staff/events/",
        {
            "title": "Night walk",
            "slug": "night-walk",
            "starts_at": "2031-06-01T21:00:00Z",
            "ends_at": "2031-06-01T23:00:00Z",
            "capacity": 12,
        },
    )
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert staff_client.get("/api/v1/events/night-walk/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        published = post_json(staff_client, "/api/v1/staff/events/night-walk/publish/")

    assert published.json()["status"] == "published"
    assert staff_client.get("/api/v1/events/night-walk/").status_code == 200


def test_staff_input_errors_are_400_problems_with_field_messages(staff_client):
    response = post_json(
        staff_client,
        "/api/v1/staff/events/",
        {
            "title": "Backwards",
            "slug": "not a slug!",
            "starts_at": "2031-06-01T21:00:00Z",
            "ends_at": "2031-06-01T20:00:00Z",
            "capacity": 0,
        },
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"slug", "capacity"}


def test_staff_cannot_create_an_event_ending_before_it_starts(staff_client):
    response = post_json(
        staff_client,
        "/api/v1/staff/events/",
        {
            "title": "Backwards",
            "slug": "backwards",
            "starts_at": "2031-06-01T21:00:00Z",
            "ends_at": "2031-06-01T20:00:00Z",
            "capacity": 3,
        },
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "ends_at": ["The event cannot end before it starts."]
    }


def test_a_duplicate_slug_is_a_400_not_a_500(staff_client):
    EventFactory(slug="taken")

    response = post_json(
        staff_client,
        "/api/v1/staff/events/",
        {
            "title": "Again",
            "slug": "taken",
            "starts_at": "2031-06-01T21:00:00Z",
            "ends_at": "2031-06-01T22:00:00Z",
            "capacity": 3,
        },
    )

    assert response.status_code == 400
    assert "slug" in response.json()["errors"]


def test_staff_cannot_lower_capacity_below_the_booked_places(staff_client):
    event = EventFactory(capacity=5)
    BookingFactory(event=event, seats=4)

    response = staff_client.patch(
        f"/api/v1/staff/events/{event.slug}/",
        {"capacity": 2},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "capacity" in response.json()["errors"]


def test_staff_cancel_an_event_and_its_bookings(staff_client):
    event = EventFactory()
    booking = BookingFactory(event=event)

    response = post_json(staff_client, f"/api/v1/staff/events/{event.slug}/cancel/")

    assert response.json()["status"] == "cancelled"
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert (
        post_json(
            staff_client, f"/api/v1/staff/events/{event.slug}/cancel/"
        ).status_code
        == 409
    )


def test_attendee_list_and_csv_export(staff_client):
    event = EventFactory(capacity=1)
    confirmed = BookingFactory(
        event=event,
        user=UserFactory(email="c@example.com", first_name="=cmd", last_name="x"),
    )
    waiting = BookingFactory(
        event=event,
        status=Booking.Status.WAITLISTED,
        user=UserFactory(email="w@example.com"),
    )
    BookingFactory(event=event, status=Booking.Status.CANCELLED)

    listed = staff_client.get(f"/api/v1/staff/events/{event.slug}/attendees/").json()
    response = staff_client.get(f"/api/v1/staff/events/{event.slug}/attendees.csv")

    assert [a["reference"] for a in listed["results"]] == [
        confirmed.reference,
        waiting.reference,
    ]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["email"], r["status"]) for r in rows] == [
        ("c@example.com", "confirmed"),
        ("w@example.com", "waitlisted"),
    ]
    assert rows[0]["name"] == "'=cmd x"  # no spreadsheet formula


def test_attendee_list_queries_do_not_grow_with_attendees(staff_client):
    def count_for(size):
        event = EventFactory(capacity=100)
        BookingFactory.create_batch(size, event=event)
        path = f"/api/v1/staff/events/{event.slug}/attendees/?limit=100"
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(path).json()["count"] == size
        return len(queries)

    assert count_for(3) == count_for(30)


def test_staff_read_the_webhook_delivery_log(staff_client, crm):
    from apps.events import services

    services.booking_create(event=EventFactory(), user=UserFactory())

    body = staff_client.get("/api/v1/staff/webhook-deliveries/").json()

    assert [d["topic"] for d in body["results"]] == ["booking.created"]
    assert body["results"][0]["status"] == "pending"
