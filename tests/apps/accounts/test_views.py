"""The plain sign-up, verification and sign-in pages."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from tests.apps.api_helpers import PASSWORD
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def test_sign_up_verify_and_sign_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/sign-up/",
            {"email": "ada@example.com", "password": "a-long-enough-passphrase"},
        )
    assert "Check your email" in response.content.decode()

    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    parts = urlsplit(link)
    verified = client.get(f"{parts.path}?{parts.query}", follow=True)
    assert "your email address is confirmed" in verified.content.decode()

    signed_in = client.post(
        "/accounts/sign-in/",
        {"email": "ADA@example.com", "password": "a-long-enough-passphrase"},
    )
    assert signed_in.status_code == 302
    assert client.get("/api/v1/accounts/me/").json()["email"] == "ada@example.com"


def test_sign_up_errors_are_shown_on_the_form(client):
    UserFactory(email="taken@example.com")

    response = client.post(
        "/accounts/sign-up/", {"email": "taken@example.com", "password": "123"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "This password is too short" in page
    assert "already exists" not in page  # nobody learns who has an account


def test_a_forged_verification_link_is_refused(client):
    response = client.get("/accounts/verify/?token=forged")

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()


def test_an_unverified_account_cannot_sign_in(client):
    UserFactory(email="new@example.com", email_verified_at=None)

    response = client.post(
        "/accounts/sign-in/", {"email": "new@example.com", "password": PASSWORD}
    )

    assert response.status_code == 400
    assert "not confirmed yet" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_returns_to_the_page_it_came_from_but_never_offsite(client):
    UserFactory(email="ada@example.com")
    credentials = {"email": "ada@example.com", "password": PASSWORD}

    local = client.post("/accounts/sign-in/", {**credentials, "next": "/events/x/"})
    client.logout()
    offsite = client.post(
        "/accounts/sign-in/", {**credentials, "next": "https://evil.example.com/"}
    )

    assert local["Location"] == "/events/x/"
    assert offsite["Location"] == "/"


def test_password_reset_page_sets_the_new_password(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="ada@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/api/v1/accounts/password/reset/",
            {"email": "ada@example.com"},
            content_type="application/json",
        )
    parts = urlsplit(re.search(r"https?://\S+", mail.outbox[0].body).group(0))

    response = client.post(
        f"{parts.path}?{parts.query}", {"new_password": "brand-new-passphrase-1"}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-passphrase-1")


def test_next_is_carried_from_sign_up_through_verification_to_sign_in(
    client, django_capture_on_commit_callbacks
):
    sign_up_page = client.get("/accounts/sign-up/?next=/events/open-studio/")
    assert 'name="next" value="/events/open-studio/"' in sign_up_page.content.decode()
    assert "/accounts/sign-in/?next=/events/open-studio/" in (
        sign_up_page.content.decode().replace("%2F", "/")
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/sign-up/",
            {
                "email": "ada@example.com",
                "password": "a-long-enough-passphrase",
                "next": "/events/open-studio/",
            },
        )
    parts = urlsplit(re.search(r"https?://\S+", mail.outbox[0].body).group(0))
    verified = client.get(f"{parts.path}?{parts.query}")
    assert verified.status_code == 302
    assert verified["Location"] == "/accounts/sign-in/?next=%2Fevents%2Fopen-studio%2F"

    sign_in_page = client.get(verified["Location"])
    assert 'name="next" value="/events/open-studio/"' in sign_in_page.content.decode()
    signed_in = client.post(
        "/accounts/sign-in/",
        {
            "email": "ada@example.com",
            "password": "a-long-enough-passphrase",
            "next": "/events/open-studio/",
        },
    )
    assert signed_in["Location"] == "/events/open-studio/"


def test_an_offsite_next_is_not_kept_for_after_verification(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/sign-up/",
            {
                "email": "ada@example.com",
                "password": "a-long-enough-passphrase",
                "next": "https://evil.example/",
            },
        )
    parts = urlsplit(re.search(r"https?://\S+", mail.outbox[0].body).group(0))

    assert client.get(f"{parts.path}?{parts.query}")["Location"] == "/accounts/sign-in/"


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/accounts/sign-in/", "Sign in | "),
        ("/accounts/sign-up/", "Create an account | "),
        ("/accounts/verify/?token=forged", "Link not valid | "),
    ],
)
def test_account_pages_carry_the_site_name_in_their_title(client, path, title):
    page = client.get(path).content.decode()

    assert re.search(rf"<title>{re.escape(title)}\S", page)


def test_account_form_labels_sit_above_inputs_with_the_required_mark_inside(client):
    page = client.get("/accounts/sign-up/").content.decode()

    assert re.search(
        r'<label for="id_email">Email<span class="required" aria-hidden="true">'
        r"&nbsp;\*</span></label>\s*<input",
        page,
    )
