"""Drafts, private and unpublished pages never show up anywhere public."""

import io

import pytest
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from cms.models import NavigationMenu, NavigationMenuItem
from tests.factories.cms import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    CategoryFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = ("Zebra draft", "Zebra private", "Zebra withdrawn")


@pytest.fixture
def news(home_page):
    """A news index with one public article and three that must stay hidden."""
    index = ArticleIndexPageFactory(parent=home_page, title="News", slug="news")
    category = CategoryFactory(slug="updates")
    pages = {}
    for title in ("Zebra public", *HIDDEN):
        article = ArticlePageFactory(parent=index, title=title, category=category)
        article.tags.add("zebras")
        article.save_revision().publish()
        pages[title] = article
    pages["Zebra draft"].unpublish()  # a page that was never live behaves the same
    PageViewRestriction.objects.create(
        page=pages["Zebra private"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",  # noqa: S106
    )
    pages["Zebra withdrawn"].unpublish()
    return index, pages


def assert_only_public(content: bytes):
    assert b"Zebra public" in content
    for title in HIDDEN:
        assert title.encode() not in content


@pytest.mark.parametrize(
    "path", ["", "tag/zebras/", "category/updates/", "feed/rss/", "feed/atom/"]
)
def test_listings_and_feeds_show_only_live_public_articles(client, news, path):
    index, _ = news
    response = client.get(index.url + path)

    assert response.status_code == 200
    assert_only_public(response.content)


def test_related_articles_show_only_live_public_articles(client, home_page, news):
    _, pages = news
    response = client.get(pages["Zebra public"].url)

    related = response.context["related_articles"]
    assert [page.title for page in related] == []
    other = ArticlePageFactory(parent=news[0], title="Zebra sibling")
    other.tags.add("zebras")
    other.save_revision().publish()
    related = client.get(pages["Zebra public"].url).context["related_articles"]
    assert [page.title for page in related] == ["Zebra sibling"]


@pytest.fixture
def search_index(news):
    # Indexing runs in the worker (a task per save); do it here instead.
    call_command("update_index", stdout=io.StringIO())


def test_search_shows_only_live_public_pages(client, search_index):
    response = client.get("/search/", {"query": "Zebra"})

    assert response.status_code == 200
    assert_only_public(response.content)


def test_search_promotions_skip_hidden_pages(client, news, search_index):
    _, pages = news
    query = Query.get("zebra")
    for title in ("Zebra private", "Zebra public"):
        SearchPromotion.objects.create(query=query, page=pages[title], sort_order=0)

    response = client.get("/search/", {"query": "zebra"})

    assert [page.title for page in response.context["promotions"]] == ["Zebra public"]
    assert b"Zebra private" not in response.content


def test_sitemap_lists_only_live_public_indexable_pages(client, home_page, news):
    StandardPageFactory(parent=home_page, title="Hidden", slug="hidden", noindex=True)

    content = client.get("/sitemap.xml").content

    assert b"/news/zebra-public" in content or b"zebra-public" in content
    assert b"/hidden/" not in content
    for title in HIDDEN:
        assert title.lower().replace(" ", "-").encode() not in content


def test_menus_leave_out_links_to_hidden_pages(client, home_page, news):
    _, pages = news
    menu = NavigationMenu(location="main", live=False)
    menu.items = [
        NavigationMenuItem(link_page=pages[title], sort_order=order)
        for order, title in enumerate(["Zebra public", *HIDDEN])
    ]
    menu.save()
    menu.save_revision().publish()

    nav = client.get("/").content.split(b'aria-label="Main"')[1].split(b"</nav>")[0]

    assert_only_public(nav)


def test_unpublished_menu_is_not_shown(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Menu target")
    menu = NavigationMenu(location="main", live=False)
    menu.items = [NavigationMenuItem(link_page=page, sort_order=0)]
    menu.save()
    menu.save_revision()  # a draft only

    assert b'aria-label="Main"' not in client.get("/").content


def test_private_page_asks_for_the_password(client, news):
    _, pages = news
    response = client.get(pages["Zebra private"].url)

    assert response.status_code == 200
    assert b"Zebra private" not in response.content or b"password" in response.content
    assert "X-Page-Cache" not in response
