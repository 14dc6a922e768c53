"""The home page is the site's root and renders for anonymous visitors."""

import pytest

from cms.models import HomePage

pytestmark = pytest.mark.django_db


def test_home_page_renders_its_hero(client, home_page):
    home_page.hero_heading = "Hello visitors"
    home_page.save_revision().publish()

    response = client.get("/")

    assert response.status_code == 200
    assert b"<h1>Hello visitors</h1>" in response.content
    assert b'<html lang="en" dir="ltr">' in response.content


def test_only_one_home_page_per_parent():
    assert HomePage.max_count_per_parent == 1
