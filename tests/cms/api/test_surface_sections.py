"""Editors target a surface: website-only sections render in HTML and never reach the
API; apps-only sections reach the API (flattened into the stream) and never render."""

import pytest

from cms.models import StandardPage
from tests.factories import make_site

pytestmark = pytest.mark.django_db


def section(surface, text):
    return (
        "surface_section",
        {"surface": surface, "content": [("rich_text", f"<p>{text}</p>")]},
    )


@pytest.fixture
def page():
    home = make_site()
    page = StandardPage(
        title="Targeted",
        slug="targeted",
        body=[
            ("rich_text", "<p>Everyone sees this.</p>"),
            section("web", "Only the website."),
            section("app", "Only the apps."),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_website_renders_web_sections_and_not_app_sections(client, page):
    html = client.get("/targeted/").content.decode()

    assert "Everyone sees this." in html
    assert "Only the website." in html
    assert "Only the apps." not in html


def test_the_api_flattens_app_sections_and_drops_web_sections(client, page):
    body = client.get(f"/api/content/v1/pages/{page.id}/").json()["fields"]["body"]

    assert [block["type"] for block in body] == ["rich_text", "rich_text"]
    assert [block["value"] for block in body] == [
        "<p>Everyone sees this.</p>",
        "<p>Only the apps.</p>",
    ]
