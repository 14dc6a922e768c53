"""A second language for the tests that need one: settings, URLs and locales."""

from contextlib import contextmanager

from django.test import override_settings
from django.urls import clear_url_caches
from django.utils import translation
from wagtail.models import Locale

from cms.locales import sync_locales

ENGLISH_AND_GERMAN = [("en", "English"), ("de", "German")]


@contextmanager
def languages(pairs=ENGLISH_AND_GERMAN):
    """Run with these languages configured (the first the default), as the settings
    module would make them from LANGUAGES, and their locales made."""
    with override_settings(
        LANGUAGES=pairs,
        LANGUAGE_CODE=pairs[0][0],
        WAGTAIL_CONTENT_LANGUAGES=pairs,
        WAGTAIL_I18N_ENABLED=len(pairs) > 1,
    ):
        # The resolvers cache their patterns per language: start afresh.
        clear_url_caches()
        sync_locales()
        try:
            yield
        finally:
            clear_url_caches()
            # A request in another language leaves it active in this thread.
            translation.activate(pairs[0][0])
    translation.activate("en")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, language_code: str, *, title: str | None = None, live=True):
    """Return the page's translation (made as an editor's first draft would be),
    published when `live`, with its own title."""
    translated = page.copy_for_translation(
        Locale.objects.get(language_code=language_code)
    )
    translated.title = title or f"{page.title} ({language_code})"
    if live:
        return publish(translated)
    translated.save_revision()
    return translated
