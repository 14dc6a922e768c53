"""Every login door goes through one backend and one attempt limiter.

Probed as an attacker would, through the real addresses: the HTML sign-in, the API
(session and token), Wagtail's admin login, Wagtail's front-end login and Wagtail's
page passwords."""

import pytest
import time_machine
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.apps.api_helpers import PASSWORD
from tests.factories import UserFactory
from tests.factories.cms import StandardPageFactory

pytestmark = pytest.mark.django_db

EMAIL = "ada@example.com"


def html_sign_in(client, email, password, **extra):
    return client.post(
        "/accounts/sign-in/", {"email": email, "password": password}, **extra
    )


def api_sign_in(client, email, password, **extra):
    return client.post(
        "/api/v1/accounts/sign-in/",
        {"email": email, "password": password},
        content_type="application/json",
        **extra,
    )


def api_token(client, email, password, **extra):
    return client.post(
        "/api/v1/accounts/tokens/",
        {"email": email, "password": password},
        content_type="application/json",
        **extra,
    )


def admin_login(client, email, password, **extra):
    return client.post(
        "/admin/login/", {"username": email, "password": password}, **extra
    )


def wagtail_login(client, email, password, **extra):
    return client.post(
        "/_util/login/", {"username": email, "password": password}, **extra
    )


DOORS = [html_sign_in, api_sign_in, api_token, admin_login, wagtail_login]
SIGNED_IN = {
    html_sign_in: 302,
    api_sign_in: 200,
    api_token: 201,
    admin_login: 302,
    wagtail_login: 302,
}


@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.__name__)
def test_guessing_a_password_is_locked_out_on_every_door(door, tight_sign_in_limits):
    UserFactory(email=EMAIL, is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(2):
        assert door(client, EMAIL, "guess").status_code in {200, 400}

    locking = door(client, EMAIL, "guess")  # the third failure locks
    refused = door(client, EMAIL, PASSWORD)  # even the right password now

    for response in (locking, refused):
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 60
    assert "_auth_user_id" not in client.session


def test_failures_on_one_door_count_on_every_other(tight_sign_in_limits):
    UserFactory(email=EMAIL)
    client = Client()
    html_sign_in(client, EMAIL, "guess")
    admin_login(client, EMAIL, "guess")
    wagtail_login(client, EMAIL, "guess")

    response = api_token(client, EMAIL, PASSWORD)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"


def test_the_lockout_grows_with_each_further_failure(tight_sign_in_limits):
    UserFactory(email=EMAIL)
    client = Client()
    with time_machine.travel("2026-03-01 09:00 +0000", tick=False) as clock:
        for _ in range(3):
            html_sign_in(client, EMAIL, "guess")
        assert int(html_sign_in(client, EMAIL, PASSWORD)["Retry-After"]) == 60

        clock.shift(61)
        assert html_sign_in(client, EMAIL, "guess").status_code == 429  # 4th failure
        assert int(html_sign_in(client, EMAIL, PASSWORD)["Retry-After"]) == 120

        clock.shift(121)
        response = html_sign_in(client, EMAIL, PASSWORD)

    assert response.status_code == 302


def test_a_stranger_cannot_lock_a_person_out_from_elsewhere(tight_sign_in_limits):
    UserFactory(email=EMAIL)
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        api_token(attacker, EMAIL, "guess")
    assert api_token(attacker, EMAIL, PASSWORD).status_code == 429

    owner = Client(REMOTE_ADDR="198.51.100.20")
    response = api_token(owner, EMAIL, PASSWORD)

    assert response.status_code == 201


def test_one_address_guessing_many_accounts_is_locked_out(tight_sign_in_limits):
    UserFactory(email=EMAIL)
    client = Client(REMOTE_ADDR="203.0.113.8")
    for n in range(6):
        html_sign_in(client, f"user{n}@example.com", "guess")

    response = html_sign_in(client, EMAIL, PASSWORD)

    assert response.status_code == 429
    assert b"Too many" in response.content


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(
    tight_sign_in_limits,
):
    client = Client()
    for n in range(6):
        html_sign_in(
            client, f"user{n}@example.com", "guess", HTTP_X_FORWARDED_FOR=f"10.1.1.{n}"
        )

    response = html_sign_in(client, EMAIL, "guess", HTTP_X_FORWARDED_FOR="10.9.9.9")

    assert response.status_code == 429


def test_signing_in_clears_the_accounts_count_but_not_the_addresses(
    tight_sign_in_limits,
):
    UserFactory(email=EMAIL)
    client = Client()
    for _ in range(2):
        html_sign_in(client, EMAIL, "guess")
    assert html_sign_in(client, EMAIL, PASSWORD).status_code == 302
    for _ in range(2):
        assert html_sign_in(Client(), EMAIL, "guess").status_code == 400

    # The address has failed 4 times of 6: two more failures lock it.
    html_sign_in(client, "x@example.com", "guess")
    assert html_sign_in(client, "y@example.com", "guess").status_code == 429


@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.__name__)
def test_a_success_on_any_door_starts_the_accounts_count_again(
    door, tight_sign_in_limits
):
    UserFactory(email=EMAIL, is_staff=True, is_superuser=True)
    for _ in range(2):
        door(Client(), EMAIL, "guess")
    assert door(Client(), EMAIL, PASSWORD).status_code == SIGNED_IN[door]

    # Two more failures: without the success above, the third would have locked.
    responses = [door(Client(), EMAIL, "guess") for _ in range(2)]

    assert [response.status_code for response in responses] == [
        responses[0].status_code
    ] * 2
    assert 429 not in {response.status_code for response in responses}


def test_the_limiter_fails_open_when_its_cache_is_down(
    tight_sign_in_limits, settings, caplog
):
    UserFactory(email=EMAIL)
    settings.CACHES = {
        **settings.CACHES,
        # Nothing listens on port 1: every call fails at once, as when Redis is down.
        "unreachable": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.AXES_CACHE = "unreachable"
    client = Client()
    for _ in range(5):
        assert html_sign_in(client, EMAIL, "guess").status_code == 400

    assert html_sign_in(client, EMAIL, PASSWORD).status_code == 302
    assert "Sign-in limiter unavailable" in caplog.text


@pytest.fixture
def protected_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Members", slug="members")
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="the-right-one",  # noqa: S106
    )
    return page, restriction


def page_password(client, page, restriction, password):
    return client.post(
        f"/_util/authenticate_with_password/{restriction.id}/{page.id}/",
        {"password": password, "return_url": page.url},
    )


def test_page_passwords_are_limited_too(protected_page, tight_sign_in_limits):
    page, restriction = protected_page
    client = Client()
    for _ in range(2):
        assert page_password(client, page, restriction, "guess").status_code == 200

    assert page_password(client, page, restriction, "guess").status_code == 429
    refused = page_password(client, page, restriction, "the-right-one")

    assert refused.status_code == 429
    assert client.get(page.url).status_code == 200  # still the password form
    assert b"the-right-one" not in client.get(page.url).content


def test_the_right_page_password_still_opens_the_page(protected_page):
    page, restriction = protected_page
    client = Client()

    response = page_password(client, page, restriction, "the-right-one")

    assert response.status_code == 302
    assert b"Members" in client.get(page.url).content


UNVERIFIED_DOORS = [html_sign_in, api_sign_in, api_token, wagtail_login]


@pytest.mark.parametrize("door", UNVERIFIED_DOORS, ids=lambda door: door.__name__)
def test_no_door_admits_an_unverified_account(door):
    UserFactory(email=EMAIL, email_verified_at=None)
    client = Client()

    response = door(client, EMAIL, PASSWORD)

    assert response.status_code in {200, 400}
    assert "_auth_user_id" not in client.session
    assert client.get("/api/v1/accounts/me/").status_code == 401


def test_an_unverified_account_cannot_book(client):
    from tests.factories import EventFactory

    event = EventFactory()
    user = UserFactory(email_verified_at=None)
    client.force_login(user)

    response = client.post(
        "/api/v1/bookings/",
        {"event": event.pk, "seats": 1},
        content_type="application/json",
    )

    assert response.status_code == 401
