"""The demo site in a second language: German pages and menus, made through
wagtail-localize when German is configured, and a second run changes nothing."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.models import Announcement, NavigationMenu
from tests.cms.i18n import languages

pytestmark = pytest.mark.django_db


@pytest.fixture
def load_demo(django_capture_on_commit_callbacks):
    """Run load_demo_content as `make run` does: wagtail-localize publishes the
    translations it makes once the transaction commits."""

    def load() -> str:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo_content", stdout=out)
        return out.getvalue()

    return load


def test_demo_shows_german_pages_menus_banner_and_the_switcher(client, load_demo):
    with languages():
        load_demo()
        home = client.get("/de/")
        about = client.get("/de/about/")
        english = client.get("/about/")

    assert home.status_code == 200
    assert b'<html lang="de"' in home.content
    assert "Websites und Apps, die so hart arbeiten wie Sie" in home.content.decode()
    assert "Über uns" in about.content.decode()
    assert "Dies ist eine Demo-Website" in home.content.decode()
    assert "This is a demo site" in english.content.decode()
    assert "Dies ist eine Demo-Website" not in english.content.decode()
    assert 'href="/de/contact/"' in home.content.decode()
    # Menu labels are translated, and the events app's link overridden, with the
    # menu (wagtail-localize): the English menu keeps its own.
    german_html, english_html = home.content.decode(), english.content.decode()
    assert "Kontakt aufnehmen" in german_html
    assert 'href="http://testserver/de/events/">Veranstaltungen<' in german_html
    assert "Get in touch" in english_html
    assert ">Events<" in english_html
    assert (
        'hreflang="de" href="http://testserver/de/about/"' in english.content.decode()
    )
    assert (
        NavigationMenu.objects.filter(locale__language_code="de", live=True).count()
        == 2
    )


def test_the_demos_german_pages_have_their_body_in_german(client, load_demo):
    """What a visitor reads, the figures' descriptions included: no English left but
    names (the quote's author, the film's title) and the image library's own default
    descriptions (og:image:alt), which Wagtail does not translate."""
    with languages():
        load_demo()
        home = client.get("/de/").content.decode()
        contact = client.get("/de/contact/").content.decode()

    assert "Jedes Projekt beginnt mit einem <b>Gespräch</b>" in home
    assert 'alt="Ein helles Studio mit Schreibtischen an hohen Fenstern"' in home
    assert "Kommende Veranstaltungen" in home
    for english in ("Every project starts", "Support plans", "Upcoming events"):
        assert english not in home
    assert "Erzählen Sie uns von Ihrem Projekt" in contact


def test_a_second_demo_run_translates_nothing_again(load_demo):
    with languages():
        load_demo()
        pages = Page.objects.count()
        announcements = Announcement.objects.count()
        load_demo()

        assert Page.objects.count() == pages
        assert announcements == Announcement.objects.count() == 2


def test_a_one_language_demo_has_no_german(load_demo):
    load_demo()

    assert not Page.objects.filter(locale__language_code="de").exists()
