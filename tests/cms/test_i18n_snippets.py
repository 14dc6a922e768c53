"""Locales follow the configured languages; snippets are translatable (each
language its own row, one translation key), and publishing one language of a
snippet never changes another."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Locale

from cms.locales import sync_locales
from cms.models import Announcement, ContentSlot, FrequentlyAskedQuestion
from tests.cms.i18n import languages
from tests.factories import UserFactory
from tests.factories.cms import TestimonialFactory

pytestmark = pytest.mark.django_db


def test_each_configured_language_gets_one_locale_once():
    with languages([("en", "English"), ("de", "German"), ("ar", "Arabic")]):
        first = sync_locales()
        again = sync_locales()

    assert [locale.language_code for locale in first] == ["en", "de", "ar"]
    assert again == first
    assert Locale.objects.filter(language_code="de").count() == 1


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Announcement, {"title": "Closed", "message": "<p>Closed today</p>"}),
        (FrequentlyAskedQuestion, {"question": "Why?", "answer": "<p>So.</p>"}),
        (ContentSlot, {"key": "onboarding", "title": "Welcome"}),
    ],
)
def test_app_content_is_translatable(model, fields):
    with languages():
        english = model.objects.create(**fields)
        german = english.copy_for_translation(Locale.objects.get(language_code="de"))
        german.save()

        assert english.locale.language_code == "en"
        assert german.translation_key == english.translation_key
        assert german.get_translation(english.locale) == english


def test_a_content_slot_key_is_unique_per_language():
    with languages():
        english = ContentSlot.objects.create(key="onboarding", title="Welcome")
        german = english.copy_for_translation(Locale.objects.get(language_code="de"))
        german.save()  # the same key in another language

        with pytest.raises(IntegrityError), transaction.atomic():
            ContentSlot.objects.create(key="onboarding", title="Again")


def test_publishing_a_snippet_in_one_language_never_changes_another():
    with languages():
        english = TestimonialFactory(quote="Great work")
        english.save_revision().publish()
        german = english.copy_for_translation(Locale.objects.get(language_code="de"))
        german.quote = "Tolle Arbeit"
        german.save()
        german.save_revision().publish()
        english.refresh_from_db()
        german.quote = "Sehr gute Arbeit"
        german.save_revision().publish()
        english.refresh_from_db()

    assert english.quote == "Great work"
    assert english.live


def test_editors_can_submit_a_snippet_for_translation(client):
    with languages():
        testimonial = TestimonialFactory()
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=("cms", "testimonial", testimonial.pk),
        )

        assert client.get(url).status_code == 200
