"""A visitor signs up, confirms the email, signs in, books an event and cancels it."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from apps.events.models import Booking
from tests.factories import EventFactory, make_site

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-enough-passphrase"


@pytest.fixture
def site(transactional_db, live_server, settings):
    # Tasks run in-process as soon as the transaction commits, so emails land in
    # django.core.mail.outbox, which the live server thread shares with the test.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASKS["default"]["QUEUES"],
        }
    }
    host, port = live_server.url.removeprefix("http://").split(":")
    return make_site(hostname=host, port=int(port))


def test_visitor_signs_up_verifies_signs_in_books_and_cancels(
    site, live_server, page, screenshot
):
    event = EventFactory(
        title="Spring garden tour",
        summary="A guided walk through the spring garden.",
        venue="The Old Garden",
        capacity=12,
    )

    page.goto(live_server.url + "/accounts/sign-up/")
    page.fill("input[name=email]", "visitor@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "Check your email"

    [message] = mail.outbox
    link = urlsplit(re.search(r"https?://\S+", message.body).group(0))
    page.goto(f"{live_server.url}{link.path}?{link.query}")
    assert "your email address is confirmed" in page.locator(".messages").inner_text()

    page.fill("input[name=email]", "Visitor@Example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + event.get_absolute_url())
    assert page.locator("h1").inner_text() == "Spring garden tour"
    assert "12 places left." in page.locator(".booking").inner_text()
    page.select_option("select[name=seats]", "2")
    page.get_by_role("button", name="Book").click()

    booking = Booking.objects.get(user__email="visitor@example.com")
    assert booking.status == Booking.Status.CONFIRMED
    confirmation = page.locator(".messages").inner_text()
    assert f"Your booking is confirmed. Your reference is {booking.reference}" in (
        confirmation
    )
    assert "2 places" in page.locator(".booking-status").inner_text()
    screenshot(page, "event-page")

    page.get_by_role("button", name="Cancel my booking").click()

    assert "Your booking is cancelled." in page.locator(".messages").inner_text()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert page.get_by_role("button", name="Book").is_visible()
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "Confirm your email address",
        "Your place at Spring garden tour is confirmed",
        "Your booking for Spring garden tour is cancelled",
    ]
