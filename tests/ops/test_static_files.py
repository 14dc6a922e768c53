"""A static file missing from the build links unhashed instead of breaking the page."""

from django.template import Context, Template


def test_a_missing_static_file_renders_its_unhashed_url_not_an_error(settings):
    settings.DEBUG = False  # the hashed-manifest storage only hashes with DEBUG off
    html = Template("{% load static %}{% static 'css/no-such-file.css' %}").render(
        Context()
    )

    assert html == "/static/css/no-such-file.css"
