"""Editors preview drafts as the apps get them, through a signed, expiring token."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone

from cms.api.preview import APP_PREVIEW_MODE
from cms.models import ArticlePage, StandardPage
from tests.factories import make_site

pytestmark = pytest.mark.django_db

API = "/api/content/v1/preview/"


@pytest.fixture
def draft():
    home = make_site()
    page = StandardPage(title="Published title", slug="about")
    home.add_child(instance=page)
    page.save_revision().publish()
    page.title = "Draft title"
    page.save_revision()
    return page


def preview_token(page) -> str:
    return page.create_page_preview().token


def test_a_valid_token_returns_the_draft_shaped_like_a_live_page(client, draft):
    response = client.get(
        API, {"content_type": "cms.standardpage", "token": preview_token(draft)}
    )

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["title"] == "Draft title"
    assert body["type"] == "cms.standardpage"
    live = client.get(f"/api/content/v1/pages/{draft.id}/").json()
    assert set(body) == set(live)
    assert live["title"] == "Published title"


def test_a_tampered_token_is_404(client, draft):
    token = preview_token(draft)
    response = client.get(
        API, {"content_type": "cms.standardpage", "token": token[:-2] + "xx"}
    )

    assert response.status_code == 404


def test_an_expired_token_is_404(client, draft, settings):
    token = preview_token(draft)
    later = timezone.now() + dt.timedelta(seconds=settings.PREVIEW_TOKEN_MAX_AGE + 5)
    with time_machine.travel(later):
        response = client.get(API, {"content_type": "cms.standardpage", "token": token})

    assert response.status_code == 404


@pytest.mark.parametrize("content_type", ["cms.articlepage", "accounts.user", "nope"])
def test_a_token_for_another_type_is_404(client, draft, content_type):
    response = client.get(
        API, {"content_type": content_type, "token": preview_token(draft)}
    )

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_app_preview_mode_links_to_the_preview_endpoint(draft):
    request = RequestFactory().get("/admin/pages/preview/")
    request.user = None
    response = draft.serve_preview(request, APP_PREVIEW_MODE)

    assert response.status_code == 200
    html = response.content.decode()
    url = html.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    query = parse_qs(urlparse(url).query)
    assert urlparse(url).path == API
    assert query["content_type"] == ["cms.standardpage"]
    assert ArticlePage.get_page_from_preview_token(query["token"][0]) is None
    assert StandardPage.get_page_from_preview_token(query["token"][0]).title == (
        "Draft title"
    )
