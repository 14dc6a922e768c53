"""Staff and editors manage events in the Wagtail admin, with the same rules."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import resolve
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex
from wagtail.users.models import UserProfile

from apps.events import services
from apps.events.models import Booking, Event, EventTranslation
from tests.cms.i18n import languages
from tests.factories import BookingFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def form_data(**overrides):
    data = {
        "title": "Open studio",
        "slug": "open-studio",
        "summary": "",
        "description": "",
        "starts_at": "2031-03-01 10:00",
        "ends_at": "2031-03-01 12:00",
        "venue": "Studio 4",
        "online_url": "",
        "capacity": "10",
        "booking_opens_at": "",
        "booking_closes_at": "",
        "status": "draft",
    }
    data.update(overrides)
    return data


def test_admin_lists_events(admin_client):
    EventFactory(title="Listed in the admin")

    response = admin_client.get("/admin/event/")

    assert response.status_code == 200
    assert b"Listed in the admin" in response.content


def test_creating_a_published_event_in_the_admin(admin_client):
    response = admin_client.post("/admin/event/new/", form_data(status="published"))

    assert response.status_code == 302
    event = Event.objects.get(slug="open-studio")
    assert event.status == Event.Status.PUBLISHED
    assert event.capacity == 10


def test_raising_capacity_in_the_admin_promotes_the_waitlist(admin_client):
    event = EventFactory(capacity=1)
    BookingFactory(event=event)
    waiting = BookingFactory(event=event, status=Booking.Status.WAITLISTED)

    response = admin_client.post(
        f"/admin/event/edit/{event.pk}/",
        form_data(
            title=event.title,
            slug=event.slug,
            starts_at=event.starts_at.strftime("%Y-%m-%d %H:%M"),
            ends_at=event.ends_at.strftime("%Y-%m-%d %H:%M"),
            capacity="2",
            status="published",
        ),
    )

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED


def test_cancelling_in_the_admin_cancels_the_bookings(admin_client):
    event = EventFactory()
    booking = BookingFactory(event=event)

    admin_client.post(
        f"/admin/event/edit/{event.pk}/",
        form_data(
            title=event.title,
            slug=event.slug,
            starts_at=event.starts_at.strftime("%Y-%m-%d %H:%M"),
            ends_at=event.ends_at.strftime("%Y-%m-%d %H:%M"),
            status="cancelled",
        ),
    )

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_capacity_below_booked_places_is_a_form_error_not_a_crash(admin_client):
    event = EventFactory(capacity=5)
    BookingFactory(event=event, seats=4)

    response = admin_client.post(
        f"/admin/event/edit/{event.pk}/",
        form_data(
            title=event.title,
            slug=event.slug,
            starts_at=event.starts_at.strftime("%Y-%m-%d %H:%M"),
            ends_at=event.ends_at.strftime("%Y-%m-%d %H:%M"),
            capacity="2",
            status="published",
        ),
    )

    assert response.status_code == 200
    assert b"already booked" in response.content
    event.refresh_from_db()
    assert event.capacity == 5


def test_a_published_event_cannot_go_back_to_draft(admin_client):
    event = EventFactory()

    response = admin_client.post(
        f"/admin/event/edit/{event.pk}/",
        form_data(
            title=event.title,
            slug=event.slug,
            starts_at=event.starts_at.strftime("%Y-%m-%d %H:%M"),
            ends_at=event.ends_at.strftime("%Y-%m-%d %H:%M"),
            status="draft",
        ),
    )

    assert response.status_code == 200
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_bookings_and_the_webhook_log_are_read_only_in_the_admin(admin_client):
    booking = BookingFactory()

    assert admin_client.get("/admin/booking/").status_code == 200
    assert booking.reference.encode() in admin_client.get("/admin/booking/").content
    assert admin_client.get(f"/admin/booking/inspect/{booking.pk}/").status_code == 200
    assert admin_client.get("/admin/booking/new/").status_code in (302, 403)
    assert admin_client.get(f"/admin/booking/edit/{booking.pk}/").status_code in (
        302,
        403,
    )
    assert admin_client.get("/admin/webhookdelivery/").status_code == 200


def test_an_editor_group_with_view_permissions_sees_bookings_but_not_events(client):
    group = Group.objects.create(name="Front desk")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "view_booking"],
        )
    )
    editor = UserFactory(is_staff=True)
    editor.groups.add(group)
    client.force_login(editor)

    assert client.get("/admin/booking/").status_code == 200
    assert client.get("/admin/event/new/").status_code in (302, 403)


def test_bookings_stay_out_of_wagtails_reference_index(
    django_capture_on_commit_callbacks,
):
    """A booking is a business record: saving one queues no reference-index job."""
    # Wagtail registers a viewset's model for indexing when the admin's URLs load.
    resolve("/admin/")
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_create(event=event, user=UserFactory(), seats=1)

    assert not ReferenceIndex.objects.filter(object_id=str(booking.pk)).exists()
    assert not DBTaskResult.objects.filter(
        task_path__contains="reference_index"
    ).exists()


def test_a_new_events_slug_follows_its_title_but_a_saved_ones_does_not(admin_client):
    add = admin_client.get("/admin/event/new/").content.decode()
    event = EventFactory()
    edit = admin_client.get(f"/admin/event/edit/{event.pk}/").content.decode()

    title_input = re.compile(r'<input[^>]*name="title"[^>]*>')
    assert "w-sync#apply" in title_input.search(add).group(0)
    assert 'data-controller="w-slug"' in add
    assert "w-sync#apply" not in title_input.search(edit).group(0)


@pytest.fixture
def german_editor_client(client):
    editor = UserFactory(is_staff=True, is_superuser=True)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(editor)
    return client


def test_the_event_form_is_labelled_in_the_editors_admin_language(
    german_editor_client,
):
    event = EventFactory()

    response = german_editor_client.get(f"/admin/event/edit/{event.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Buchungsbeginn" in page  # booking opens at
    assert "Veranstaltungsort" in page  # venue
    assert "Wie viele Plätze gebucht werden können." in page
    assert "Booking opens at" not in page


def test_the_booking_list_is_labelled_in_the_editors_admin_language(
    german_editor_client,
):
    BookingFactory()

    response = german_editor_client.get("/admin/booking/")

    page = response.content.decode()
    assert "Buchungsnummer" in page  # the reference column
    assert "Bestätigt" in page  # a booking's status


# An event's translations are edited in its own form, on a site in two languages
# (moved here from test_translations.py, which repeated this module's fixture and
# form).
GERMAN_TRANSLATION = {
    "translations-TOTAL_FORMS": "1",
    "translations-INITIAL_FORMS": "0",
    "translations-MIN_NUM_FORMS": "0",
    "translations-MAX_NUM_FORMS": "1000",
    "translations-0-id": "",
    "translations-0-language": "de",
    "translations-0-title": "Offenes Studio",
    "translations-0-summary": "",
    "translations-0-description": "Kommen Sie vorbei.",
    "translations-0-DELETE": "",
}


def translated_form(**overrides):
    return form_data(status="published", **{**GERMAN_TRANSLATION, **overrides})


@pytest.mark.usefixtures("two_languages")
def test_editors_translate_an_event_in_the_admin(admin_client):
    form = admin_client.get("/admin/event/new/")
    assert b"translations-TOTAL_FORMS" in form.content

    response = admin_client.post("/admin/event/new/", translated_form())

    assert response.status_code == 302
    event = Event.objects.get(slug="open-studio")
    [german] = event.translations.all()
    assert (german.language, german.title) == ("de", "Offenes Studio")
    assert german.description == "Kommen Sie vorbei."


@pytest.mark.usefixtures("two_languages")
def test_the_admin_refuses_a_translation_into_the_default_language(admin_client):
    response = admin_client.post(
        "/admin/event/new/", translated_form(**{"translations-0-language": "en"})
    )

    assert response.status_code == 200  # the form again, with the error
    assert not Event.objects.exists()
    assert not EventTranslation.objects.exists()


def test_a_one_language_admin_has_no_translations(admin_client):
    with languages([("en", "English")]):
        form = admin_client.get("/admin/event/new/")

    assert form.status_code == 200
    assert b"translations-TOTAL_FORMS" not in form.content


@pytest.mark.usefixtures("two_languages")
def test_the_admin_refuses_two_translations_into_one_language(admin_client):
    second = {
        "translations-TOTAL_FORMS": "2",
        "translations-1-id": "",
        "translations-1-language": "de",
        "translations-1-title": "Noch einmal",
        "translations-1-summary": "",
        "translations-1-description": "",
        "translations-1-DELETE": "",
    }

    response = admin_client.post("/admin/event/new/", translated_form(**second))

    assert response.status_code == 200  # the form again, with the error
    assert not Event.objects.exists()
