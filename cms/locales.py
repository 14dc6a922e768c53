"""One Wagtail locale per configured language (settings.WAGTAIL_CONTENT_LANGUAGES),
made after every `migrate`, so adding a language to LANGUAGES and deploying is all it
takes. A language taken out of LANGUAGES keeps its locale and content: deleting them
is an editor's decision (Settings > Locales), never a deployment's."""

from django.conf import settings
from wagtail.models import Locale


def sync_locales(using: str = "default") -> list[Locale]:
    """Return the configured languages' locales, creating any that are missing."""
    return [
        Locale.objects.using(using).get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]


def sync_locales_after_migrate(sender, using="default", **kwargs) -> None:
    sync_locales(using)
