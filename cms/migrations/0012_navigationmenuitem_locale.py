# Menu items become translatable (TranslatableMixin), in three steps: the fields
# nullable, their values, then the constraints (PostgreSQL refuses to alter a table
# with pending trigger events in the transaction that updated it).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0011_alert_becomes_announcement"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="navigationmenuitem",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="navigationmenuitem",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
    ]
