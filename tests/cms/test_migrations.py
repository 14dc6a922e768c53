"""Data migrations of the CMS, run forwards from the state before them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Each test database is its own (one per xdist worker): moving its schema back and
# forth is safe.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("cms", "0010_remove_articlepage_authors")
AFTER = ("cms", "0011_alert_becomes_announcement")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.fixture
def before_alerts_moved():
    from wagtail.models import Page

    # A transactional test before this one on the worker may have flushed the tree.
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    apps = migrate(BEFORE)
    yield apps
    migrate(executor_leaf())


def executor_leaf():
    executor = MigrationExecutor(connection)
    return next(key for key in executor.loader.graph.leaf_nodes() if key[0] == "cms")


def make_settings(apps, hostname: str, **alert):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=Page.objects.get(depth=1)
    )
    return apps.get_model("cms", "SiteSettings").objects.create(site=site, **alert)


def test_an_enabled_alert_becomes_a_live_announcement_and_a_disabled_one_a_draft(
    before_alerts_moved,
):
    apps = before_alerts_moved
    make_settings(
        apps,
        "one.example",
        alert_enabled=True,
        alert_message="Closed on 1 May <for> everyone",
        alert_url="https://example.com/may",
    )
    make_settings(apps, "two.example", alert_message="Kept as a draft")
    make_settings(apps, "three.example")

    apps = migrate(AFTER)

    Announcement = apps.get_model("cms", "Announcement")
    live = Announcement.objects.get(live=True)
    assert live.title == "Announcement"
    assert live.message == "<p>Closed on 1 May &lt;for&gt; everyone</p>"
    assert live.link_url == "https://example.com/may"
    assert live.locale.language_code == "en"
    draft = Announcement.objects.get(live=False)
    assert draft.message == "<p>Kept as a draft</p>"
    assert draft.has_unpublished_changes
    assert Announcement.objects.count() == 2


@pytest.fixture
def before_menu_items_translatable():
    apps = migrate(("cms", "0011_alert_becomes_announcement"))
    yield apps
    migrate(executor_leaf())


def test_menu_items_take_their_menus_locale_and_stay_linked_to_their_translations(
    before_menu_items_translatable,
):
    import uuid

    apps = before_menu_items_translatable
    Locale = apps.get_model("wagtailcore", "Locale")
    Menu = apps.get_model("cms", "NavigationMenu")
    english = Locale.objects.get_or_create(language_code="en")[0]
    german = Locale.objects.get_or_create(language_code="de")[0]
    key = uuid.uuid4()
    menus = [
        Menu.objects.create(location="main", locale=locale, translation_key=key)
        for locale in (english, german)
    ]
    Item = apps.get_model("cms", "NavigationMenuItem")
    labels_by_menu = (["Events", "Blog"], ["Termine", "Blog"])
    for menu, labels in zip(menus, labels_by_menu, strict=True):
        for order, label in enumerate(labels):
            Item.objects.create(
                menu=menu, sort_order=order, label=label, link_url="https://a.b/"
            )

    apps = migrate(("cms", "0014_navigationmenuitem_translatable"))

    Item = apps.get_model("cms", "NavigationMenuItem")
    items = {item.label: item for item in Item.objects.all()}
    assert items["Events"].locale_id == english.pk
    assert items["Termine"].locale_id == german.pk
    assert items["Events"].translation_key == items["Termine"].translation_key
    assert items["Events"].translation_key != items["Blog"].translation_key
    assert Item.objects.values("translation_key").distinct().count() == 2
