"""A visitor opens the home page and an editor reaches the admin, in a real browser."""

import pytest

from tests.factories import make_site

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_with_home(transactional_db, live_server):
    host, port = live_server.url.removeprefix("http://").split(":")
    return make_site(
        hostname=host, port=int(port), hero_heading="Welcome to the demo site"
    )


def test_visitor_sees_the_home_page(site_with_home, live_server, page, screenshot):
    page.goto(live_server.url + "/")

    assert page.locator("h1").inner_text() == "Welcome to the demo site"
    screenshot(page, "home")


def test_editor_signs_in_to_the_admin(site_with_home, live_server, page, screenshot):
    from tests.factories import UserFactory

    UserFactory(email="editor@example.com", is_superuser=True, is_staff=True)

    page.goto(live_server.url + "/admin/")
    page.fill("input[name=username]", "EDITOR@example.com")
    page.fill("input[name=password]", "correct-horse-battery-staple")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    assert page.get_by_role("heading", level=1).count() >= 1
    screenshot(page, "admin-dashboard")
