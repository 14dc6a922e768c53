"""Publishing purges the content API's CDN copies (through the worker) and makes
renditions ahead of any GET."""

import pytest
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from cms.models import Announcement, ContentSlot, StandardPage
from tests.cms.i18n import languages, translate
from tests.factories import make_site

pytestmark = pytest.mark.django_db

PURGE_TASK = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"
RENDITIONS_TASK = "cms.api.renditions.generate_renditions"
ROOT = "http://testserver/api/content/v1/"


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.cms.api.recording_backend.RecordingBackend"}
    }


@pytest.fixture
def about(django_capture_on_commit_callbacks):
    home = make_site()
    page = StandardPage(title="About", slug="about")
    with django_capture_on_commit_callbacks(execute=True):
        home.add_child(instance=page)
        page.save_revision().publish()
    DBTaskResult.objects.all().delete()
    return page


def purged_urls() -> set[str]:
    urls = set()
    for row in DBTaskResult.objects.filter(task_path=PURGE_TASK):
        urls.update(row.args_kwargs["args"][0])
    return urls


def test_publishing_purges_the_page_and_listing(
    cdn, about, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()

    assert {
        f"{ROOT}pages/{about.id}/",
        f"{ROOT}pages/by-path/?path=/about/",
        f"{ROOT}pages/",
    } <= purged_urls()


def test_unpublishing_purges_the_page(cdn, about, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        about.unpublish()

    assert f"{ROOT}pages/{about.id}/" in purged_urls()


def test_moving_purges_old_and_new_paths(
    cdn, about, django_capture_on_commit_callbacks
):
    section = StandardPage(title="Company", slug="company")
    about.get_parent().add_child(instance=section)
    section.save_revision().publish()
    DBTaskResult.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(id=about.id).move(section, pos="last-child")

    assert {
        f"{ROOT}pages/by-path/?path=/about/",
        f"{ROOT}pages/by-path/?path=/company/about/",
    } <= purged_urls()


def test_changing_the_slug_purges_the_old_path(
    cdn, about, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about.slug = "about-us"
        about.save_revision().publish()

    assert {
        f"{ROOT}pages/by-path/?path=/about/",
        f"{ROOT}pages/by-path/?path=/about-us/",
    } <= purged_urls()


def test_publishing_snippets_purges_their_endpoints(
    cdn, about, django_capture_on_commit_callbacks
):
    slot = ContentSlot.objects.create(key="onboarding", title="Onboarding", live=False)
    announcement = Announcement.objects.create(
        title="Hi", message="<p>x</p>", live=False
    )

    with django_capture_on_commit_callbacks(execute=True):
        slot.save_revision().publish()
        announcement.save_revision().publish()

    assert {f"{ROOT}slots/onboarding/", f"{ROOT}announcements/"} <= purged_urls()


def test_without_a_cdn_nothing_is_enqueued(about, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()

    # (Wagtail enqueues its own HTML purge regardless; it finds no backend to call.)
    assert not [url for url in purged_urls() if url.startswith(ROOT)]


def test_publishing_enqueues_renditions_of_the_page_images(
    about, django_capture_on_commit_callbacks
):
    import wagtail_factories

    from cms.api.renditions import API_RENDITIONS, generate_renditions

    image = wagtail_factories.ImageFactory()
    about.listing_image = image
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()

    row = DBTaskResult.objects.filter(task_path=RENDITIONS_TASK).last()
    assert image.id in row.args_kwargs["args"][0]

    generate_renditions.call([image.id])
    specs = set(image.renditions.values_list("filter_spec", flat=True))
    assert set(API_RENDITIONS.values()) <= specs


def test_new_renditions_make_the_caches_stale_once_and_only_when_made(
    about, monkeypatch
):
    import wagtail_factories

    from cms import generation_cache
    from cms.api.renditions import generate_renditions

    image = wagtail_factories.ImageFactory()
    bumps = []
    original = generation_cache.CONTENT.bump
    monkeypatch.setattr(
        generation_cache.CONTENT,
        "bump",
        lambda **kwargs: bumps.append(1) or original(**kwargs),
    )
    version = generation_cache.content_version()

    generate_renditions.call([image.id])  # dozens of renditions, one bump

    assert generation_cache.content_version() != version
    assert len(bumps) == 1
    version = generation_cache.content_version()

    generate_renditions.call([image.id])  # nothing left to make: no bump

    assert generation_cache.content_version() == version
    assert len(bumps) == 1


def test_publishing_a_translation_purges_its_addresses_in_its_locale(
    cdn, about, django_capture_on_commit_callbacks
):
    with languages():
        translate(about.get_parent(), "de")
        german = translate(about, "de", live=False)
        DBTaskResult.objects.all().delete()

        with django_capture_on_commit_callbacks(execute=True):
            german.save_revision().publish()

    assert {
        f"{ROOT}pages/{german.id}/?locale=de",
        f"{ROOT}pages/?locale=de",
        f"{ROOT}navigation/?locale=de",
        f"{ROOT}pages/by-path/?path=/de/about/",
        f"{ROOT}pages/by-path/?path=/de/about/&locale=de",
    } <= purged_urls()
    assert f"{ROOT}pages/" not in purged_urls()
