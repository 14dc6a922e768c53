"""A visitor reading an article switches language and lands on its translation."""

import pytest

from tests.cms.i18n import languages, translate
from tests.factories import make_site
from tests.factories.cms import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def translated_article(transactional_db, live_server):
    host, port = live_server.url.removeprefix("http://").split(":")
    home = make_site(hostname=host, port=int(port))
    with languages():
        translate(home, "de", title="Startseite")
        index = ArticleIndexPageFactory(parent=home, title="News", slug="news")
        article = ArticlePageFactory(parent=index, title="Launch", slug="launch")
        translate(index, "de", title="Neuigkeiten")
        translate(article, "de", title="Der Start")
        yield article


def test_switching_language_on_an_article_lands_on_its_translation(
    translated_article, live_server, page
):
    page.goto(live_server.url + "/news/launch/")
    assert page.locator("h1").inner_text() == "Launch"

    page.locator(".language-switcher").get_by_role("link", name="Deutsch").click()

    page.wait_for_url(live_server.url + "/de/news/launch/")
    assert page.locator("h1").inner_text() == "Der Start"
    assert page.locator("html").get_attribute("lang") == "de"
    english = page.locator(".language-switcher").get_by_role("link", name="English")
    assert english.get_attribute("href") == live_server.url + "/news/launch/"


def test_the_bilingual_demo_serves_german_pages_and_editors_translate_them(
    transactional_db, live_server, page, settings, tmp_path, screenshot
):
    from django.core.cache import cache
    from wagtail.models import Locale

    from cms.models import ArticlePage
    from tests.e2e.conftest import load_demo_site
    from tests.factories import UserFactory

    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # the database cache's table outlives transactional flushes
    with languages():
        load_demo_site(live_server)
        page.goto(live_server.url + "/de/")
        assert page.locator("html").get_attribute("lang") == "de"
        switcher = page.locator(".language-switcher")
        assert switcher.locator('[aria-current="true"]').inner_text() == "Deutsch"
        screenshot(page, "design-home-de-1280")

        page.goto(live_server.url + "/de/news/launching-the-new-site/")
        assert page.locator("h1").inner_text() == "Die neue Website ist online"
        screenshot(page, "design-article-de-1280")

        # An editor opens the German article: wagtail-localize's translation editor,
        # source text beside each translation.
        UserFactory(email="editor@example.com", is_superuser=True, is_staff=True)
        page.goto(live_server.url + "/admin/login/")
        page.fill("input[name=username]", "editor@example.com")
        page.fill("input[name=password]", "correct-horse-battery-staple")
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + "/admin/")
        german = ArticlePage.objects.get(
            slug="launching-the-new-site", locale=Locale.objects.get(language_code="de")
        )
        page.set_viewport_size({"width": 1280, "height": 1000})
        page.goto(f"{live_server.url}/admin/pages/{german.pk}/edit/")
        editor = page.get_by_text("Die neue Website ist online").first
        editor.wait_for()
        screenshot(page, "admin-translation-editor")
