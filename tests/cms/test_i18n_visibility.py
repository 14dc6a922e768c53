"""The one rule for "public", per language: a German translation in each state,
each of an English article that is public. Only the public translations show, on
their address, in the German listing, feed, search and the sitemap, and as the
switcher's and hreflang's German version of their English article; no draft's text
shows anywhere."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.cms.i18n import languages, translate
from tests.factories.cms import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db

PUBLIC = {"public", "newdraft"}
STATES = [*sorted(PUBLIC), "draft", "unpublished", "scheduled", "expired", "password"]
SECRET = b"Leaked draft"


@pytest.fixture
def german_states(home_page):
    with languages():
        translate(home_page, "de", title="Startseite")
        index = ArticleIndexPageFactory(parent=home_page, title="News", slug="news")
        translate(index, "de", title="Neuigkeiten")
        for state in STATES:
            article = ArticlePageFactory(
                parent=index, title=f"English {state}", slug=f"zebra-{state}"
            )
            german = translate(
                article, "de", title=f"Zebra {state}", live=state != "draft"
            )
            make(german, state)
        call_command("update_index", stdout=io.StringIO())
        yield


def make(page, state):
    if state == "newdraft":
        page.title = "Leaked draft"
        page.save_revision()
    elif state == "unpublished":
        page.unpublish()
    elif state == "scheduled":
        page.go_live_at = timezone.now() + dt.timedelta(days=1)
        page.save()
    elif state == "expired":
        page.expire_at = timezone.now() - dt.timedelta(days=1)
        page.save()
    elif state == "password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )


def shown(content: bytes) -> set[str]:
    return set(re.findall(r"zebra-([a-z]+)", content.decode()))


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, path
    assert SECRET not in response.content, path
    return response


def test_a_translation_is_served_only_when_public(client, german_states):
    for state in STATES:
        response = client.get(f"/de/news/zebra-{state}/")
        served = response.status_code == 200 and f"Zebra {state}".encode() in (
            response.content
        )
        assert served == (state in PUBLIC), state
        assert SECRET not in response.content


def test_german_listing_feed_search_and_sitemap_show_public_translations_only(
    client, german_states
):
    german = {"/de/news/", "/de/news/feed/rss/", "/de/news/feed/atom/"}
    for path in german:
        assert shown(get(client, path).content) == PUBLIC, path
    assert shown(get(client, "/de/search/", query="Zebra").content) == PUBLIC
    sitemap = get(client, "/sitemap.xml").content.decode()
    assert set(re.findall(r"/de/news/zebra-([a-z]+)/", sitemap)) == PUBLIC


def test_switcher_and_hreflang_offer_public_translations_only(client, german_states):
    for state in STATES:
        html = get(client, f"/news/zebra-{state}/").content.decode()
        translated = f'hreflang="de" href="http://testserver/de/news/zebra-{state}/"'
        assert (translated in html) == (state in PUBLIC), state
        if state not in PUBLIC:
            assert 'href="http://testserver/de/" hreflang="de"' in html, state
