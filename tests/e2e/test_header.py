"""The site header at desktop widths: one row once the page column has its full width,
in English and in German (the longer menu labels); narrower, brand and tools above
the menu."""

import pytest

from tests.cms.i18n import languages

pytestmark = pytest.mark.django_db(transaction=True)

# The brand, the main menu and each of the header tools.
ROW_PARTS = [
    ".site-brand",
    ".menu--main",
    ".header-search",
    ".language-switcher",
    ".account-nav",
]


@pytest.fixture
def bilingual_demo_site(transactional_db, live_server, settings, tmp_path):
    from django.core.cache import cache

    from tests.e2e.conftest import load_demo_site

    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # the database cache's table outlives transactional flushes
    with languages():
        yield load_demo_site(live_server)


def middles(page, selectors):
    """Return each element's vertical middle, in px from the top of the page."""
    middles = {}
    for selector in selectors:
        box = page.locator(selector).bounding_box()
        middles[selector] = round(box["y"] + box["height"] / 2)
    return middles


@pytest.mark.parametrize("path", ["/", "/de/"], ids=["en", "de"])
def test_the_header_is_one_row_at_1280_px(bilingual_demo_site, live_server, page, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + path)
    page.evaluate("document.fonts.ready")

    row = middles(page, ROW_PARTS)
    assert max(row.values()) - min(row.values()) <= 3, row


def test_a_narrower_header_puts_the_menu_under_brand_and_tools(
    bilingual_demo_site, live_server, page
):
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(live_server.url + "/de/")
    page.evaluate("document.fonts.ready")

    top = middles(page, [".site-brand", ".header-search", ".account-nav"])
    assert max(top.values()) - min(top.values()) <= 3, top
    brand = page.locator(".site-brand").bounding_box()
    menu = page.locator(".menu--main").bounding_box()
    assert menu["y"] >= brand["y"] + brand["height"]
    assert menu["x"] == pytest.approx(brand["x"], abs=1)  # the start edge (ltr)
    tools = page.locator(".account-nav").bounding_box()
    header = page.locator(".header-inner").evaluate(
        "e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e); "
        "return r.right - parseFloat(s.paddingRight); }"
    )
    assert tools["x"] + tools["width"] == pytest.approx(header, abs=1)  # the end edge
