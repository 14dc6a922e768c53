"""Routing starts from the site's root page in the request's language: the cached
site answers which one as Wagtail's own `localized` does, without a query."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, TranslatableMixin

from cms.chrome import find_site
from tests.cms.i18n import languages, translate

pytestmark = pytest.mark.django_db

THREE = [("en", "English"), ("de", "German"), ("fr", "French")]


def wagtails_answer(page):
    """Wagtail's `localized`, on the root page as Wagtail loads it."""
    return TranslatableMixin.localized.fget(Page.objects.get(pk=page.pk))


def cached_root(path):
    return find_site(RequestFactory().get(path)).root_page


def test_the_cached_root_page_localizes_as_wagtail_does(
    home_page, django_assert_num_queries
):
    with languages(THREE):
        german = translate(home_page, "de", title="Startseite")
        translate(home_page, "fr", title="Accueil", live=False)  # a draft
        for code, expected in (("en", home_page), ("de", german), ("fr", home_page)):
            with translation.override(code):
                root = cached_root(f"/{code}/")
                with django_assert_num_queries(0):
                    localized = root.localized.specific

                assert localized.pk == wagtails_answer(home_page).pk == expected.pk
                assert type(localized) is type(expected.specific)


def test_an_unpublished_translation_of_the_root_is_not_routed_to(client, home_page):
    with languages():
        german = translate(home_page, "de", title="Startseite")
        assert b"Startseite" in client.get("/de/").content

        german.unpublish()

        assert b"Startseite" not in client.get("/de/").content


def test_a_one_language_site_routes_from_its_root_page(client, home_page):
    with translation.override("en"):
        root = cached_root("/")

    assert root.localized is root
    assert client.get("/").status_code == 200
