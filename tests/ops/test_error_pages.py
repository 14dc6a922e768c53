"""The 500 page renders on its own, even when the database is what failed."""

from django.template.loader import render_to_string


def test_500_page_renders_without_database_or_context():
    # No `db` fixture: any query while rendering would be an error.
    html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert "{%" not in html
