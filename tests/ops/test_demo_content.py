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
