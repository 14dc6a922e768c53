"""The door's refusals (config/request_guard.py) speak the request's language, although
the guard runs before the language middleware: a page's from its address, the
business API's from Accept-Language."""

import pytest
from django.test import Client

from tests.cms.i18n import languages

pytestmark = pytest.mark.django_db

# Far over any upload the site accepts; the guard answers before reading a byte.
OVERSIZED = {"CONTENT_LENGTH": str(10**10)}


@pytest.fixture
def two_languages():
    with languages():
        yield


def test_an_oversized_body_to_a_german_page_is_refused_in_german(client, two_languages):
    response = client.post("/de/accounts/sign-in/", {"email": "a"}, **OVERSIZED)

    assert response.status_code == 413
    assert response.content.decode() == (
        "Der Anfragetext ist größer, als diese Website annimmt."
    )
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_an_oversized_body_to_an_english_page_is_refused_in_english(
    client, two_languages
):
    response = client.post("/accounts/sign-in/", {"email": "a"}, **OVERSIZED)

    assert response.status_code == 413
    assert "larger than this site accepts" in response.content.decode()


def test_an_oversized_body_to_the_api_follows_accept_language(client, two_languages):
    response = client.post(
        "/api/v1/accounts/sign-in/",
        {"email": "a"},
        content_type="application/json",
        headers={"accept-language": "de-DE,de;q=0.9"},
        **OVERSIZED,
    )

    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Anfrage zu groß"
    assert response.json()["detail"] == (
        "Der Anfragetext ist größer, als diese Website annimmt."
    )


def test_an_unreadable_address_of_a_german_page_gets_the_german_400_page(
    client, two_languages
):
    response = client.get("/de/search/?query=a%00b")

    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "Ungültige Anfrage" in html


def test_an_unreadable_address_of_an_english_page_gets_the_400_page(
    client, two_languages
):
    response = client.get("/search/?query=a%00b")

    assert response.status_code == 400
    assert '<html lang="en"' in response.content.decode()
    assert "Bad request" in response.content.decode()


def test_error_pages_of_a_german_address_lead_to_the_german_home_page(
    client, two_languages, home_page
):
    not_found = client.get("/de/no-such-page/")
    unreadable = client.get("/de/search/?query=a%00b")

    assert not_found.status_code == 404
    assert 'href="/de/">Zur Startseite</a>' in not_found.content.decode()
    assert unreadable.status_code == 400
    assert 'href="/de/">Zur Startseite</a>' in unreadable.content.decode()


def test_a_form_refused_by_the_csrf_check_on_a_german_page_is_explained_in_german(
    two_languages,
):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/de/accounts/sign-in/", {"email": "a", "password": "b"})

    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "Formular nicht gesendet" in html
    assert 'href="/de/">Zur Startseite</a>' in html
