"""Accounts give nothing away and changing a password signs out everywhere else."""

import pytest
from django.core import mail
from django.test import Client
from knox.models import AuthToken

from tests.apps.api_helpers import PASSWORD
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]

NEW_PASSWORD = "a-much-longer-new-passphrase"


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASKS["default"]["QUEUES"],
        }
    }


@pytest.fixture
def tight_email_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "password_reset_address": "3/hour",
            "password_reset_account": "2/hour",
        },
    }


def test_html_sign_up_with_a_known_address_answers_as_with_a_new_one(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="ada@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(
            "/accounts/sign-up/", {"email": "ada@example.com", "password": NEW_PASSWORD}
        )
        new = client.post(
            "/accounts/sign-up/", {"email": "bob@example.com", "password": NEW_PASSWORD}
        )

    assert known.status_code == new.status_code == 200
    assert known.content.replace(b"ada@", b"bob@") == new.content
    assert [m.subject for m in mail.outbox] == [
        "Someone tried to sign up with your address",
        "Confirm your email address",
    ]


def test_password_reset_does_the_same_work_for_an_unknown_address(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="ada@example.com")

    with django_capture_on_commit_callbacks(execute=False) as known_work:
        known = client.post(
            "/api/v1/accounts/password/reset/",
            {"email": "ada@example.com"},
            content_type="application/json",
        )
    with django_capture_on_commit_callbacks(execute=False) as unknown_work:
        unknown = client.post(
            "/api/v1/accounts/password/reset/",
            {"email": "nobody@example.com"},
            content_type="application/json",
        )

    assert known.status_code == unknown.status_code == 202
    assert len(known_work) == len(unknown_work) == 1  # one email job each


def test_html_sign_up_is_throttled_like_the_api(tight_email_rates):
    client = Client(REMOTE_ADDR="203.0.113.30")
    for n in range(3):
        response = client.post(
            "/accounts/sign-up/",
            {"email": f"person{n}@example.com", "password": NEW_PASSWORD},
        )
        assert response.status_code == 200

    response = client.post(
        "/accounts/sign-up/", {"email": "more@example.com", "password": NEW_PASSWORD}
    )

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_html_sign_ups_naming_one_address_are_throttled_from_any_address(
    tight_email_rates,
):
    for n in range(2):
        Client(REMOTE_ADDR=f"203.0.113.{n}").post(
            "/accounts/sign-up/", {"email": "ada@example.com", "password": NEW_PASSWORD}
        )

    response = Client(REMOTE_ADDR="203.0.113.99").post(
        "/accounts/sign-up/", {"email": "ada@example.com", "password": NEW_PASSWORD}
    )

    assert response.status_code == 429


def test_html_password_reset_is_throttled_like_the_api(tight_email_rates):
    client = Client(REMOTE_ADDR="203.0.113.40")
    for _ in range(3):
        response = client.post(
            "/accounts/password-reset/?uid=MQ&token=guess",
            {"new_password": NEW_PASSWORD},
        )
        assert response.status_code == 400

    response = client.post(
        "/accounts/password-reset/?uid=MQ&token=guess", {"new_password": NEW_PASSWORD}
    )

    assert response.status_code == 429


def test_changing_the_password_revokes_every_other_token_and_session():
    user = UserFactory()
    _, other_device = AuthToken.objects.create(user=user)
    _, this_device = AuthToken.objects.create(user=user)
    elsewhere = Client()
    elsewhere.force_login(user)
    here = Client(headers={"Authorization": f"Token {this_device}"})

    response = here.post(
        "/api/v1/accounts/password/change/",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response.json()["tokens_revoked"] == 1
    assert response.json()["other_sessions_ended"] is True
    assert "signed out everywhere else" in response.json()["detail"]
    assert here.get("/api/v1/accounts/me/").status_code == 200
    other = Client(headers={"Authorization": f"Token {other_device}"})
    assert other.get("/api/v1/accounts/me/").status_code == 401
    assert elsewhere.get("/api/v1/accounts/me/").status_code in {401, 403}


def test_changing_the_password_in_a_session_keeps_that_session_only():
    user = UserFactory()
    _, token = AuthToken.objects.create(user=user)
    here = Client()
    here.force_login(user)

    response = here.post(
        "/api/v1/accounts/password/change/",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        content_type="application/json",
    )

    assert response.json()["tokens_revoked"] == 1
    assert here.get("/api/v1/accounts/me/").status_code == 200
    device = Client(headers={"Authorization": f"Token {token}"})
    assert device.get("/api/v1/accounts/me/").status_code == 401


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/accounts/me/",
        "/api/v1/accounts/me/export/",
        "/api/v1/bookings/",
        "/api/v1/accounts/tokens/",
    ],
)
def test_personal_api_responses_are_never_stored(client, address):
    client.force_login(UserFactory())

    response = client.get(address)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_new_token_is_never_stored_either(client):
    UserFactory(email="ada@example.com")

    response = client.post(
        "/api/v1/accounts/tokens/",
        {"email": "ada@example.com", "password": PASSWORD},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert response["Cache-Control"] == "private, no-store"


def test_the_public_content_api_keeps_its_own_caching(client, home_page):
    response = client.get("/api/content/v1/pages/")

    assert "no-store" not in response.get("Cache-Control", "")
