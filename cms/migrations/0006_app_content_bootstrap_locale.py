"""Step 2 of Wagtail's three for making existing snippets translatable: give every
announcement, FAQ and content slot a translation key and the default locale."""

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import bootstrap_translatable_model

MODELS = ("Announcement", "FrequentlyAskedQuestion", "ContentSlot")


def bootstrap(apps, schema_editor):
    # The default locale may be missing when the site's default language changed
    # since Wagtail made its first locale: made here rather than failing.
    locale, _ = apps.get_model("wagtailcore", "Locale").objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    for name in MODELS:
        bootstrap_translatable_model(apps.get_model("cms", name), locale)


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_app_content_translatable_fields")]

    operations = [migrations.RunPython(bootstrap, migrations.RunPython.noop)]
