"""The finished design, in a real browser: every page kind of the demo site has no
axe-core violations at phone and desktop widths, the app pages use the same
components as the CMS pages, and a visitor who signs up from an event comes back
to it."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from apps.events.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-enough-passphrase"
WIDTHS = {"phone": 390, "desktop": 1280}
PAGE_KINDS = [
    ("/", "home"),
    ("/about/", "standard"),
    ("/services/", "section-index"),
    ("/news/", "article-index"),
    ("/news/launching-the-new-site/", "article"),
    ("/contact/", "form"),
    ("/spring-campaign/", "landing"),
    ("/search/?query=design", "search"),
    ("/events/", "event-list"),
    ("/events/open-studio-evening/", "event-detail"),
    ("/accounts/sign-in/", "sign-in"),
    ("/accounts/sign-up/", "sign-up"),
    ("/no-such-page/", "not-found"),
]


@pytest.fixture
def demo_site(demo_site, settings):
    # Tasks run in-process, so the verification email lands in mail.outbox.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASKS["default"]["QUEUES"],
        }
    }
    return demo_site


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_kind_has_no_accessibility_violations(
    demo_site, live_server, page, axe_violations, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for path, name in PAGE_KINDS:
        page.goto(live_server.url + path)
        page.locator("main").wait_for()
        page.evaluate("document.fonts.ready")
        violations = axe_violations(page)
        if violations:
            found[path] = violations
        # Nothing wider than the viewport: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        screenshot(page, f"design-{name}-{width}")
    assert found == {}


def test_footer_sits_at_the_bottom_of_a_short_page(demo_site, live_server, page):
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.goto(live_server.url + "/accounts/sign-in/")

    footer = page.locator(".site-footer").bounding_box()
    assert footer["y"] + footer["height"] == pytest.approx(1400, abs=1)


def test_cards_fill_their_row_whatever_their_number(demo_site, live_server, page):
    page.goto(live_server.url + "/services/")  # three cards at 1280 px

    boxes = [card.bounding_box() for card in page.locator("main .grid > li").all()]
    row = page.locator("main .grid").bounding_box()
    assert len({round(box["y"]) for box in boxes}) == 1
    assert boxes[-1]["x"] + boxes[-1]["width"] == pytest.approx(
        row["x"] + row["width"], abs=1
    )


def test_statistics_leave_no_card_alone_on_a_phone(demo_site, live_server, page):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + "/about/")

    boxes = [s.bounding_box() for s in page.locator(".statistic").all()]
    row = page.locator(".statistics").bounding_box()
    for box in boxes:  # each one reaches the row's end or shares its row
        same_row = [b for b in boxes if round(b["y"]) == round(box["y"])]
        assert len(same_row) > 1 or box["width"] == pytest.approx(row["width"], abs=1)


def test_the_page_uses_the_self_hosted_font(demo_site, live_server, page):
    page.goto(live_server.url + "/")
    page.evaluate("document.fonts.ready")

    assert page.evaluate("document.fonts.check('16px Inter')")
    assert "Inter" in page.locator("h1").evaluate("e => getComputedStyle(e).fontFamily")


def test_a_visitor_books_from_an_event_via_sign_up_and_comes_back_to_it(
    demo_site, live_server, page, screenshot
):
    event = Event.objects.get(slug="open-studio-evening")
    event_url = live_server.url + event.get_absolute_url()
    page.goto(event_url)
    page.get_by_role("link", name="Create an account").click()

    # Labels above their inputs, the required mark on the label's line.
    label = page.locator("label[for=id_email]").bounding_box()
    field = page.locator("#id_email").bounding_box()
    assert label["y"] + label["height"] <= field["y"]
    assert label["height"] < 40
    page.fill("#id_email", "visitor@example.com")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    assert page.locator("h1").inner_text() == "Check your email"

    link = urlsplit(re.search(r"https?://\S+", mail.outbox[0].body).group(0))
    page.goto(f"{live_server.url}{link.path}?{link.query}")
    page.fill("#id_email", "visitor@example.com")
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(event_url)

    # Signed in: the header says who, and offers a sign-out form.
    header = page.locator(".site-header")
    assert "visitor@example.com" in header.inner_text()
    assert header.get_by_role("button", name="Sign out").is_visible()

    # "Book" is the page's primary button: accent background, full touch size.
    book = page.get_by_role("button", name="Book", exact=True)
    style = book.evaluate(
        "e => { const s = getComputedStyle(e); "
        "return [s.backgroundColor, s.color, e.getBoundingClientRect().height]; }"
    )
    assert style[0] == "rgb(67, 56, 202)"
    assert style[1] == "rgb(255, 255, 255)"
    assert style[2] >= 44
    screenshot(page, "design-event-signed-in-1280")
    book.click()
    assert "Your booking is confirmed" in page.locator(".messages").inner_text()

    header.get_by_role("button", name="Sign out").click()
    assert "Sign in" in page.locator(".site-header").inner_text()


def test_admin_api_docs_and_site_log_no_console_errors(demo_site, live_server, page):
    """No CSP violation (Gravatar avatars, Swagger UI's inline style), no missing
    favicon or script error on the editor's everyday pages and the API docs."""
    from wagtail.models import Page

    from tests.e2e.test_cms_editor import sign_in

    page.set_default_timeout(45_000)
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server)
    article = Page.objects.get(url_path="/home/news/launching-the-new-site/")

    visited = {}
    for path in [
        "/",
        "/admin/",
        f"/admin/pages/{article.pk}/edit/",
        "/admin/snippets/cms/person/",
        "/api/docs/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        visited[path], errors[:] = list(errors), []
    assert page.locator(".swagger-ui .opblock").count() > 0  # the docs rendered

    assert visited == dict.fromkeys(visited, [])


def test_typing_a_title_fills_the_slug_of_a_new_event_and_page(
    demo_site, live_server, page
):
    from wagtail.models import Page

    from tests.e2e.test_cms_editor import sign_in

    page.set_default_timeout(45_000)
    sign_in(page, live_server)
    home = Page.objects.get(url_path="/home/")

    for path in [
        "/admin/event/new/",
        f"/admin/pages/add/cms/standardpage/{home.pk}/",
    ]:
        page.goto(live_server.url + path)
        page.locator("#id_title").click()
        page.keyboard.type("Late Summer Open Day")
        # The sync is debounced: wait for it, as an editor's eyes would.
        expect(page.locator("#id_slug")).to_have_value("late-summer-open-day")
