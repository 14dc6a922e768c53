"""Pages in more than one language: addresses, <html lang dir>, hreflang and
canonical links, the language switcher, the sitemap, search, listings and feeds,
and what a draft translation never shows."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from cms.models import ArticlePage, Category, NavigationMenu, NavigationMenuItem
from tests.cms.i18n import languages, publish, translate
from tests.factories import UserFactory
from tests.factories.cms import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def german(home_page):
    with languages():
        yield translate(home_page, "de", title="Startseite")


@pytest.fixture
def news(home_page, german):
    index = ArticleIndexPageFactory(parent=home_page, title="News", slug="news")
    article = ArticlePageFactory(parent=index, title="Launch", slug="launch")
    return index, article


@pytest.fixture
def translated_news(news):
    index, article = news
    index_de = translate(index, "de", title="Neuigkeiten")
    article_de = translate(article, "de", title="Start")
    return index_de, article_de


def links(html: bytes, rel: str) -> dict[str, str]:
    """Return the hreflang links of a page (hreflang -> href)."""
    return dict(
        re.findall(
            rf'<link rel="{rel}" hreflang="([^"]+)" href="([^"]+)">', html.decode()
        )
    )


def switcher(html: bytes) -> dict[str, str]:
    block = re.search(r'<nav class="language-switcher".*?</nav>', html.decode(), re.S)
    assert block, "no language switcher"
    return {
        code: href
        for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', block[0])
    }


def test_a_translation_is_served_under_its_language_prefix(client, translated_news):
    response = client.get("/de/news/launch/")

    assert response.status_code == 200
    assert b'<html lang="de" dir="ltr">' in response.content
    assert b"Start" in response.content
    assert response["Content-Language"] == "de"


def test_the_default_language_keeps_its_unprefixed_address(client, translated_news):
    response = client.get("/news/launch/")

    assert response.status_code == 200
    assert b'<html lang="en" dir="ltr">' in response.content
    assert client.get("/en/news/launch/").status_code == 404


def test_each_language_links_its_translations_and_is_its_own_canonical(
    client, translated_news
):
    english = client.get("/news/launch/").content
    german = client.get("/de/news/launch/").content

    expected = {
        "en": "http://testserver/news/launch/",
        "de": "http://testserver/de/news/launch/",
        "x-default": "http://testserver/news/launch/",
    }
    assert links(english, "alternate") == expected
    assert links(german, "alternate") == expected
    assert b'<link rel="canonical" href="http://testserver/de/news/launch/">' in german
    assert b'<link rel="canonical" href="http://testserver/news/launch/">' in english


def test_switcher_links_to_the_translation_of_the_current_page(client, translated_news):
    assert switcher(client.get("/news/launch/").content) == {
        "en": "http://testserver/news/launch/",
        "de": "http://testserver/de/news/launch/",
    }


def test_switcher_links_to_the_translated_home_when_the_page_is_not_translated(
    client, news
):
    html = client.get("/news/launch/").content

    assert switcher(html)["de"] == "http://testserver/de/"
    # Only real translations are alternates of a page.
    assert links(html, "alternate") == {}


def test_a_draft_translation_never_leaks(client, news, german):
    index, article = news
    translate(index, "de", title="Neuigkeiten")
    translate(article, "de", title="Entwurf", live=False)

    html = client.get("/news/launch/").content
    sitemap = client.get("/sitemap.xml").content.decode()
    index_everything()
    search = client.get("/de/search/", {"query": "Entwurf"}).content

    assert client.get("/de/news/launch/").status_code == 404
    assert switcher(html)["de"] == "http://testserver/de/"
    assert "de" not in links(html, "alternate")
    assert "/de/news/launch/" not in sitemap
    assert b"/de/news/launch/" not in search


def test_publishing_one_language_never_changes_another(translated_news):
    _index_de, article_de = translated_news
    english = ArticlePage.objects.get(slug="launch", locale__language_code="en")
    before = (english.title, english.live_revision_id, english.last_published_at)

    article_de.title = "Neuer Start"
    publish(article_de)
    english.refresh_from_db()

    assert (english.title, english.live_revision_id, english.last_published_at) == (
        before
    )
    article_de.refresh_from_db()
    english.title = "Relaunch"
    publish(english)
    article_de.refresh_from_db()
    assert article_de.title == "Neuer Start"


def test_sitemap_lists_every_language_with_alternates(client, translated_news):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/de/news/launch/</loc>" in sitemap
    assert "<loc>http://testserver/news/launch/</loc>" in sitemap
    assert (
        '<xhtml:link rel="alternate" hreflang="de" '
        'href="http://testserver/de/news/launch/"/>'
    ) in sitemap
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" '
        'href="http://testserver/news/launch/"/>'
    ) in sitemap


def index_everything():
    call_command("update_index", stdout=io.StringIO())


def test_search_finds_pages_in_the_language_of_its_address(client, translated_news):
    index_everything()
    german = client.get("/de/search/", {"query": "Start"}).content
    english = client.get("/search/", {"query": "Start"}).content

    assert b"/de/news/launch/" in german
    assert b'href="/news/launch/"' not in german
    assert b"/de/news/launch/" not in english


def test_listings_and_feeds_show_their_own_language(client, translated_news):
    german_listing = client.get("/de/news/").content
    english_listing = client.get("/news/").content
    german_feed = client.get("/de/news/feed/rss/").content.decode()

    assert b"/de/news/launch/" in german_listing
    assert b"/de/news/launch/" not in english_listing
    assert b"/news/launch/" in english_listing
    assert "<language>de</language>" in german_feed
    assert "http://testserver/de/news/launch/" in german_feed
    assert "http://testserver/news/launch/" not in german_feed


def test_categories_of_the_same_slug_are_found_per_language(client, translated_news):
    index_de, article_de = translated_news
    english = Category.objects.create(name="Design", slug="design")
    german = english.copy_for_translation(Locale.objects.get(language_code="de"))
    german.name = "Gestaltung"
    german.save()
    article_de.category = german
    publish(article_de)

    response = client.get("/de/news/category/design/")

    assert response.status_code == 200
    assert b"/de/news/launch/" in response.content


def test_menus_follow_the_language_of_the_address(client, german, news):
    _index, article = news
    english = NavigationMenu.objects.create(location="main", live=True)
    NavigationMenuItem.objects.create(menu=english, label="Launch", link_page=article)
    menu_de = english.copy_for_translation(Locale.objects.get(language_code="de"))
    menu_de.save()
    NavigationMenuItem.objects.create(menu=menu_de, label="Losgehen", link_page=article)

    assert b"Losgehen" in client.get("/de/").content
    assert b"Losgehen" not in client.get("/").content


def test_app_pages_answer_in_every_language(client, german):
    response = client.get("/de/search/")

    assert response.status_code == 200
    assert b'<html lang="de"' in response.content
    assert switcher(response.content) == {
        "en": "http://testserver/search/",
        "de": "http://testserver/de/search/",
    }


@pytest.mark.parametrize("path", ["/de/no-such-page/", "/de/events/no-such-event/"])
def test_a_missing_page_offers_each_languages_home_page_and_no_alternates(
    client, german, path
):
    response = client.get(path)

    assert response.status_code == 404
    assert switcher(response.content) == {
        "en": "http://testserver/",
        "de": "http://testserver/de/",
    }
    assert links(response.content, "alternate") == {}


def test_right_to_left_languages_get_dir_rtl(client, home_page):
    with languages([("en", "English"), ("ar", "Arabic")]):
        translate(home_page, "ar", title="الرئيسية")
        response = client.get("/ar/")

    assert b'<html lang="ar" dir="rtl">' in response.content


def test_editors_see_what_is_untranslated_in_the_translations_report(
    client, translated_news
):
    from django.urls import reverse
    from wagtail_localize.models import Translation, TranslationSource

    english = ArticlePage.objects.get(slug="launch", locale__language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(english)
    Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="de")
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(reverse("wagtail_localize:translations_report"))

    assert response.status_code == 200
    assert b"Launch" in response.content


def test_links_on_a_page_lead_to_the_visitors_language_where_translated(
    client, home_page, news, translated_news
):
    _, article = news
    untranslated = StandardPageFactory(parent=home_page, title="Only English")
    links = StandardPageFactory(
        parent=home_page,
        title="Links",
        slug="links",
        body=[
            (
                "rich_text",
                f'<p><a linktype="page" id="{article.pk}">launch</a> '
                f'<a linktype="page" id="{untranslated.pk}">only</a></p>',
            ),
            (
                "call_to_action",
                {"text": "Read", "page": article, "url": "", "style": "primary"},
            ),
        ],
    )
    translate(links, "de", title="Verweise")

    german = client.get("/de/links/").content.decode()
    english = client.get("/links/").content.decode()

    assert german.count('href="/de/news/launch/"') == 2
    assert f'href="{untranslated.url}"' in german
    assert english.count('href="/news/launch/"') == 2
