"""cms.selectors: the one answer to "is this page public?", pinned to Wagtail's own."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.selectors import paginate, public_pages, restricted
from tests.factories.cms import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    """Restrictions of each kind at several depths, and pages below them."""
    open_section = StandardPageFactory(parent=home_page, slug="open")
    closed = StandardPageFactory(parent=home_page, slug="closed")
    inner = StandardPageFactory(parent=closed, slug="inner")
    StandardPageFactory(parent=inner, slug="deep")
    StandardPageFactory(parent=open_section, slug="leaf")
    locked_leaf = StandardPageFactory(parent=open_section, slug="locked-leaf")
    # A sibling whose path starts like a restricted page's, but is not below it.
    StandardPageFactory(parent=home_page, slug="closed-sibling")
    PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.LOGIN
    )
    PageViewRestriction.objects.create(
        page=locked_leaf,
        restriction_type=PageViewRestriction.PASSWORD,
        password="x",  # noqa: S106
    )
    return home_page


def test_restricted_agrees_with_wagtails_public_and_view_restrictions(tree):
    annotated = dict(
        Page.objects.annotate(is_restricted=restricted()).values_list(
            "pk", "is_restricted"
        )
    )

    assert {pk for pk, hidden in annotated.items() if not hidden} == set(
        Page.objects.public().values_list("pk", flat=True)
    )
    for page in Page.objects.all():
        assert annotated[page.pk] == page.get_view_restrictions().exists(), page.slug
    assert any(annotated.values())  # the tree has restricted pages at all


def test_public_pages_leave_out_expired_scheduled_and_unpublished_pages(home_page):
    now = timezone.now()
    shown = StandardPageFactory(parent=home_page, slug="shown")
    StandardPageFactory(parent=home_page, slug="expired", expire_at=now)
    StandardPageFactory(
        parent=home_page, slug="due", go_live_at=now + dt.timedelta(hours=1)
    )
    StandardPageFactory(parent=home_page, slug="draft", live=False)
    later = StandardPageFactory(
        parent=home_page, slug="later", expire_at=now + dt.timedelta(hours=1)
    )

    slugs = set(public_pages(home_page.get_site()).values_list("slug", flat=True))

    assert slugs == {home_page.slug, shown.slug, later.slug}


def test_paginate_gives_the_first_or_last_page_for_a_bad_number(rf, home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    for _ in range(3):
        ArticlePageFactory(parent=index)
    pages_of_site = public_pages(home_page.get_site()).order_by("path")

    pages = [
        paginate(rf.get("/", {"page": number}), pages_of_site, per_page=2)
        for number in ("1", "2", "9", "x", "-1")
    ]

    # Five pages (the home page, the index, three articles), two a page.
    assert [page.number for page in pages] == [1, 2, 3, 1, 3]
    assert [len(page.object_list) for page in pages] == [2, 2, 1, 2, 1]
    assert {page.paginator.count for page in pages} == {5}


def test_only_listing_pages_that_exist_are_cached(rf, home_page):
    from cms.generation_cache import prefix

    pages_of_site = public_pages(home_page.get_site()).order_by("path")
    StandardPageFactory(parent=home_page)  # two pages: one page of 2, two of 1

    numbers = ["2", "999", "1000"]
    pages = [
        paginate(
            rf.get("/", {"page": number}), pages_of_site, per_page=1, cache_as="site"
        )
        for number in numbers
    ]

    assert [page.number for page in pages] == [2, 2, 2]
    request = rf.get("/")
    cached = {
        number: cache.get(f"{prefix(request)}:listing:site:1:{number}")
        for number in ("1", *numbers)
    }
    assert [number for number, value in cached.items() if value is not None] == [
        "1",
        "2",
    ]
