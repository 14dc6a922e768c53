"""The banner at the top of every page shows the announcements on now, in the page's
language, and never one outside its dates, whatever the caches hold."""

import datetime as dt

import pytest
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from cms.models import Announcement
from tests.cms.i18n import languages
from tests.factories.cms import StandardPageFactory
from tests.ops.wsgi_client import call

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


def announce(**fields) -> Announcement:
    values = {"title": "Closed", "message": "<p>Closed on Monday.</p>", "live": True}
    return Announcement.objects.create(**{**values, **fields})


def banner_of(response) -> str:
    """Return the banner's HTML, "" when the page has none."""
    html = response.content.decode()
    start = html.find('<aside class="alert-banner"')
    return "" if start < 0 else html[start : html.index("</aside>", start)]


@pytest.fixture
def page_cache_on(settings):
    settings.CMS_PAGE_CACHE_ENABLED = True


def test_every_page_shows_the_announcement_with_its_link(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Opening hours")
    announce(link_page=page)

    banner = banner_of(client.get("/"))

    assert "<strong>Closed</strong>" in banner
    assert "<p>Closed on Monday.</p>" in banner
    assert f'href="{page.url}"' in banner


def test_an_english_page_shows_the_english_banner_and_a_german_one_the_german(
    client, home_page
):
    with languages():
        english = announce(title="Closed", message="<p>Closed on Monday.</p>")
        german = english.copy_for_translation(Locale.objects.get(language_code="de"))
        german.title = "Geschlossen"
        german.message = "<p>Am Montag geschlossen.</p>"
        german.live = True
        german.save()

        english_banner = banner_of(client.get("/"))
        german_banner = banner_of(client.get("/de/"))

    assert "Closed on Monday." in english_banner
    assert "Geschlossen" not in english_banner
    assert "Am Montag geschlossen." in german_banner
    assert "Closed on Monday." not in german_banner


def test_a_draft_an_ended_or_a_future_announcement_never_shows(client, home_page):
    now = timezone.now()
    announce(title="Draft", live=False)
    announce(title="Over", starts_at=now - 2 * MINUTE, ends_at=now - MINUTE)
    announce(title="Later", starts_at=now + MINUTE)

    assert banner_of(client.get("/")) == ""


def test_the_title_is_escaped_and_the_message_is_rendered_rich_text(client, home_page):
    announce(
        title="<script>alert(1)</script>",
        message='<p>Read <b>this</b> and <a href="https://example.com">that</a>.</p>',
    )

    banner = banner_of(client.get("/"))

    assert "<script>" not in banner
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in banner
    assert '<p>Read <b>this</b> and <a href="https://example.com">that</a>.</p>' in (
        banner
    )


def test_a_link_to_a_page_visitors_may_not_see_is_left_out(client, home_page):
    draft = StandardPageFactory(parent=home_page, title="Soon", live=False)
    announce(link_page=draft, message=f'<p>See <a linktype="page" id="{draft.pk}">')

    banner = banner_of(client.get("/"))

    assert "Closed" in banner
    assert draft.url_path not in banner
    assert "Read more" not in banner


def test_the_page_runs_as_many_queries_for_five_announcements_as_for_one(
    client, home_page
):
    page = StandardPageFactory(parent=home_page, title="Opening hours")
    linked = f'<p>See <a linktype="page" id="{page.pk}">hours</a>.</p>'
    announce(link_page=page, message=linked)
    with CaptureQueriesContext(connection) as one:
        client.get(page.url)

    for number in range(4):
        announce(title=f"Notice {number}", link_page=page, message=linked)
    with CaptureQueriesContext(connection) as five:
        response = client.get(page.url)

    assert banner_of(response).count('class="alert-banner__item"') == 5
    assert len(five) <= len(one)


def test_a_warm_page_reads_the_banner_from_the_cache(
    client, home_page, django_assert_max_num_queries
):
    announce()
    client.get("/")

    with CaptureQueriesContext(connection) as warm:
        response = client.get("/")

    assert "Closed" in banner_of(response)
    assert not [q for q in warm if "cms_announcement" in q["sql"]]


def test_a_cached_banner_is_not_shown_after_its_announcement_ends(client, home_page):
    announce(ends_at=NOON)

    with time_machine.travel(NOON - MINUTE, tick=False):
        before = client.get("/")
    with time_machine.travel(NOON + dt.timedelta(seconds=1), tick=False):
        after = client.get("/")

    assert "Closed" in banner_of(before)
    assert banner_of(after) == ""


@pytest.mark.usefixtures("page_cache_on")
def test_an_announcement_leaves_the_cached_page_when_it_ends(client, home_page):
    announce(starts_at=NOON - 60 * MINUTE, ends_at=NOON)

    with time_machine.travel(NOON - MINUTE, tick=False):
        client.get("/")
        before = client.get("/")
    with time_machine.travel(NOON + dt.timedelta(seconds=1), tick=False):
        after = client.get("/")

    assert before["X-Page-Cache"] == "hit"
    assert "Closed" in banner_of(before)
    assert after["X-Page-Cache"] == "miss"
    assert banner_of(after) == ""


@pytest.mark.usefixtures("page_cache_on")
def test_an_announcement_joins_the_cached_page_when_it_starts(client, home_page):
    announce(starts_at=NOON)

    with time_machine.travel(NOON - MINUTE, tick=False):
        client.get("/")
        before = client.get("/")
    with time_machine.travel(NOON, tick=False):
        after = client.get("/")

    assert before["X-Page-Cache"] == "hit"
    assert banner_of(before) == ""
    assert "Closed" in banner_of(after)


@pytest.mark.usefixtures("page_cache_on")
def test_the_page_cache_in_front_of_django_drops_the_page_when_it_ends(home_page):
    from config.fast_path import FastPath

    app = FastPath(WSGIHandler())
    announce(ends_at=NOON)

    with time_machine.travel(NOON - MINUTE, tick=False):
        call(app, "/")
        before = call(app, "/")
    with time_machine.travel(NOON + dt.timedelta(seconds=1), tick=False):
        after = call(app, "/")

    assert before.headers["X-Page-Cache"] == "hit"
    assert b"Closed on Monday." in before.body
    assert after.headers["X-Page-Cache"] == "miss"
    assert b"Closed on Monday." not in after.body


@pytest.mark.usefixtures("page_cache_on")
def test_browsers_and_cdns_revalidate_a_page_whose_banner_changes_soon(
    client, home_page
):
    other = StandardPageFactory(parent=home_page, title="About")
    announce(ends_at=NOON)

    with time_machine.travel(NOON - 15 * MINUTE, tick=False):
        soon = client.get("/")
    with time_machine.travel(NOON - 25 * MINUTE, tick=False):
        # Another page: the cached one would replay the headers it was given.
        later = client.get(other.url)

    assert "max-age=0" in soon["Cache-Control"]
    assert "s-maxage=0" in soon["Cache-Control"]
    assert "public" in soon["Cache-Control"]
    assert "s-maxage=600" in later["Cache-Control"]
