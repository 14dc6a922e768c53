"""Query counts do not grow with the number of languages: a translated article, a
listing and the sitemap cost the same with two languages as with three, and a page
read from the cache the same with one language as with two."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.generation_cache import bump_content_version
from cms.models import NavigationMenu, NavigationMenuItem
from tests.cms.i18n import languages, translate
from tests.cms.test_query_counts import is_cache_query
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


ONE = [("en", "English")]
# Read on a multilingual site only, once per page and cached with the rest: the site's
# root page in each language (routing starts there) and the page's own versions in
# each language (the switcher and the hreflang links).
FIRST_VIEW_LANGUAGE_READS = 2


def build_site(home_page):
    """A home page, an index and an article linking each other from their body and
    from the main menu, as in the demo."""
    index = ArticleIndexPageFactory(parent=home_page, title="News", slug="news")
    article = ArticlePageFactory(
        parent=index,
        title="Launch",
        slug="launch",
        body=[("rich_text", f'<p><a linktype="page" id="{index.pk}">News</a></p>')],
    )
    menu = NavigationMenu.objects.create(location="main", live=True)
    for page in (index, article):
        NavigationMenuItem.objects.create(menu=menu, link_page=page)
    return index, article, menu


def first_and_next_view(client, paths) -> list[tuple[int, int]]:
    """Return each path's application queries as the first view after a publish
    (nothing cached) and as the next one (everything cached but routing)."""
    for path in paths:
        client.get(path)  # per-process state: templates, URL resolvers, locales
    counts = []
    for path in paths:
        bump_content_version()
        views = []
        for _ in ("first", "next"):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(path).status_code == 200, path
            views.append(
                sum(not is_cache_query(q["sql"]) for q in captured.captured_queries)
            )
        counts.append(tuple(views))
    return counts


def test_a_second_language_adds_no_query_to_a_cached_page_and_two_to_a_first_view(
    client, home_page
):
    index, article, menu = build_site(home_page)
    paths = ["/", "/news/", "/news/launch/"]
    with languages(ONE):
        one = first_and_next_view(client, paths)
    with languages(TWO):
        for page in (home_page, index, article):
            translate(page, "de")
        german_menu = menu.copy_for_translation(Locale.objects.get(language_code="de"))
        german_menu.save()
        for page in (index, article):
            NavigationMenuItem.objects.create(menu=german_menu, link_page=page)
        english = first_and_next_view(client, paths)
        german = first_and_next_view(client, [f"/de{path}" for path in paths])
        german_page = client.get("/de/news/launch/").content

    # The German article links the German index, from its body and its menu.
    assert german_page.count(b'href="/de/news/"') >= 2
    for (one_first, one_next), (en_first, en_next), (de_first, de_next) in zip(
        one, english, german, strict=True
    ):
        assert en_next == de_next == one_next
        assert en_first == de_first == one_first + FIRST_VIEW_LANGUAGE_READS
