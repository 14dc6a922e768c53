"""Dates and numbers in each language's own formats: English as the site writes it
("6 December 2026", "1,500"), German as Germans do ("6. Dezember 2026", "1.500")."""

import datetime as dt

import pytest
from django.utils import translation

from apps.events.services import RuleViolation, booking_create
from tests.cms.i18n import languages, publish, translate
from tests.factories import UserFactory
from tests.factories.cms import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db

SUNDAY_EVENING = dt.datetime(2031, 12, 7, 18, 0, tzinfo=dt.UTC)


def test_an_article_shows_its_date_in_the_pages_language(client, home_page):
    with languages():
        news = ArticleIndexPageFactory(parent=home_page, title="News")
        article = ArticlePageFactory(
            parent=news, title="Launch", date=dt.date(2026, 12, 6)
        )
        translate(home_page, "de")
        translate(news, "de")
        german = translate(article, "de")

        english_page = client.get(article.url).text
        german_page = client.get(german.url).text
        english_listing = client.get(news.url).text

    assert '<time datetime="2026-12-06">6 December 2026</time>' in english_page
    assert '<time datetime="2026-12-06">6. Dezember 2026</time>' in german_page
    assert "6 December 2026" in english_listing


def test_an_event_shows_its_date_and_places_left_in_the_pages_language(
    client, home_page
):
    event = EventFactory(
        starts_at=SUNDAY_EVENING,
        ends_at=SUNDAY_EVENING + dt.timedelta(hours=2),
        capacity=1500,
    )
    with languages():
        english = client.get(f"/events/{event.slug}/").text
        german = client.get(f"/de/events/{event.slug}/").text
        english_list = client.get("/events/").text
        german_list = client.get("/de/events/").text

    assert "Sunday, 7 December 2031, 18:00</time>" in english
    assert '">20:00</time>' in english
    assert "1,500 places left." in english
    assert "Sonntag, 7. Dezember 2031 18:00</time>" in german
    assert "Noch 1.500 Plätze frei." in german
    assert "Sunday, 7 December, 18:00" in english_list
    assert "1,500 places left" in english_list
    assert "Sonntag, 7. Dezember, 18:00" in german_list
    assert "Noch 1.500 Plätze frei" in german_list


def test_a_booking_not_open_yet_says_when_it_opens_in_the_visitors_language(
    home_page,
):
    event = EventFactory(
        booking_opens_at=dt.datetime(2031, 11, 1, 9, 30, tzinfo=dt.UTC)
    )
    user = UserFactory()

    with (
        languages(),
        translation.override("de"),
        pytest.raises(RuleViolation) as refused,
    ):
        booking_create(event=event, user=user)

    assert "1. November 2031 09:30" in str(refused.value)


def test_a_one_language_site_writes_its_dates_day_first(client, home_page):
    article = publish(
        ArticlePageFactory(parent=home_page, title="Launch", date=dt.date(2027, 1, 2))
    )

    assert "2 January 2027</time>" in client.get(article.url).text
