"""The demo site's home page and an article have no axe-core violations."""

import pytest
from django.core.cache import cache

from tests.e2e.conftest import load_demo_site

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site(transactional_db, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The database cache's table outlives transactional tests' flushes.
    cache.clear()
    return load_demo_site(live_server)


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
