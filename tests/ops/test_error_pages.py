"""The 500 page renders on its own, even when the database is what failed."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation


def test_500_page_renders_without_database_or_context():
    # No `db` fixture: any query while rendering would be an error.
    html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert "{%" not in html


@pytest.mark.parametrize("template", ["500.html", "503.html", "429.html"])
def test_standalone_error_pages_lead_to_the_home_page_in_their_language(template):
    # No `db` fixture either: the link is the URLconf's, not a page's.
    with translation.override("de"):
        html = render_to_string(template)

    assert '<a href="/de/">Zur Startseite</a>' in html
