"""Problem details (problem+json) in the request's language (Accept-Language on the
business API), through the real URLs."""

import pytest

from tests.factories import EventFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_languages")]


def test_not_found_is_in_german_for_a_german_client(client):
    response = client.get("/api/v1/events/no-such-event/", HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Nicht gefunden"
    assert (
        response.json()["detail"]
        == "Es gibt keine öffentliche Veranstaltung mit diesem Slug."
    )


def test_not_found_stays_english_for_an_english_client(client):
    response = client.get("/api/v1/events/no-such-event/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.json()["title"] == "Not Found"
    assert response.json()["detail"] == "There is no public event with this slug."


def test_an_unknown_address_under_the_api_is_in_german(client):
    response = client.get("/api/v1/nowhere/", HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 404
    assert response.json() | {"instance": None} == {
        "type": "about:blank",
        "title": "Nicht gefunden",
        "status": 404,
        "detail": "Unter dieser Adresse gibt es keine Ressource.",
        "instance": None,
    }


def test_a_broken_booking_rule_is_explained_in_german(client):
    event = EventFactory(capacity=2)
    client.force_login(UserFactory())

    response = client.post(
        "/api/v1/bookings/",
        {"event": event.slug, "seats": 1},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    again = client.post(
        "/api/v1/bookings/",
        {"event": event.slug, "seats": 1},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 201
    assert again.status_code == 409
    assert again.json()["title"] == "Konflikt"
    assert (
        again.json()["detail"]
        == "Sie haben bereits eine Buchung für diese Veranstaltung."
    )


def test_validation_errors_are_in_german_including_django_rest_frameworks_own(client):
    client.force_login(UserFactory())

    response = client.post(
        "/api/v1/bookings/",
        {"seats": 1},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 400
    assert response.json()["title"] == "Ungültige Anfrage"
    # DRF's own message, from DRF's own German catalogue.
    assert response.json()["errors"]["event"] == ["Dieses Feld muss ausgefüllt werden."]
