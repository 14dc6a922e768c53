"""The demo site's home page and an article have no axe-core violations."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page, Site

from cms.demo_content import load_demo_content

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site(transactional_db, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The database cache's table outlives transactional tests' flushes.
    cache.clear()
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    load_demo_content(with_editor=False)
    host, port = live_server.url.removeprefix("http://").split(":")
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = host, int(port)
    site.save()
    return site


@pytest.mark.parametrize(
    ("path", "name"),
    [("/", "demo-home"), ("/news/launching-the-new-site/", "article")],
)
def test_page_has_no_accessibility_violations(
    demo_site, live_server, page, axe_violations, screenshot, path, name
):
    page.goto(live_server.url + path)
    page.locator("main").wait_for()

    assert axe_violations(page) == []
    screenshot(page, name)
