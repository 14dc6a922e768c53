"""Events in the visitor's language: a translation's title, summary and description,
each falling back to the event's own (the default language's)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from apps.events import selectors, services
from apps.events.cache import invalidate_public_events
from apps.events.calendar import event_ics
from apps.events.emails import booking_email
from apps.events.models import Event, EventTranslation
from tests.apps.api_helpers import event_manager
from tests.cms.i18n import ENGLISH_AND_GERMAN, languages
from tests.factories import (
    BookingFactory,
    EventFactory,
    EventTranslationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_languages")]

ENGLISH_ONLY = [("en", "English")]


@pytest.fixture
def garden_tour():
    event = EventFactory(
        title="Garden tour",
        summary="A walk round the garden.",
        description="We meet at the gate.",
    )
    EventTranslationFactory(
        event=event,
        language="de",
        title="Gartenführung",
        summary="Ein Rundgang durch den Garten.",
        description="",  # not translated: the English description shows
    )
    return event


def test_localized_text_is_the_active_languages_with_fallback_per_field(garden_tour):
    event = selectors.event_by_slug(garden_tour.slug)

    with translation.override("de"):
        german = event.localized
    with translation.override("en"):
        english = event.localized

    assert german.title == "Gartenführung"
    assert german.summary == "Ein Rundgang durch den Garten."
    assert german.description == "We meet at the gate."
    assert english.title == "Garden tour"
    assert english.summary == "A walk round the garden."


def test_an_event_without_a_translation_shows_its_own_words():
    with languages([*ENGLISH_AND_GERMAN, ("fr", "French")]):
        event = EventFactory(title="Garden tour")
        EventTranslationFactory(event=event, language="fr", title="Visite du jardin")

        with translation.override("de"):
            assert selectors.event_by_slug(event.slug).localized.title == "Garden tour"


def test_public_api_answers_in_the_accept_language_and_caches_per_language(
    client, garden_tour
):
    german = client.get(
        f"/api/v1/events/{garden_tour.slug}/", HTTP_ACCEPT_LANGUAGE="de"
    ).json()
    english = client.get(
        f"/api/v1/events/{garden_tour.slug}/", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    listing = client.get("/api/v1/events/", HTTP_ACCEPT_LANGUAGE="de").json()
    english_listing = client.get("/api/v1/events/", HTTP_ACCEPT_LANGUAGE="en").json()

    assert german["title"] == "Gartenführung"
    assert german["description"] == "We meet at the gate."
    assert english["title"] == "Garden tour"
    assert [event["title"] for event in listing["results"]] == ["Gartenführung"]
    assert [event["title"] for event in english_listing["results"]] == ["Garden tour"]


def test_the_listing_reads_translations_in_one_query_whatever_the_number_of_events(
    client,
):
    def count_for(size):
        Event.objects.all().delete()
        for _index in range(size):
            EventTranslationFactory()
        invalidate_public_events()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/events/?limit=50", HTTP_ACCEPT_LANGUAGE="de")
        titles = [event["title"] for event in response.json()["results"]]
        assert len(titles) == size
        assert all(title.endswith("(Deutsch)") for title in titles)
        return len(queries)

    assert count_for(2) == count_for(12)


def test_a_one_language_site_reads_no_translations(client, garden_tour):
    invalidate_public_events()
    with languages(ENGLISH_ONLY), CaptureQueriesContext(connection) as queries:
        titles = [
            event["title"] for event in client.get("/api/v1/events/").json()["results"]
        ]

    assert titles == ["Garden tour"]
    assert not any("events_eventtranslation" in query["sql"] for query in queries)


def test_the_default_language_reads_no_translations_on_a_multilingual_site(
    client, garden_tour
):
    invalidate_public_events()
    with CaptureQueriesContext(connection) as queries:
        listing = client.get("/api/v1/events/", HTTP_ACCEPT_LANGUAGE="en").json()
        page = client.get(f"/events/{garden_tour.slug}/")

    assert [event["title"] for event in listing["results"]] == ["Garden tour"]
    assert "Garden tour" in page.content.decode()
    assert not any("events_eventtranslation" in query["sql"] for query in queries)


@pytest.mark.parametrize("first", ["en", "de"])
def test_event_pages_are_cached_in_each_language(client, garden_tour, first):
    """What is cached of an event holds its text in one language only."""
    invalidate_public_events()
    urls = {
        "en": [f"/events/{garden_tour.slug}/", "/events/"],
        "de": [f"/de/events/{garden_tour.slug}/", "/de/events/"],
    }
    order = [first, *({"en", "de"} - {first})]
    pages = {
        language: [client.get(url).content.decode() for url in urls[language]]
        for language in order
    }

    for html in pages["de"]:
        assert "Gartenführung" in html
        assert "Garden tour" not in html
    for html in pages["en"]:
        assert "Garden tour" in html
        assert "Gartenführung" not in html


def test_event_item_and_calendar_file_are_in_the_active_language(garden_tour):
    event = selectors.event_by_slug(garden_tour.slug)

    with translation.override("de"):
        item = render_to_string(
            "includes/event_item.html", {"event": event, "heading": "h2"}
        )
        ics = event_ics(event).decode()

    assert "Gartenführung" in item
    assert "SUMMARY:Gartenführung" in ics
    assert "DESCRIPTION:Ein Rundgang durch den Garten." in ics


@pytest.mark.usefixtures("immediate_tasks")
def test_a_german_attendee_gets_the_booking_email_in_german(
    garden_tour, django_capture_on_commit_callbacks
):
    user = UserFactory(language="de")

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_create(event=garden_tour, user=user, seats=2)

    [message] = mail.outbox
    assert message.subject == "Ihr Platz bei Gartenführung ist bestätigt"
    assert message.body.startswith("Hallo,")
    assert "Ihre Buchung ist bestätigt." in message.body
    assert "Plätze: 2" in message.body
    [(_name, ics, _type)] = message.attachments
    assert "SUMMARY:Gartenführung" in (ics.decode() if isinstance(ics, bytes) else ics)


@pytest.mark.usefixtures("immediate_tasks")
def test_booking_on_the_german_page_emails_the_date_in_german(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(
        starts_at=dt.datetime(2030, 12, 17, 18, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2030, 12, 17, 20, 30, tzinfo=dt.UTC),
    )
    client.force_login(UserFactory(language="de"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/de/events/{event.slug}/book/", {"seats": "1"})

    [message] = mail.outbox
    assert "Wann: Dienstag, 17. Dezember 2030 18:00 bis 20:30 (UTC)" in message.body


@pytest.mark.usefixtures("immediate_tasks")
def test_an_english_attendee_gets_it_in_english_whatever_the_active_language(
    garden_tour, django_capture_on_commit_callbacks
):
    user = UserFactory(language="en")

    with (
        translation.override("de"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.booking_create(event=garden_tour, user=user)

    [message] = mail.outbox
    assert message.subject == "Your place at Garden tour is confirmed"
    assert "Places: 1" in message.body


def test_setting_translations_replaces_them_and_refuses_bad_languages():
    event = EventFactory()
    EventTranslationFactory(event=event, language="de", title="Alt")

    services.event_translations_set(
        event=event, translations=[{"language": "de", "title": "Neu"}]
    )
    assert list(event.translations.values_list("title", flat=True)) == ["Neu"]

    for translations in (
        [{"language": "en", "title": "The default is the event's own"}],
        [{"language": "fr", "title": "Not offered"}],
        [{"language": "de", "title": "Eins"}, {"language": "de", "title": "Zwei"}],
    ):
        with pytest.raises(ValidationError):
            services.event_translations_set(event=event, translations=translations)
    assert list(event.translations.values_list("title", flat=True)) == ["Neu"]


def test_the_demo_has_an_event_in_german(client):
    call_command("load_demo_content")
    call_command("load_demo_content")  # a second run changes nothing

    response = client.get(
        "/api/v1/events/open-studio-evening/", HTTP_ACCEPT_LANGUAGE="de"
    )

    assert response.json()["title"] == "Offener Studioabend"
    assert (
        EventTranslation.objects.filter(event__slug="open-studio-evening").count() == 1
    )


def test_event_pages_are_their_own_canonical_in_each_language(
    client, home_page, garden_tour
):
    canonical = '<link rel="canonical" href="http://testserver{}">'

    for path in [f"/de/events/{garden_tour.slug}/", f"/events/{garden_tour.slug}/"]:
        assert canonical.format(path) in client.get(f"{path}?utm=x").text
    for path in ["/de/events/", "/events/"]:
        assert canonical.format(path) in client.get(path).text


def test_the_german_event_page_is_german_and_the_english_one_english(
    client, home_page, garden_tour
):
    german = client.get(f"/de/events/{garden_tour.slug}/")
    english = client.get(f"/events/{garden_tour.slug}/")

    assert german.status_code == 200
    assert '<html lang="de"' in german.text
    assert "<h1>Gartenführung</h1>" in german.text
    assert "In meinen Kalender eintragen (.ics)" in german.text
    assert "We meet at the gate." in german.text  # no German description: English
    assert "<h1>Garden tour</h1>" in english.text
    assert "Add to my calendar (.ics)" in english.text


def test_the_german_event_list_is_german(client, home_page, garden_tour):
    response = client.get("/de/events/")

    assert "Kommende Veranstaltungen" in response.text
    assert "Gartenführung" in response.text


@pytest.mark.parametrize(
    ("kind", "subject", "opening"),
    [
        ("confirmed", "Ihr Platz bei Gartenführung ist bestätigt", "Ihre Buchung"),
        ("waitlisted", "Sie stehen auf der Warteliste für Gartenführung", "Die Ver"),
        ("promoted", "Gute Nachricht: Ein Platz bei Gartenführung gehört Ihnen", "Ein"),
        ("cancelled", "Ihre Buchung für Gartenführung ist storniert", "Ihre Buchung"),
        ("event_cancelled", "Gartenführung wurde abgesagt", "Es tut uns leid"),
        ("reminder", "Erinnerung: Gartenführung beginnt bald", "Eine Erinnerung"),
    ],
)
def test_every_booking_email_of_a_german_attendee_is_german(
    garden_tour, kind, subject, opening
):
    booking = BookingFactory(event=garden_tour, user=UserFactory(language="de"))
    booking = selectors.bookings_of(booking.user).get()

    message = booking_email(booking, kind)

    assert message.subject == subject
    assert message.body.startswith(f"Hallo,\n\n{opening}")
    assert f"Buchungsnummer: {booking.reference}" in message.body


@pytest.fixture
def staff_client(client):
    client.force_login(event_manager())
    return client


def test_staff_write_and_read_translations_through_the_api(staff_client):
    created = staff_client.post(
        "/api/v1/staff/events/",
        {
            "title": "Garden tour",
            "slug": "garden-tour",
            "starts_at": "2031-05-02T10:00:00Z",
            "ends_at": "2031-05-02T12:00:00Z",
            "capacity": 20,
            "translations": [{"language": "de", "title": "Gartenführung"}],
        },
        content_type="application/json",
    )
    changed = staff_client.patch(
        "/api/v1/staff/events/garden-tour/",
        {"translations": [{"language": "de", "title": "Führung durch den Garten"}]},
        content_type="application/json",
    )
    listed = staff_client.get("/api/v1/staff/events/")

    assert created.status_code == 201
    assert created.json()["title"] == "Garden tour"  # staff see the stored words
    assert created.json()["translations"] == [
        {"language": "de", "title": "Gartenführung", "summary": "", "description": ""}
    ]
    assert changed.json()["translations"][0]["title"] == "Führung durch den Garten"
    assert listed.json()["results"][0]["translations"][0]["language"] == "de"


def test_staff_cannot_translate_into_a_language_the_site_does_not_offer(
    staff_client,
):
    event = EventFactory()

    response = staff_client.patch(
        f"/api/v1/staff/events/{event.slug}/",
        {"translations": [{"language": "fr", "title": "Visite"}]},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert not event.translations.exists()
