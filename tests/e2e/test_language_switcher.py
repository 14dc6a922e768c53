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
