"""The accounts API: sign-up and verification, sessions, tokens, passwords, data."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from apps.events.models import Booking
from tests.apps.api_helpers import PASSWORD
from tests.factories import BookingFactory, EventFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]

NEW_PASSWORD = "a-much-longer-new-passphrase"


def post_json(client, path, body=None, **extra):
    return client.post(path, body, content_type="application/json", **extra)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_emails_a_verification_link_that_verifies_the_address(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(
            client,
            "/api/v1/accounts/sign-up/",
            {"email": "Ada@Example.com", "password": NEW_PASSWORD, "first_name": "Ada"},
        )

    assert response.status_code == 201
    assert response.json()["email"] == "ada@example.com"
    assert response.json()["email_verified"] is False
    [message] = mail.outbox
    assert message.to == ["ada@example.com"]
    assert message.subject == "Confirm your email address"
    token = re.search(r"token=([^&\s]+)", link_in(message)).group(1)
    from urllib.parse import unquote

    verified = post_json(
        client, "/api/v1/accounts/verify-email/", {"token": unquote(token)}
    )

    assert verified.status_code == 200
    assert verified.json()["email_verified"] is True


def test_signing_up_with_a_known_email_answers_as_new_and_tells_the_owner(
    client, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="ada@example.com")
    body = {"password": NEW_PASSWORD, "first_name": "Ada"}

    with django_capture_on_commit_callbacks(execute=True):
        known = post_json(
            client, "/api/v1/accounts/sign-up/", {**body, "email": "ADA@example.com"}
        )
        new = post_json(
            client, "/api/v1/accounts/sign-up/", {**body, "email": "bob@example.com"}
        )

    assert known.status_code == new.status_code == 201
    assert known.json() == {**new.json(), "email": "ada@example.com"}
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ada@example.com"], "Someone tried to sign up with your address"),
        (["bob@example.com"], "Confirm your email address"),
    ]
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)  # nothing changed


def test_a_weak_password_is_a_400_with_the_validators_messages(client):
    response = post_json(
        client,
        "/api/v1/accounts/sign-up/",
        {"email": "weak@example.com", "password": "12345678"},
    )

    assert response.status_code == 400
    messages = response.json()["errors"]["password"]
    assert "This password is too common." in messages
    assert "This password is entirely numeric." in messages


def test_sign_in_with_a_session_and_sign_out(client):
    UserFactory(email="ada@example.com")

    response = post_json(
        client,
        "/api/v1/accounts/sign-in/",
        {"email": "ADA@example.com", "password": PASSWORD},
    )

    assert response.status_code == 200
    assert client.get("/api/v1/accounts/me/").json()["email"] == "ada@example.com"
    assert post_json(client, "/api/v1/accounts/sign-out/").status_code == 204
    assert client.get("/api/v1/accounts/me/").status_code == 401


def test_wrong_credentials_get_one_message_whatever_was_wrong(client):
    UserFactory(email="ada@example.com")

    wrong_password = post_json(
        client,
        "/api/v1/accounts/sign-in/",
        {"email": "ada@example.com", "password": "nope"},
    )
    unknown = post_json(
        client,
        "/api/v1/accounts/sign-in/",
        {"email": "bob@example.com", "password": "nope"},
    )

    assert wrong_password.status_code == unknown.status_code == 400
    assert wrong_password.json()["errors"] == unknown.json()["errors"]


def test_an_unverified_account_cannot_sign_in(client):
    UserFactory(email="new@example.com", email_verified_at=None)

    response = post_json(
        client,
        "/api/v1/accounts/sign-in/",
        {"email": "new@example.com", "password": PASSWORD},
    )

    # The same answer as a wrong password: verification is the backend's rule.
    assert response.status_code == 400
    assert "not confirmed yet" in response.json()["detail"]


def test_session_sign_in_needs_the_csrf_token():
    UserFactory(email="ada@example.com")
    client = Client(enforce_csrf_checks=True)
    body = {"email": "ada@example.com", "password": PASSWORD}

    refused = post_json(client, "/api/v1/accounts/sign-in/", body)
    client.get("/api/v1/accounts/session/")  # sets the csrftoken cookie
    accepted = post_json(
        client,
        "/api/v1/accounts/sign-in/",
        body,
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 200


def test_mobile_tokens_are_hashed_expire_and_authenticate(client):
    user = UserFactory(email="ada@example.com")

    response = post_json(
        client,
        "/api/v1/accounts/tokens/",
        {"email": "ada@example.com", "password": PASSWORD},
    )

    assert response.status_code == 201
    token = response.json()["token"]
    stored = AuthToken.objects.get(user=user)
    assert token not in (stored.digest, stored.token_key)  # only a hash is stored
    assert stored.expiry > timezone.now() + dt.timedelta(days=1)
    me = Client().get("/api/v1/accounts/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.json()["email"] == "ada@example.com"


def test_an_expired_token_is_refused():
    user = UserFactory()
    instance, token = AuthToken.objects.create(user=user)
    AuthToken.objects.filter(pk=instance.pk).update(
        expiry=timezone.now() - dt.timedelta(seconds=1)
    )

    response = Client().get("/api/v1/accounts/me/", HTTP_AUTHORIZATION=f"Token {token}")

    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"


def test_tokens_can_be_revoked_one_by_one_or_all_at_once():
    user = UserFactory()
    first, first_token = AuthToken.objects.create(user=user)
    _, second_token = AuthToken.objects.create(user=user)
    _, third_token = AuthToken.objects.create(user=user)
    client = Client(HTTP_AUTHORIZATION=f"Token {second_token}")

    listed = client.get("/api/v1/accounts/tokens/").json()
    assert sum(token["current"] for token in listed) == 1
    assert len(listed) == 3
    assert (
        client.delete(f"/api/v1/accounts/tokens/{first.token_key}/").status_code == 204
    )
    assert Client(HTTP_AUTHORIZATION=f"Token {first_token}").get(
        "/api/v1/accounts/me/"
    ).status_code in (401, 403)
    assert client.get("/api/v1/accounts/me/").status_code == 200

    assert client.delete("/api/v1/accounts/tokens/").status_code == 204

    for token in (second_token, third_token):
        response = Client(HTTP_AUTHORIZATION=f"Token {token}").get(
            "/api/v1/accounts/me/"
        )
        assert response.status_code in (401, 403)


def test_signing_out_with_a_token_revokes_that_token_only():
    user = UserFactory()
    _, token = AuthToken.objects.create(user=user)
    _, other = AuthToken.objects.create(user=user)

    response = Client(HTTP_AUTHORIZATION=f"Token {token}").post(
        "/api/v1/accounts/sign-out/"
    )

    assert response.status_code == 204
    assert AuthToken.objects.filter(user=user).count() == 1
    assert (
        Client(HTTP_AUTHORIZATION=f"Token {other}")
        .get("/api/v1/accounts/me/")
        .status_code
        == 200
    )


def test_me_updates_the_profile_but_not_the_email_or_staff_flag(client):
    user = UserFactory(email="ada@example.com")
    client.force_login(user)

    response = client.patch(
        "/api/v1/accounts/me/",
        {"first_name": "Ada", "email": "evil@example.com", "is_staff": True},
        content_type="application/json",
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.first_name == "Ada"
    assert user.email == "ada@example.com"
    assert user.is_staff is False


def test_password_change_checks_the_current_one_and_emails_a_notice(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    client.force_login(user)

    wrong = post_json(
        client,
        "/api/v1/accounts/password/change/",
        {"current_password": "nope", "new_password": NEW_PASSWORD},
    )
    with django_capture_on_commit_callbacks(execute=True):
        right = post_json(
            client,
            "/api/v1/accounts/password/change/",
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        )

    assert wrong.status_code == 400
    assert "current_password" in wrong.json()["errors"]
    assert right.status_code == 200
    assert right.json()["other_sessions_ended"] is True
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/api/v1/accounts/me/").status_code == 200  # still signed in
    assert [m.subject for m in mail.outbox] == ["Your password was changed"]


def test_password_reset_by_email_link(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="ada@example.com")
    AuthToken.objects.create(user=user)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(
            client, "/api/v1/accounts/password/reset/", {"email": "ADA@example.com"}
        )
    assert response.status_code == 202
    [message] = mail.outbox
    link = link_in(message)
    uid = re.search(r"uid=([^&]+)", link).group(1)
    token = re.search(r"token=([^&\s]+)", link).group(1)

    confirmed = post_json(
        client,
        "/api/v1/accounts/password/reset/confirm/",
        {"uid": uid, "token": token, "new_password": NEW_PASSWORD},
    )
    reused = post_json(
        client,
        "/api/v1/accounts/password/reset/confirm/",
        {"uid": uid, "token": token, "new_password": "another-long-passphrase"},
    )

    assert confirmed.status_code == 204
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not AuthToken.objects.filter(user=user).exists()
    assert reused.status_code == 400
    assert reused.json()["errors"]["token"] == [
        "This reset link is invalid or has expired."
    ]


def test_password_reset_for_an_unknown_email_answers_the_same_and_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(
            client, "/api/v1/accounts/password/reset/", {"email": "nobody@example.com"}
        )

    assert response.status_code == 202
    assert mail.outbox == []


def test_export_my_data_holds_my_profile_and_bookings_only(client):
    user = UserFactory(email="ada@example.com")
    mine = BookingFactory(user=user)
    BookingFactory()
    client.force_login(user)

    response = client.get("/api/v1/accounts/me/export/")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["profile"]["email"] == "ada@example.com"
    assert [b["reference"] for b in data["bookings"]] == [mine.reference]


def test_deleting_my_account_frees_my_places_for_the_waitlist(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    event = EventFactory(capacity=1)
    BookingFactory(user=user, event=event)
    waiting = BookingFactory(event=event, status=Booking.Status.WAITLISTED)
    client.force_login(user)

    wrong = post_json(client, "/api/v1/accounts/me/delete/", {"password": "nope"})
    response = post_json(client, "/api/v1/accounts/me/delete/", {"password": PASSWORD})

    assert wrong.status_code == 400
    assert response.status_code == 204
    assert not type(user).objects.filter(pk=user.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    assert client.get("/api/v1/accounts/me/").status_code == 401


@pytest.fixture
def tight_reset_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "password_reset_address": "5/hour",
            "password_reset_account": "2/hour",
        },
    }


def test_password_reset_requests_are_throttled_per_account(client, tight_reset_rates):
    for n in range(2):
        post_json(
            client,
            "/api/v1/accounts/password/reset/",
            {"email": "ada@example.com"},
            REMOTE_ADDR=f"10.0.1.{n}",
        )

    response = post_json(
        client,
        "/api/v1/accounts/password/reset/",
        {"email": "ada@example.com"},
        REMOTE_ADDR="10.0.1.9",
    )

    assert response.status_code == 429
