"""Query counts do not grow with the number of languages: a translated article, a
listing and the sitemap cost the same with two languages as with three."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cms.i18n import languages, translate
from tests.factories.cms import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db

TWO = [("en", "English"), ("de", "German")]
THREE = [*TWO, ("fr", "French")]


def query_counts(client, paths) -> list[int]:
    """Return the queries of each path, cold then warm (the chrome and page data
    cached by the first request). Measured on a second round: the process's own
    caches (content types, locales) are warm in both configurations alike."""
    for path in paths:
        client.get(path)
    cache.clear()
    counts = []
    for _ in ("cold", "warm"):
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(path).status_code == 200, path
            counts.append(len(captured))
    return counts


PATHS = ["/de/news/launch/", "/news/launch/", "/de/news/", "/sitemap.xml"]


def test_pages_cost_the_same_queries_whatever_the_number_of_languages(
    client, home_page
):
    with languages(THREE):
        index = ArticleIndexPageFactory(parent=home_page, title="News", slug="news")
        article = ArticlePageFactory(parent=index, title="Launch", slug="launch")
        for code in ("de", "fr"):
            for page in (home_page, index, article):
                translate(page, code)
        three = query_counts(client, [*PATHS, "/fr/news/launch/"])
    with languages(TWO):
        two = query_counts(client, PATHS)

    # The same pages, with French configured or not (its page is only asked
    # with it configured: the last of each round).
    assert three[:4] + three[5:9] == two
