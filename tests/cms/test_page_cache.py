"""Anonymous page views come from the cache until a change makes them stale."""

import pytest
from django.core.cache import cache

from cms.selectors import PAGE_SIZE
from tests.cms.i18n import languages, translate
from tests.factories import UserFactory
from tests.factories.cms import (
    FormFieldFactory,
    FormPageFactory,
    SectionIndexPageFactory,
    StandardPageFactory,
    TestimonialFactory,
)
from tests.ops.wsgi_client import call

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


def test_a_page_number_on_a_page_that_paginates_nothing_is_not_cached(
    client, standard_page
):
    for number in ("1", "2", "abc"):
        client.get(f"{standard_page.url}?page={number}")
        response = client.get(f"{standard_page.url}?page={number}")

        assert "X-Page-Cache" not in response, number
        assert "private" in response["Cache-Control"], number


@pytest.fixture
def index_of_two_pages(home_page):
    index = SectionIndexPageFactory(parent=home_page, slug="services")
    for number in range(PAGE_SIZE + 1):
        StandardPageFactory(parent=index, title=f"Service {number}")
    return index


def test_only_page_numbers_a_listing_has_are_cached(client, index_of_two_pages):
    url = index_of_two_pages.url

    client.get(f"{url}?page=2")
    assert client.get(f"{url}?page=2")["X-Page-Cache"] == "hit"
    # Past the end (the last page is shown), garbage (the first), another spelling.
    for number in ("3", "99", "abc", "02", "-1"):
        client.get(f"{url}?page={number}")
        response = client.get(f"{url}?page={number}")
        assert response.status_code == 200, number
        assert "X-Page-Cache" not in response, number
        assert "private" in response["Cache-Control"], number


def test_a_response_that_sets_a_cookie_is_never_public(client, standard_page):
    # A session cookie that signs nobody in: the session middleware deletes it on
    # the way out, after the page was found shareable.
    client.cookies["sessionid"] = "not-a-session"

    response = client.get(standard_page.url)

    assert response.status_code == 200
    assert "sessionid" in response.cookies
    assert "public" not in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    client.cookies.clear()
    assert client.get(standard_page.url)["X-Page-Cache"] == "miss"  # never stored


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


def forget_enqueued():
    """Forget what setting up the site enqueued (saving a Site purges every page)."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()


def test_publishing_enqueues_a_purge_of_the_page_and_its_parent(
    cdn, standard_page, home_page
):
    forget_enqueued()
    standard_page.title = "Changed"
    standard_page.save_revision().publish()

    purges = enqueued(CMS_PURGE)
    assert len(purges) == 1
    assert purges[0]["kwargs"] == {"page_ids": sorted([home_page.pk, standard_page.pk])}


def test_site_wide_change_purges_every_live_page_from_the_worker(
    cdn, standard_page, home_page
):
    forget_enqueued()
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


def test_a_signed_in_visitor_never_gets_the_cached_copy(client, standard_page):
    client.get(standard_page.url)
    client.force_login(UserFactory())

    response = client.get(standard_page.url)

    assert response.get("X-Page-Cache") != "hit"


# --- Hits answered in front of Django (config/fast_path.py) ------------------------


@pytest.fixture
def app():
    """The WSGI app as config/wsgi.py composes it, built after the test's settings."""
    from django.core.handlers.wsgi import WSGIHandler

    from config.fast_path import FastPath

    return FastPath(WSGIHandler())


def test_a_hit_is_answered_before_django_with_no_sql_and_the_stored_headers(
    app, standard_page, django_assert_max_num_queries
):
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    miss = call(app, standard_page.url)
    # One cache read: the generation and the page together (the database cache's
    # get_many is one SELECT; with Redis the hit runs no SQL at all).
    budget = 1 if isinstance(caches["default"], DatabaseCache) else 0
    with django_assert_max_num_queries(budget) as captured:
        hit = call(app, standard_page.url)

    assert miss.headers["X-Page-Cache"] == "miss"
    assert hit.headers["X-Page-Cache"] == "hit"
    assert all("django_cache" in q["sql"] for q in captured.captured_queries)
    assert hit.status == 200
    assert hit.body == miss.body
    # Every header the stack gave the page, replayed as it was...
    for name in (
        "Content-Type",
        "Content-Length",
        "Cache-Control",
        "Vary",
        "Content-Security-Policy",
        "Permissions-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
    ):
        assert hit.headers[name] == miss.headers[name], name
    assert "script-src 'self'" in hit.headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in hit.headers  # plain HTTP
    # ...but the request id is the hit's own, and no header comes twice.
    assert hit.headers["X-Request-ID"] != miss.headers["X-Request-ID"]
    names = [name.lower() for name, _value in hit.header_list]
    assert len(names) == len(set(names))
    assert "set-cookie" not in names


def test_a_hit_keeps_the_callers_request_id_and_writes_the_access_log(
    app, standard_page, caplog
):
    call(app, standard_page.url)
    caplog.clear()

    with caplog.at_level("INFO", logger="access"):
        hit = call(
            app, standard_page.url, headers={"X-Request-ID": "from-the-router-1"}
        )

    assert hit.headers["X-Page-Cache"] == "hit"
    assert hit.headers["X-Request-ID"] == "from-the-router-1"
    [record] = [r for r in caplog.records if r.name == "access"]
    assert record.getMessage().startswith(f"GET {standard_page.url} 200 ")
    assert record.status == 200
    assert record.path == standard_page.url
    assert record.request_id == "from-the-router-1"


def test_a_hit_over_https_replays_hsts_and_is_apart_from_http(app, standard_page):
    call(app, standard_page.url)  # stored for http only
    first = call(app, standard_page.url, scheme="https")
    hit = call(app, standard_page.url, scheme="https")

    assert first.headers["X-Page-Cache"] == "miss"
    assert hit.headers["X-Page-Cache"] == "hit"
    assert hit.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )


def test_head_gets_the_headers_of_a_hit_and_no_body(app, standard_page):
    miss = call(app, standard_page.url)

    head = call(app, standard_page.url, method="HEAD")

    assert head.headers["X-Page-Cache"] == "hit"
    assert head.body == b""
    assert head.headers["Content-Length"] == str(len(miss.body))


def test_an_editor_with_a_session_cookie_never_gets_the_cached_copy(
    app, client, standard_page
):
    assert call(app, standard_page.url).headers["X-Page-Cache"] == "miss"
    client.force_login(UserFactory(is_superuser=True))
    session = client.cookies["sessionid"].value

    response = call(app, standard_page.url, cookies={"sessionid": session})

    assert response.status == 200
    assert "X-Page-Cache" not in response.headers
    assert "private" in response.headers["Cache-Control"]


def test_a_publish_is_visible_to_the_next_anonymous_visitor(app, standard_page):
    call(app, standard_page.url)
    assert call(app, standard_page.url).headers["X-Page-Cache"] == "hit"

    standard_page.title = "Our new services"
    standard_page.save_revision().publish()
    response = call(app, standard_page.url)

    assert response.headers["X-Page-Cache"] == "miss"
    assert b"Our new services" in response.body
    assert call(app, standard_page.url).headers["X-Page-Cache"] == "hit"


def test_a_host_django_refuses_is_never_served_from_the_cache(app, standard_page):
    call(app, standard_page.url)

    assert call(app, standard_page.url, host="evil.example").status == 400
    # A host crafted so that host + path spell a stored key is refused too.
    assert call(app, "/", host="testserver/our-services").status == 400


def test_host_case_shares_the_entry_and_a_port_does_not(app, standard_page):
    call(app, standard_page.url)

    assert call(app, standard_page.url, host="TestServer").headers["X-Page-Cache"] == (
        "hit"
    )
    other_port = call(app, standard_page.url, host="testserver:8000")
    assert other_port.headers["X-Page-Cache"] == "miss"


def test_query_strings_in_front_of_django_follow_the_page_cache_rules(
    app, standard_page, index_of_two_pages
):
    call(app, standard_page.url)
    second_page = index_of_two_pages.url + "?page=2"

    assert "X-Page-Cache" not in call(app, standard_page.url + "?utm_source=x").headers
    assert "X-Page-Cache" not in call(app, standard_page.url + "?page=2").headers
    assert call(app, second_page).headers["X-Page-Cache"] == "miss"
    assert call(app, second_page).headers["X-Page-Cache"] == "hit"


def test_form_pages_are_never_served_in_front_of_django(app, home_page):
    form_page = FormPageFactory(parent=home_page)
    FormFieldFactory(page=form_page, label="Your name")
    call(app, form_page.url)

    response = call(app, form_page.url)

    assert response.status == 200
    assert "X-Page-Cache" not in response.headers
    assert "private" in response.headers["Cache-Control"]


def test_with_the_page_cache_off_nothing_is_served_from_it(
    app, standard_page, settings
):
    call(app, standard_page.url)
    call(app, standard_page.url)
    settings.CMS_PAGE_CACHE_ENABLED = False

    assert "X-Page-Cache" not in call(app, standard_page.url).headers


def test_probes_skip_the_page_cache_lookup(app, monkeypatch):
    from cms import page_cache

    def no_lookup(request):
        raise AssertionError("a probe must not wait on the cache")

    monkeypatch.setattr(page_cache, "cached_answer", no_lookup)

    response = call(app, "/healthz")

    assert response.status == 200
    assert response.headers["X-Request-ID"]


def test_a_query_string_django_refuses_is_refused_by_django(app, standard_page):
    too_many = "&".join(["page=1"] * 2001)  # over DATA_UPLOAD_MAX_NUMBER_FIELDS

    response = call(app, f"{standard_page.url}?{too_many}")

    assert response.status == 400


@pytest.mark.parametrize(
    "path",
    [
        "/events/",
        "/de/events/",
        "/de/events/bench-event-01/",
        "/accounts/login/",
        "/de/accounts/login/",
        "/de/api/content/v1/pages/",
    ],
)
def test_the_uncached_addresses_skip_the_lookup_in_every_language(
    app, home_page, monkeypatch, path
):
    from cms import page_cache

    def no_lookup(request):
        raise AssertionError(f"{path} is never a cached page")

    monkeypatch.setattr(page_cache, "cached_answer", no_lookup)

    with languages():
        call(app, path)


def test_pages_in_every_language_are_looked_up_before_django(app, home_page):
    with languages():
        translate(home_page, "de")
        call(app, "/de/")

        assert call(app, "/de/").headers.get("X-Page-Cache") == "hit"
