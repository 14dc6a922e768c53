"""An editor builds a page in the admin, previews and publishes it; visitors see it."""

import pytest
from django.core.cache import cache

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


def add_block(page, name):
    """Open the block picker after the last block and choose `name`."""
    page.locator("button.c-sf-add-button").last.click()
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
    add_block(page, "Heading")
    page.fill("#body-0-value-text", "Sail with us")
    add_block(page, "Rich text")
    editor = page.locator(".DraftEditor-root [contenteditable=true]").last
    editor.click()
    editor.type("Tours leave every hour from the old quay.")
    add_block(page, "Image")
    page.get_by_role("button", name="Choose an image").last.click()
    page.locator(".modal").get_by_role("link", name="Harbour").click()
    page.fill("#body-2-value-image-alt_text", "Sailing boats moored in the harbour")
    add_block(page, "Call to action")
    page.fill("#body-3-value-text", "Book a tour")
    page.fill("#body-3-value-url", "https://example.com/tours")

    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h2", has_text="Sail with us").wait_for()
    assert preview.get_by_role("link", name="Book a tour").count() == 1
    screenshot(page, "admin-page-editor")

    # Wagtail 8 autosaves the draft as the editor types: let the last autosave
    # finish, or publishing races it (and on a busy machine loses).
    page.wait_for_load_state("networkidle")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.locator('button[name="action-publish"]').click()
    try:
        page.wait_for_url(f"{live_server.url}/admin/pages/{site.pk}/")
    except Exception as error:
        raise AssertionError(
            f"no redirect after publishing; at {page.url}:\n"
            + page.locator("main").inner_text()[:1500]
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
