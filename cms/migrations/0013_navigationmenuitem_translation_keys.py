"""Each menu item takes its menu's locale; the items of a menu and of its
translations share translation keys by position, so the translations stay linked
for wagtail-localize."""

import uuid
from collections import defaultdict

from django.db import migrations


def link_items(apps, schema_editor):
    NavigationMenu = apps.get_model("cms", "NavigationMenu")
    NavigationMenuItem = apps.get_model("cms", "NavigationMenuItem")
    menus_by_key = defaultdict(list)
    for menu in NavigationMenu.objects.order_by("pk"):
        menus_by_key[menu.translation_key].append(menu)
    for menus in menus_by_key.values():
        keys = defaultdict(uuid.uuid4)  # position -> a key shared by translations
        for menu in menus:
            items = NavigationMenuItem.objects.filter(menu=menu).order_by(
                "sort_order", "pk"
            )
            for position, item in enumerate(items):
                item.locale_id = menu.locale_id
                item.translation_key = keys[position]
                item.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [("cms", "0012_navigationmenuitem_locale")]

    operations = [migrations.RunPython(link_items, migrations.RunPython.noop)]
