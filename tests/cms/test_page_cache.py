"""Anonymous page views come from the cache until a change makes them stale."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory
from tests.factories.cms import (
    FormFieldFactory,
    FormPageFactory,
    StandardPageFactory,
    TestimonialFactory,
)

# Real commits: invalidation runs on commit, as it does in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def empty_cache(transactional_db):
    # The database cache's table is not flushed between transactional tests.
    cache.clear()


@pytest.fixture
def standard_page(home_page):
    return StandardPageFactory(parent=home_page, title="Our services")


def test_anonymous_views_are_cached_with_cdn_headers(client, standard_page):
    first = client.get(standard_page.url)
    second = client.get(standard_page.url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert "s-maxage=" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_published_change_is_visible_to_the_next_visitor(client, standard_page):
    client.get(standard_page.url)

    standard_page.title = "Our new services"
    standard_page.save_revision().publish()
    response = client.get(standard_page.url)

    assert response["X-Page-Cache"] == "miss"
    assert b"Our new services" in response.content


def test_unpublished_page_is_not_served_from_the_cache(client, standard_page):
    client.get(standard_page.url)

    standard_page.unpublish()

    assert client.get(standard_page.url).status_code == 404


def test_published_snippet_change_invalidates_pages(client, home_page):
    testimonial = TestimonialFactory(quote="Old words")
    home_page.body = [("testimonial", {"testimonial": testimonial})]
    home_page.save_revision().publish()
    assert b"Old words" in client.get("/").content

    testimonial.quote = "New words"
    testimonial.save_revision().publish()

    assert b"New words" in client.get("/").content


def test_signed_in_editor_bypasses_the_cache(client, standard_page):
    client.get(standard_page.url)  # cached for anonymous visitors
    client.force_login(UserFactory(is_superuser=True))

    response = client.get(standard_page.url)

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_unknown_query_parameters_are_not_cached(client, standard_page):
    response = client.get(standard_page.url + "?utm_source=x")

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_form_pages_are_never_cached(client, home_page):
    form_page = FormPageFactory(parent=home_page)
    FormFieldFactory(page=form_page, label="Your name")

    response = client.get(form_page.url)

    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
