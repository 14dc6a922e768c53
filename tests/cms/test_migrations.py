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
