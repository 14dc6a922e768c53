"""Staff accounts made before every door admitted verified accounts only (with
createsuperuser or in the Wagtail admin, whose makers vouch for the address) are
marked verified, so upgrading does not lock editors out of the admin."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def verify_staff(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(
        Q(is_staff=True) | Q(is_superuser=True), email_verified_at__isnull=True
    ).update(email_verified_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_email_verified_at"),
    ]

    operations = [
        migrations.RunPython(verify_staff, migrations.RunPython.noop),
    ]
