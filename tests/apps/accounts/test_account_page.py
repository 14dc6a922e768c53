"""The account page: a signed-in visitor sees their account and chooses their
language, which the site and their emails then speak."""

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from apps.accounts.models import User
from cms.page_cache import may_be_cached
from config.fast_path import FastPath
from tests.cms.i18n import languages
from tests.factories import UserFactory
from tests.ops.wsgi_client import call

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_languages", "home_page"),
]


@pytest.fixture
def ada(client):
    user = UserFactory(email="ada@example.com", language="en")
    client.force_login(user)
    return user


def test_a_visitor_not_signed_in_is_sent_to_sign_in_and_back(client):
    english = client.get("/accounts/")
    german = client.get("/de/accounts/")

    assert english.status_code == 302
    assert english["Location"] == "/accounts/sign-in/?next=%2Faccounts%2F"
    assert german["Location"] == "/de/accounts/sign-in/?next=%2Fde%2Faccounts%2F"


def test_the_account_page_shows_the_account_and_its_language(client, ada):
    response = client.get("/accounts/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Your account</h1>" in page
    assert "You are signed in as ada@example.com." in page
    assert '<label for="id_language">Language' in page
    assert '<option value="en" selected>English</option>' in page
    assert '<option value="de">Deutsch</option>' in page


def test_the_header_links_the_account_page_in_the_pages_language(client, ada):
    english = client.get("/").content.decode()
    german = client.get("/de/").content.decode()

    assert '<a href="/accounts/">Your account</a>' in english
    assert '<a href="/de/accounts/">Ihr Konto</a>' in german


def test_choosing_german_saves_it_and_shows_the_account_in_german(client, ada):
    response = client.post("/accounts/", {"language": "de"})

    assert response.status_code == 302
    assert response["Location"] == "/de/accounts/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    ada.refresh_from_db()
    assert ada.language == "de"
    german = client.get(response["Location"]).content.decode()
    assert "<h1>Ihr Konto</h1>" in german
    assert "Ihre Sprache ist gespeichert." in german
    assert '<option value="de" selected>Deutsch</option>' in german


def test_choosing_english_from_the_german_page_leads_to_the_english_page(client):
    user = UserFactory(language="de")
    client.force_login(user)

    response = client.post("/de/accounts/", {"language": "en"}, follow=True)

    assert response.redirect_chain == [("/accounts/", 302)]
    assert "Your language is saved." in response.content.decode()
    user.refresh_from_db()
    assert user.language == "en"


def test_a_language_the_site_does_not_offer_is_a_form_error(client, ada):
    response = client.post("/accounts/", {"language": "fr"})

    assert response.status_code == 400
    assert "Select a valid choice. fr is not one of the available choices." in (
        response.content.decode()
    )
    ada.refresh_from_db()
    assert ada.language == "en"


def test_a_missing_language_is_a_form_error(client, ada):
    response = client.post("/accounts/", {})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_choosing_a_language_changes_no_one_elses(client, ada):
    other = UserFactory(language="en")

    client.post("/accounts/", {"language": "de"})

    other.refresh_from_db()
    assert other.language == "en"
    assert User.objects.filter(language="de").get() == ada


def test_choosing_a_language_needs_the_csrf_token(ada):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ada)

    response = client.post("/accounts/", {"language": "de"})

    assert response.status_code == 403
    ada.refresh_from_db()
    assert ada.language == "en"


def test_the_account_page_is_never_kept_by_a_cache(client, ada):
    response = client.get("/de/accounts/")

    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert not may_be_cached({"REQUEST_METHOD": "GET", "PATH_INFO": "/accounts/"})
    assert not may_be_cached({"REQUEST_METHOD": "GET", "PATH_INFO": "/de/accounts/"})


def test_the_account_page_is_never_replayed_to_another_visitor(client, ada):
    # The WSGI app as config/wsgi.py composes it: the page cache answers in front.
    app = FastPath(WSGIHandler())
    name = settings.SESSION_COOKIE_NAME
    session = {name: client.cookies[name].value}

    mine = call(app, "/de/accounts/", cookies=session)
    anonymous = call(app, "/de/accounts/")

    assert mine.status == 200
    assert b"ada@example.com" in mine.body
    assert anonymous.status == 302
    assert b"ada@example.com" not in anonymous.body


def test_with_one_language_the_page_shows_the_account_without_a_choice(client, ada):
    with languages([("en", "English")]):
        response = client.get("/accounts/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "You are signed in as ada@example.com." in page
    assert 'name="language"' not in page


def test_the_account_page_and_its_form_error_are_valid_html(client, ada, vnu, tmp_path):
    pages = {
        "account.html": client.get("/de/accounts/").content,
        "error.html": client.post("/accounts/", {"language": "fr"}).content,
    }
    files = []
    for name, content in pages.items():
        (file := tmp_path / name).write_bytes(content)
        files.append(file)

    assert vnu(files) == []
