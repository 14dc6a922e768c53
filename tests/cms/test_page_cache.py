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
def page_cache_on(settings):
    settings.CMS_PAGE_CACHE_ENABLED = True


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


CMS_PURGE = "cms.tasks.purge_frontend_cache"
WAGTAIL_PURGE = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.cms.api.recording_backend.RecordingBackend"}
    }


def enqueued(task_path):
    from django_tasks_db.models import DBTaskResult

    return [
        row.args_kwargs
        for row in DBTaskResult.objects.filter(task_path=task_path).order_by(
            "enqueued_at"
        )
    ]


def test_publishing_enqueues_a_purge_of_the_page_and_its_parent(
    cdn, standard_page, home_page
):
    standard_page.title = "Changed"
    standard_page.save_revision().publish()

    purges = enqueued(CMS_PURGE)
    assert len(purges) == 1
    assert purges[0]["kwargs"] == {"page_ids": sorted([home_page.pk, standard_page.pk])}


def test_site_wide_change_purges_every_live_page_from_the_worker(
    cdn, standard_page, home_page
):
    testimonial = TestimonialFactory(live=False)
    testimonial.save_revision().publish()

    assert [p["kwargs"] for p in enqueued(CMS_PURGE)] == [{"page_ids": None}]
    from cms.tasks import purge_frontend_cache

    purge_frontend_cache.call(page_ids=None)
    urls = {url for args in enqueued(WAGTAIL_PURGE) for url in args["args"][0]}
    assert {"http://testserver/", "http://testserver/our-services/"} <= urls


def test_no_purge_task_without_a_cdn(standard_page):
    standard_page.save_revision().publish()

    assert enqueued(CMS_PURGE) == []


def test_a_hit_is_answered_before_routing_with_no_sql_and_all_headers(
    client, standard_page, django_assert_max_num_queries
):
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    client.get(standard_page.url)
    # The database cache's own reads are SQL; with Redis the hit runs none at all.
    budget = 2 if isinstance(caches["default"], DatabaseCache) else 0
    with django_assert_max_num_queries(budget) as captured:
        hit = client.get(standard_page.url)

    assert hit["X-Page-Cache"] == "hit"
    assert all("django_cache" in q["sql"] for q in captured.captured_queries)
    assert "script-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Request-ID"]


def test_a_signed_in_visitor_never_gets_the_cached_copy(client, standard_page):
    client.get(standard_page.url)
    client.force_login(UserFactory())

    response = client.get(standard_page.url)

    assert response.get("X-Page-Cache") != "hit"
