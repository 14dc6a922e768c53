"""An account's language: set at sign-up from the language in use, changed on the
account, and the language every email to the person is written in."""

import pytest
from django.core import mail

from apps.accounts.emails import account_email
from apps.accounts.models import User
from tests.cms.i18n import languages
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_languages", "immediate_tasks"),
]

PASSWORD = "a-long-enough-passphrase"


def sign_up(client, **headers):
    return client.post(
        "/api/v1/accounts/sign-up/",
        {"email": "ada@example.com", "password": PASSWORD},
        content_type="application/json",
        **headers,
    )


def test_signing_up_in_german_stores_german_and_emails_in_german(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")

    assert response.status_code == 201
    assert response.json()["language"] == "de"
    [message] = mail.outbox
    assert message.subject == "Bestätigen Sie Ihre E-Mail-Adresse"
    assert "Bitte bestätigen Sie, dass dies Ihre E-Mail-Adresse ist" in message.body


def test_signing_up_in_english_stores_english(client):
    response = sign_up(client, HTTP_ACCEPT_LANGUAGE="en")

    assert response.json()["language"] == "en"


def test_the_sign_up_page_stores_the_language_in_use(client, monkeypatch):
    # The page's language comes from its address (config/languages.py); here the
    # page is told it is German, to show what it does with the language in use.
    monkeypatch.setattr("apps.accounts.views.get_language", lambda: "de")

    client.post(
        "/accounts/sign-up/", {"email": "ada@example.com", "password": PASSWORD}
    )

    assert User.objects.get(email="ada@example.com").language == "de"


def test_people_change_their_language_on_their_account(client):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.patch(
        "/api/v1/accounts/me/", {"language": "de"}, content_type="application/json"
    )

    assert response.status_code == 200
    assert response.json()["language"] == "de"
    user.refresh_from_db()
    assert user.language == "de"


def test_a_language_the_site_does_not_offer_is_refused(client):
    client.force_login(UserFactory(language="en"))

    response = client.patch(
        "/api/v1/accounts/me/", {"language": "fr"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "language" in response.json()["errors"]


@pytest.mark.parametrize(
    ("kind", "subject"),
    [
        ("verify", "Bestätigen Sie Ihre E-Mail-Adresse"),
        ("password_reset", "Setzen Sie Ihr Passwort zurück"),
        ("password_changed", "Ihr Passwort wurde geändert"),
        ("account_exists", "Jemand wollte sich mit Ihrer Adresse registrieren"),
    ],
)
def test_every_account_email_of_a_german_user_is_german(kind, subject):
    message = account_email(UserFactory(language="de"), kind)

    assert message.subject == subject
    assert message.body.startswith("Hallo,")


def test_a_language_no_longer_offered_falls_back_to_the_default():
    user = UserFactory(language="de")

    with languages([("en", "English")]):
        message = account_email(user, "verify")

    assert message.subject == "Confirm your email address"


def test_signing_in_and_out_in_german_without_next_lands_on_the_german_home_page(
    client,
):
    UserFactory(email="ada@example.com", password=PASSWORD)

    signed_in = client.post(
        "/de/accounts/sign-in/", {"email": "ada@example.com", "password": PASSWORD}
    )
    signed_out = client.post("/de/accounts/sign-out/")

    assert signed_in["Location"] == "/de/"
    assert signed_out["Location"] == "/de/"


def test_an_offsite_next_in_german_falls_back_to_the_german_home_page(client):
    UserFactory(email="ada@example.com", password=PASSWORD)

    response = client.post(
        "/de/accounts/sign-in/",
        {
            "email": "ada@example.com",
            "password": PASSWORD,
            "next": "https://evil.example.com/",
        },
    )

    assert response["Location"] == "/de/"


def test_the_german_sign_in_and_sign_up_pages_link_each_other_without_a_next(client):
    sign_in = client.get("/de/accounts/sign-in/").content.decode()
    sign_up = client.get("/de/accounts/sign-up/").content.decode()

    assert 'href="/de/accounts/sign-up/"' in sign_in
    assert 'href="/de/accounts/sign-in/"' in sign_up
