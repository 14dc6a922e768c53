"""A signed-in visitor opens their account from the header and chooses German: the
page, accessible at phone and desktop widths, then speaks German."""

import pytest

from tests.cms.i18n import languages, translate
from tests.factories import UserFactory, make_site

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-staple"  # UserFactory's
WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture
def two_language_site(transactional_db, live_server):
    host, port = live_server.url.removeprefix("http://").split(":")
    home = make_site(hostname=host, port=int(port))
    with languages():
        translate(home, "de", title="Startseite")
        yield


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_a_visitor_chooses_german_on_their_account_page(
    two_language_site, live_server, page, axe_violations, screenshot, width
):
    UserFactory(email="ada@example.com", language="en")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_email", "ada@example.com")
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")

    page.locator(".account-nav").get_by_role("link", name="Your account").click()
    page.wait_for_url(live_server.url + "/accounts/")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("main").get_by_label("Language").select_option(label="Deutsch")
    page.locator("main").get_by_role("button", name="Save").click()

    page.wait_for_url(live_server.url + "/de/accounts/")
    assert page.locator("h1").inner_text() == "Ihr Konto"
    assert page.get_by_role("status").inner_text() == "Ihre Sprache ist gespeichert."
    assert page.locator("html").get_attribute("lang") == "de"
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"account-de-{width}")
