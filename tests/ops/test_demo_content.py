"""`load_demo_content` builds the demo site; a second run changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("id", "path", "title", "live")),
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id")),
        "users": sorted(get_user_model().objects.values_list("email", flat=True)),
    }


def test_demo_content_is_idempotent(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo_content")
    first = snapshot()
    call_command("load_demo_content")

    assert snapshot() == first
    assert "nothing to do" in capsys.readouterr().out


def test_demo_site_root_is_the_home_page(client):
    call_command("load_demo_content")

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert client.get("/", headers={"host": site.hostname}).status_code == 200


def test_demo_editor_login_is_printed_in_demo_mode_only(settings, capsys):
    settings.DEBUG = False
    call_command("load_demo_content")
    assert "editor@example.com" not in capsys.readouterr().out
    assert not get_user_model().objects.filter(email="editor@example.com").exists()

    settings.DEBUG = True
    call_command("load_demo_content")
    assert (
        "Demo editor login (DEBUG only): editor@example.com" in capsys.readouterr().out
    )


def test_demo_site_address_follows_base_url(client, settings, capsys):
    settings.BASE_URL = "http://127.0.0.1:8100"
    call_command("load_demo_content")
    host = {"host": "127.0.0.1:8100"}

    page = client.get("/about/", headers=host).content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8100/about/">' in page
    assert '<meta property="og:url" content="http://127.0.0.1:8100/about/">' in page
    sitemap = client.get("/sitemap.xml", headers=host).content.decode()
    assert "<loc>http://127.0.0.1:8100/about/</loc>" in sitemap
    robots = client.get("/robots.txt", headers=host).content.decode()
    assert "Sitemap: http://127.0.0.1:8100/sitemap.xml" in robots
    api = client.get(
        "/api/content/v1/pages/by-path/", {"path": "/about/"}, headers=host
    ).json()
    assert api["url"] == "http://127.0.0.1:8100/about/"

    # An existing site moves with BASE_URL, once.
    settings.BASE_URL = "https://example.com"
    call_command("load_demo_content")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "example.com",
        443,
        "https://example.com",
    )
    capsys.readouterr()
    call_command("load_demo_content")
    assert "nothing to do" in capsys.readouterr().out


@pytest.fixture
def answering_site(settings):
    """A local HTTP server standing in for the web process, at BASE_URL."""
    import http.server
    import threading

    class Answer(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)  # the HTTPS redirect, say: an answer all the same
            self.send_header("Location", "https://example.com/")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.BASE_URL = f"http://127.0.0.1:{server.server_port}"
    yield settings.BASE_URL
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("debug", [True, False])
def test_the_login_is_printed_again_once_the_site_answers(
    answering_site, settings, capsys, debug
):
    settings.DEBUG = debug

    call_command("demo_login", wait=10)

    out = capsys.readouterr().out
    assert f"The site is up: {answering_site}/  admin: {answering_site}/admin/" in out
    assert ("editor@example.com / demo-editor-password" in out) is debug


def test_no_login_is_printed_while_the_site_does_not_answer(settings, capsys):
    from tests.ops.processes import free_port

    settings.DEBUG = True
    settings.BASE_URL = f"http://127.0.0.1:{free_port()}"

    call_command("demo_login", wait=1)

    captured = capsys.readouterr()
    assert "editor@example.com" not in captured.out
    assert "did not answer in 1s" in captured.err
