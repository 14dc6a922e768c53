"""Browser tests: Playwright driving Debian's Chromium against the live server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# Chromium's own background traffic is refused on this network; keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(tmp_path):
    """Take a screenshot; with SCREENSHOTS=1 (`make screenshots`) save it for the
    README (docs/screenshots/<name>.png), otherwise in the test's temporary folder,
    so that a plain test run leaves the working tree clean."""
    folder = SCREENSHOTS if os.environ.get("SCREENSHOTS") == "1" else tmp_path

    def save(page, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return save


@pytest.fixture
def axe_violations():
    """Return axe-core's violations for the page, as (rule id, help, node count)."""
    from axe_playwright_python.sync_playwright import Axe

    def check(page) -> list[tuple[str, str, int]]:
        results = Axe().run(page)
        return [
            (violation["id"], violation["help"], len(violation["nodes"]))
            for violation in results.response["violations"]
        ]

    return check


@pytest.fixture
def demo_site(transactional_db, live_server, settings, tmp_path):
    """The demo site, served by the live server, its media in a temporary folder."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # the database cache's table outlives transactional flushes
    return load_demo_site(live_server)


def load_demo_site(live_server):
    """Replace the site with the demo content, served at the live server's address
    (the caller has cleared the cache and set what the demo needs)."""
    from wagtail.models import Locale, Page, Site

    from cms.demo_content import load_demo_content

    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    load_demo_content(with_editor=False)
    host, port = live_server.url.removeprefix("http://").split(":")
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = host, int(port)
    site.save()
    return site
