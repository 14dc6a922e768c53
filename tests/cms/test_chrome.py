"""The site chrome every page shares: favicon, sign-in state in the header, footer."""

import re

import pytest
from django.core.cache import cache

from tests.factories import UserFactory, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    cache.clear()
    return make_site()


def test_favicon_ico_answers_with_the_static_icon(client, home):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert re.fullmatch(
        r"/static/favicons/favicon(\.[0-9a-f]+)?\.ico", response["Location"]
    )


def test_pages_link_the_icon_set_and_manifest(client, home):
    page = client.get("/").content.decode()

    for rel in ('rel="icon"', 'rel="apple-touch-icon"', 'rel="manifest"'):
        assert rel in page


def test_anonymous_header_offers_sign_in_and_carries_no_csrf_token(client, home):
    page = client.get("/").content.decode()

    assert 'href="/accounts/sign-in/"' in page
    assert "csrfmiddlewaretoken" not in page  # the page stays shareable


def test_signed_in_header_shows_the_account_and_a_sign_out_form(client, home):
    user = UserFactory(email="ada@example.com")
    anonymous = client.get("/")
    client.force_login(user)

    response = client.get("/")

    page = response.content.decode()
    assert re.search(r"Signed in as </span>ada@example.com", page)
    assert re.search(
        r'<form method="post" action="/accounts/sign-out/">'
        r'<input type="hidden" name="csrfmiddlewaretoken"',
        page,
    )
    assert response.get("X-Page-Cache") != "hit"
    assert "private" in response["Cache-Control"]
    assert "Signed in as" not in anonymous.content.decode()
