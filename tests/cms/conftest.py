"""CMS test fixtures."""

import pytest


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Render every request: invalidation runs on commit, which tests inside a
    transaction never reach. tests/cms/test_page_cache.py turns the cache on."""
    settings.CMS_PAGE_CACHE_ENABLED = False
