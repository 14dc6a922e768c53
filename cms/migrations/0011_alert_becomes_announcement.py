"""The site settings' alert banner becomes an announcement in the default locale
(site settings cannot be translated; announcements can), then its fields go. An
enabled alert becomes a live announcement, a disabled one with a message a draft:
no text is lost."""

import uuid

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext, override
from wagtail.coreutils import get_supported_content_language_variant


def alerts_to_announcements(apps, schema_editor):
    SiteSettings = apps.get_model("cms", "SiteSettings")
    Announcement = apps.get_model("cms", "Announcement")
    Locale = apps.get_model("wagtailcore", "Locale")
    alerts = SiteSettings.objects.exclude(alert_message="").order_by("pk")
    if not alerts.exists():
        return
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    # The alert had no headline: the banner's own name, in the default language.
    with override(settings.LANGUAGE_CODE):
        title = gettext("Announcement")
    now = timezone.now()
    for alert in alerts:
        live = alert.alert_enabled
        Announcement.objects.create(
            translation_key=uuid.uuid4(),
            locale=locale,
            title=title,
            # The alert was plain text: escaped, it shows as it did.
            message=f"<p>{escape(alert.alert_message)}</p>",
            link_url=alert.alert_url,
            live=live,
            has_unpublished_changes=not live,
            first_published_at=now if live else None,
            last_published_at=now if live else None,
        )


class Migration(migrations.Migration):
    dependencies = [("cms", "0010_remove_articlepage_authors")]

    operations = [
        migrations.RunPython(alerts_to_announcements, migrations.RunPython.noop),
        migrations.RemoveField(model_name="sitesettings", name="alert_enabled"),
        migrations.RemoveField(model_name="sitesettings", name="alert_message"),
        migrations.RemoveField(model_name="sitesettings", name="alert_url"),
    ]
