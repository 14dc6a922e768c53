"""The content API's selectors: pages or plain data, and domain errors (not HTTP)."""

import datetime as dt

import pytest
import wagtail_factories
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from cms.api import selectors
from cms.api.errors import ContentNotFound, InvalidFilter, RedirectFound
from cms.models import ArticlePage
from tests.factories import make_site
from tests.factories.cms import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return make_site(title="Home")


def publish(page):
    page.save_revision().publish()
    return page


def test_a_path_nothing_answers_raises_content_not_found(home):
    with pytest.raises(ContentNotFound):
        selectors.page_at_path(home.get_site(), "/nowhere/")


def test_a_redirected_path_raises_redirect_found_with_the_target(home):
    new = publish(wagtail_factories.PageFactory(parent=home, slug="new"))
    Redirect.objects.create(old_path="/old", redirect_page=new, is_permanent=False)

    with pytest.raises(RedirectFound) as raised:
        selectors.page_at_path(home.get_site(), "/old/")

    assert raised.value.redirect == {
        "location": "http://testserver/new/",
        "permanent": False,
    }


def test_a_draft_by_id_raises_content_not_found(home):
    draft = wagtail_factories.PageFactory(parent=home, slug="draft", live=False)

    with pytest.raises(ContentNotFound):
        selectors.page_by_id(home.get_site(), draft.id)


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"child_of": 999999}, "child_of"),
        ({"tag": "news"}, "tag"),
        ({"category": "news"}, "category"),
        ({"order": "date"}, "order"),
    ],
)
def test_filters_that_name_nothing_raise_invalid_filter(home, filters, field):
    with pytest.raises(InvalidFilter) as raised:
        selectors.page_listing(home.get_site(), limit=10, offset=0, **filters)

    assert raised.value.field == field


def test_listings_are_newest_first_by_default(home):
    news = publish(ArticleIndexPageFactory(parent=home, slug="news"))
    dates = [dt.date(2026, 3, 1), dt.date(2026, 5, 1), dt.date(2026, 4, 1)]
    for n, date in enumerate(dates):
        publish(ArticlePageFactory(parent=news, slug=f"a{n}", date=date))

    articles = selectors.page_listing(
        home.get_site(), limit=10, offset=0, type=ArticlePage
    )
    pages = selectors.page_listing(
        home.get_site(), limit=10, offset=0, type=Page, child_of=news.id
    )

    # Articles by the date they show; other listings by first publication.
    assert [page.date for page in articles.pages] == sorted(dates, reverse=True)
    assert [page.slug for page in pages.pages] == ["a2", "a1", "a0"]
