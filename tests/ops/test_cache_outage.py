"""The cache is an accelerator, never a dependency: with its Redis server killed or
frozen (SIGSTOP), pages, both APIs and their throttles answer from the database, each
request waits at most the configured timeout, the outage is logged once, and the site
uses the cache again when the server is back, without a restart."""

import json
import subprocess
import time

import pytest

from tests.factories.cms import ArticleIndexPageFactory, ArticlePageFactory
from tests.factories.events import EventFactory
from tests.ops.private_services import PrivateRedis
from tests.ops.wsgi_client import call

pytestmark = pytest.mark.django_db

# The timeout the project's cache gets here (CACHE_TIMEOUT_MS in production).
TIMEOUT = 0.3
# What one request may take beyond it on a shared, slow machine: rendering from the
# database with nothing cached. A frozen cache that cost each cache operation the
# timeout (as before: 2-8 s) would blow through it.
RENDER_ALLOWANCE = 1.5

URLS = (
    "/",
    "/news/story/",
    "/api/content/v1/pages/?type=cms.articlepage",
    "/api/content/v1/pages/by-path/?path=/news/story/",
    "/api/v1/events/",
    "/api/v1/events/outage-event/",
)


@pytest.fixture
def redis_server():
    if subprocess.run(["which", "redis-server"], capture_output=True).returncode:  # noqa: S607
        pytest.skip("needs redis-server")
    server = PrivateRedis()
    yield server
    server.destroy()


@pytest.fixture
def project_cache(redis_server, settings, monkeypatch):
    """The project's cache backend on the private server, as production sets it up."""
    from config import cache as cache_backend

    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "outage",
            "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT},
        }
    }
    settings.CMS_PAGE_CACHE_ENABLED = True
    # Short, so the test sees the recovery soon; production waits 5 s.
    monkeypatch.setattr(cache_backend, "RETRY_SECONDS", 1.0)
    monkeypatch.setattr(cache_backend, "_availability", {})
    return redis_server


@pytest.fixture
def site_content(home_page):
    index = ArticleIndexPageFactory(parent=home_page, slug="news")
    article = ArticlePageFactory(
        parent=index,
        slug="story",
        body=json.dumps([{"type": "rich_text", "value": "<p>The story</p>"}]),
    )
    article.save_revision().publish()
    EventFactory(slug="outage-event", title="Outage event")


@pytest.fixture
def app(project_cache, site_content):
    """The WSGI app as config/wsgi.py composes it: the fast path, then Django."""
    from django.core.handlers.wsgi import WSGIHandler

    from config.fast_path import FastPath

    return FastPath(WSGIHandler())


def timed(app, url):
    started = time.monotonic()
    answer = call(app, url)
    return answer, time.monotonic() - started


def assert_answered_from_the_database(app):
    for url in URLS:
        answer, elapsed = timed(app, url)
        assert answer.status == 200, (url, answer.status, answer.body[:500])
        assert answer.headers.get("X-Page-Cache") != "hit", url
        assert elapsed < TIMEOUT + RENDER_ALLOWANCE, (url, elapsed)


def assert_cache_in_use(app):
    """The cache serves again: a page is stored, then answered in front of Django."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        call(app, "/news/story/")
        if call(app, "/news/story/").headers.get("X-Page-Cache") == "hit":
            return
        time.sleep(0.2)
    raise AssertionError("the page cache did not recover")


def warm(app):
    for url in URLS:
        assert call(app, url).status == 200, url
    assert call(app, "/").headers["X-Page-Cache"] == "hit"


def outage_warnings(caplog):
    return [r for r in caplog.records if r.getMessage().startswith("Cache unavail")]


def test_a_killed_cache_server_costs_speed_not_answers(app, project_cache, caplog):
    warm(app)

    project_cache.kill()
    with caplog.at_level("WARNING", logger="config.cache"):
        for _ in range(3):
            assert_answered_from_the_database(app)

    assert len(outage_warnings(caplog)) == 1  # once, not once per request

    project_cache.start()  # restarted empty, on the same port
    assert_cache_in_use(app)


def test_a_frozen_cache_server_costs_each_request_one_timeout_at_most(
    app, project_cache, caplog
):
    warm(app)

    project_cache.freeze()
    try:
        with caplog.at_level("WARNING", logger="config.cache"):
            for _ in range(3):
                assert_answered_from_the_database(app)
                time.sleep(1.0)  # past RETRY_SECONDS: the next request asks again
    finally:
        project_cache.thaw()

    assert len(outage_warnings(caplog)) == 1
    assert_cache_in_use(app)


def test_a_change_published_while_the_cache_is_frozen_shows_when_it_is_back(
    app, project_cache, site_content
):
    from cms.models import ArticlePage

    warm(app)
    assert call(app, "/news/story/").headers["X-Page-Cache"] == "hit"

    project_cache.freeze()
    try:
        call(app, "/")  # finds the cache out: it is left alone for RETRY_SECONDS
        article = ArticlePage.objects.get(slug="story")
        article.title = "A story told again"
        article.save_revision().publish()  # the content version's bump is dropped
    finally:
        project_cache.thaw()  # back with its data: the old version and pages
    time.sleep(1.1)  # past RETRY_SECONDS

    assert b"A story told again" in call(app, "/news/story/").body
    assert_cache_in_use(app)


def test_throttles_let_requests_through_without_a_cache(app, project_cache, settings):
    rest_framework = settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {
        **rest_framework,
        "DEFAULT_THROTTLE_RATES": {
            **rest_framework["DEFAULT_THROTTLE_RATES"],
            "anon": "2/minute",
        },
    }
    assert [call(app, "/api/v1/events/").status for _ in range(3)] == [200, 200, 429]

    project_cache.kill()

    # The counts were in the cache: without it, nobody is refused, nothing fails.
    assert {call(app, "/api/v1/events/").status for _ in range(5)} == {200}
