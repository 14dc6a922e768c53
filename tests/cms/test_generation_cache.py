"""What rendering reads is cached until the site changes (cms/generation_cache.py):
references, an article's authors, tags and related articles, and the
rendered body. Each change a visitor must see at once shows on the next request,
and previews never read the cache."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms import generation_cache
from cms.generation_cache import bump_content_version
from cms.models import ArticlePageAuthor
from tests.cms.test_query_counts import ARTICLE_WARM, is_cache_query
from tests.factories.cms import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ImageFactory,
    PersonFactory,
    TestimonialFactory,
)

pytestmark = pytest.mark.django_db


def rich_text(text):
    return json.dumps([{"type": "rich_text", "value": f"<p>{text}</p>"}])


@pytest.fixture
def article(home_page):
    index = ArticleIndexPageFactory(parent=home_page, slug="news")
    page = ArticlePageFactory(parent=index, slug="story", body=rich_text("First text"))
    page.save_revision().publish()
    return page


def get(client, url):
    return client.get(url)


def test_a_warm_page_is_rendered_from_the_cache(client, article):
    assert b"First text" in get(client, "/news/story/").content

    with CaptureQueriesContext(connection) as captured:
        response = get(client, "/news/story/")

    # Only Wagtail's routing and view restrictions, and the database cache's own
    # reads (SQLite in CI; none with Redis).
    assert len([q for q in captured if not is_cache_query(q["sql"])]) <= ARTICLE_WARM
    assert b"First text" in response.content


def test_a_new_revision_shows_at_once(client, article):
    get(client, "/news/story/")

    article.body = rich_text("Second text")
    article.save_revision().publish()

    content = get(client, "/news/story/").content
    assert b"Second text" in content
    assert b"First text" not in content


def test_a_new_article_is_listed_at_once(client, article):
    index = article.get_parent()
    assert b"Later story" not in get(client, "/news/").content
    assert b"Later story" not in get(client, "/news/tag/later/").content

    later = ArticlePageFactory(parent=index, title="Later story", slug="later")
    later.tags.add("later")
    later.save_revision().publish()

    assert b"Later story" in get(client, "/news/").content
    # Each listing (all, a tag, a category) is cached apart.
    assert b"Later story" in get(client, "/news/tag/later/").content


def test_an_unpublished_page_is_gone_at_once(client, article):
    assert get(client, "/news/story/").status_code == 200

    article.unpublish()

    assert get(client, "/news/story/").status_code == 404


def test_a_page_made_private_asks_for_a_password_at_once(client, article):
    assert b"First text" in get(client, "/news/story/").content

    PageViewRestriction.objects.create(
        page=article.get_parent(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",  # noqa: S106
    )

    response = get(client, "/news/story/")
    assert b"First text" not in response.content
    assert b"password" in response.content.lower()


def test_a_moved_page_leaves_its_old_address(client, home_page, article):
    get(client, "/news/story/")

    article.move(ArticleIndexPageFactory(parent=home_page, slug="blog"), "last-child")

    # Wagtail's automatic redirect answers the old address, not the cached route.
    old = get(client, "/news/story/")
    assert (old.status_code, old["Location"]) == (301, "/blog/story/")
    assert b"First text" in get(client, "/blog/story/").content


def test_a_renamed_author_shows_at_once(client, article):
    author = PersonFactory(name="Ada Lovelace")
    article.article_authors.add(ArticlePageAuthor(person=author))
    article.save_revision().publish()
    assert b"Ada Lovelace" in get(client, "/news/story/").content

    author.name = "Grace Hopper"
    author.save()

    assert b"Grace Hopper" in get(client, "/news/story/").content


def test_a_preview_shows_the_draft_not_the_cached_page(client, article):
    get(client, "/news/story/")  # the live body and references are now cached
    draft = type(article).objects.get(pk=article.pk)
    draft.body = rich_text("Draft text")

    response = draft.make_preview_request()

    assert b"Draft text" in response.content
    assert b"First text" not in response.content


def test_requests_get_their_own_copies():
    key = "cms:data:test:copies"
    first = generation_cache.cached(key, lambda: {"items": [1]})
    first["items"].append(2)  # one request changing what it was given

    second = generation_cache.cached(key, lambda: {"items": ["recomputed"]})

    assert second == {"items": [1]}
    assert second is not first


def test_none_is_computed_again_not_cached():
    calls = []

    def compute():
        calls.append(1)

    generation_cache.cached("cms:data:test:none", compute)
    generation_cache.cached("cms:data:test:none", compute)

    assert len(calls) == 2


def test_a_cache_emptied_by_a_restart_starts_a_version_never_used_before():
    """Counting again from 1 after the cache server restarts empty could hand a
    process values cached under an old version (say, a reader still on one)."""
    starts = set()
    for _ in range(5):
        cache.delete(generation_cache.CONTENT.key)
        starts.add(generation_cache.content_version())
    assert len(starts) == 5

    before = generation_cache.content_version()
    bump_content_version()
    assert generation_cache.content_version() not in {before, *starts}


def test_an_image_edit_shows_at_once(client, article):
    """Every content model moves the one version on, not only those pages list:
    an image's alt text, say, which the page cache and the API both show."""
    before = generation_cache.content_version()

    ImageFactory(title="A new upload")

    assert generation_cache.content_version() != before


def test_a_draft_saved_on_a_snippet_keeps_the_version():
    testimonial = TestimonialFactory(quote="Kept")
    testimonial.save_revision()  # a draft: writes latest_revision on the row only
    before = generation_cache.content_version()

    testimonial.quote = "Not yet"
    testimonial.save_revision()

    assert generation_cache.content_version() == before


def test_each_release_leaves_what_the_previous_code_cached_behind():
    # A release runs `migrate` (the Procfile's release line): whatever it changes,
    # values cached by the previous release's code are not read by the new one.
    from django.core.management import call_command

    from apps.events.cache import PUBLIC_EVENTS

    content, events = generation_cache.content_version(), PUBLIC_EVENTS.current()

    call_command("migrate", verbosity=0)

    assert generation_cache.content_version() != content
    assert PUBLIC_EVENTS.current() != events


def test_the_related_articles_cached_with_the_page_follow_their_changes(
    client, article
):
    # The related cards are cached like the body (templates/cms/article_page.html):
    # a related article's edit or unpublishing shows on the next request.
    article.tags.add("shared")
    article.save_revision().publish()
    neighbour = ArticlePageFactory(
        parent=article.get_parent(), title="Neighbour story", slug="neighbour"
    )
    neighbour.tags.add("shared")
    neighbour.save_revision().publish()
    assert b"Neighbour story" in get(client, "/news/story/").content

    neighbour.title = "Renamed neighbour"
    neighbour.save_revision().publish()
    content = get(client, "/news/story/").content
    assert b"Renamed neighbour" in content
    assert b"Neighbour story" not in content

    neighbour.unpublish()
    assert b"Renamed neighbour" not in get(client, "/news/story/").content
