"""The admin saves what the editor saves: Wagtail 8's autosave is off by default
(config/settings.py), so looking at a form and leaving leaves nothing behind."""

import pytest
from wagtail.models import Page, Revision

from tests.e2e.test_cms_editor import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def type_then_wait(page, selector: str, text: str) -> None:
    """Type as an editor does (key events, which autosave listens for) and pause
    well past Wagtail's default autosave interval (500 ms) and its change check."""
    page.locator(selector).click()
    page.keyboard.type(text)
    page.wait_for_timeout(5000)


def posts_of(page) -> list[str]:
    """Return a list that collects the addresses of the page's POST requests (an
    autosave is one) from now on: sent ones count, answered or not, so the test
    need not wait for the network to go quiet (the admin's editing-session pings
    keep it busy on a loaded machine)."""
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    return posts


ARTICLE = "/home/news/launching-the-new-site/"


@pytest.mark.parametrize(
    ("url_path", "form"),
    [
        pytest.param("/home/", "/admin/pages/add/cms/standardpage/{pk}/", id="add"),
        pytest.param(ARTICLE, "/admin/pages/{pk}/edit/", id="edit"),
    ],
)
def test_typing_in_a_page_form_and_leaving_saves_nothing(
    demo_site, live_server, page, url_path, form
):
    page.set_default_timeout(45_000)
    sign_in(page, live_server)
    before = (Page.objects.count(), Revision.objects.count())

    pk = Page.objects.get(url_path=url_path).pk
    page.goto(f"{live_server.url}{form.format(pk=pk)}")
    posts = posts_of(page)
    type_then_wait(page, "#id_title", " Half an idea")
    type_then_wait(page, "#id_title", ", to finish later")

    assert [url for url in posts if "/admin/pages/" in url] == []
    article = Page.objects.get(url_path=ARTICLE)
    assert (Page.objects.count(), Revision.objects.count()) == before
    assert not article.has_unpublished_changes


def test_an_editor_publishes_a_demo_page_straight_after_typing(
    demo_site, live_server, page
):
    page.set_default_timeout(45_000)
    sign_in(page, live_server)
    about = Page.objects.get(url_path="/home/about/")

    page.goto(f"{live_server.url}/admin/pages/{about.pk}/edit/")
    page.locator("#id_title").fill("About the studio")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.locator('button[name="action-publish"]').click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{about.get_parent().pk}/")

    about.refresh_from_db()
    assert about.title == "About the studio"
    assert (about.has_unpublished_changes, about.latest_revision_id) == (
        False,
        about.live_revision_id,
    )
