"""An editor builds a page in the admin, previews and publishes it; visitors see it."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from cms.models import StandardPage
from tests.factories import UserFactory, make_site
from tests.factories.cms import ImageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(transactional_db, live_server):
    # The database cache's table outlives transactional tests' flushes.
    cache.clear()
    host, port = live_server.url.removeprefix("http://").split(":")
    return make_site(hostname=host, port=int(port))


def add_block(page, name, *, existing: int):
    """Open the block picker after the last of `existing` blocks, choose `name`.

    Waits until every block already added has rendered its own add button, so
    "last" really is the end of the stream on a slow machine."""
    buttons = page.locator("button.c-sf-add-button")
    expect(buttons).to_have_count(existing + 1)
    buttons.last.click()
    page.get_by_role("option", name=name, exact=True).click()


def sign_in(page, live_server):
    UserFactory(email="editor@example.com", is_superuser=True, is_staff=True)
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "editor@example.com")
    page.fill("input[name=password]", "correct-horse-battery-staple")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")


def test_editor_creates_previews_and_publishes_a_standard_page(
    site, live_server, page, browser, screenshot
):
    # The admin's editor is heavy; allow for a busy CI machine.
    page.set_default_timeout(45_000)
    ImageFactory(title="Harbour", description="Boats in a harbour")
    sign_in(page, live_server)

    page.goto(f"{live_server.url}/admin/pages/add/cms/standardpage/{site.pk}/")
    page.fill("#id_title", "Harbour tours")
    add_block(page, "Heading", existing=0)
    page.fill("#body-0-value-text", "Sail with us")
    add_block(page, "Rich text", existing=1)
    editor = page.locator(".DraftEditor-root [contenteditable=true]").last
    editor.click()
    editor.type("Tours leave every hour from the old quay.")
    add_block(page, "Image", existing=2)
    # The listing image's chooser comes first; wait for the block's own.
    choosers = page.get_by_role("button", name="Choose an image")
    expect(choosers).to_have_count(2)
    choosers.nth(1).click()
    page.locator(".modal").get_by_role("link", name="Harbour").click()
    # Choosing the image fills in its default alt text a moment later; wait for it,
    # or the text typed here would be appended to it.
    alt_text = page.locator("#body-2-value-image-alt_text")
    expect(alt_text).to_have_value("Boats in a harbour")
    alt_text.fill("Sailing boats moored in the harbour")
    add_block(page, "Call to action", existing=3)
    page.fill("#body-3-value-text", "Book a tour")
    page.fill("#body-3-value-url", "https://example.com/tours")

    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h2", has_text="Sail with us").wait_for()
    assert preview.get_by_role("link", name="Book a tour").count() == 1
    screenshot(page, "admin-page-editor")

    # Let the preview's last requests finish before publishing (with autosave
    # on, AUTOSAVE_INTERVAL_MS, publishing would otherwise race the last autosave).
    page.wait_for_load_state("networkidle")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.locator('button[name="action-publish"]').click()
    try:
        page.wait_for_url(f"{live_server.url}/admin/pages/{site.pk}/")
    except Exception as error:
        errors = page.locator(".error-message, .w-field__errors").all_inner_texts()
        raise AssertionError(
            f"no redirect after publishing; at {page.url}: {errors}"
        ) from error
    assert StandardPage.objects.get().live

    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + "/harbour-tours/")
    assert visitor.locator("h1").inner_text() == "Harbour tours"
    assert visitor.locator("h2#sail-with-us").inner_text() == "Sail with us"
    assert visitor.get_by_text("Tours leave every hour").count() == 1
    image = visitor.locator("figure.block-figure img")
    assert image.get_attribute("alt") == "Sailing boats moored in the harbour"
    assert image.get_attribute("width") and image.get_attribute("height")
    link = visitor.get_by_role("link", name="Book a tour")
    assert link.get_attribute("href") == "https://example.com/tours"
    visitor.context.close()
