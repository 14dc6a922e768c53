"""The demo site's home page and an article have no axe-core violations."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


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
