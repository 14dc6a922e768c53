"""The demo site, built by `load_demo_content`; a second run changes nothing."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from cms.models import HomePage

DEMO_EDITOR_EMAIL = "editor@example.com"
DEMO_EDITOR_PASSWORD = "demo-editor-password"  # noqa: S105 - demo mode (DEBUG) only


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    editor_login: tuple[str, str] | None = None


def _ensure_home_page(report: DemoReport) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration leaves a placeholder "Welcome" page at /home/.
        for placeholder in root.get_children().exact_type(Page):
            if placeholder.slug == "home":
                placeholder.delete()
        home = HomePage(
            title="Home",
            slug="home",
            hero_heading="Websites and apps that work as hard as you do",
            hero_text=(
                "A Wagtail site and Django business apps in one project: content "
                "editors own the pages, the apps read the same content as JSON."
            ),
            body=[
                (
                    "rich_text",
                    "<p>This is demo content. Sign in to the admin to edit it.</p>",
                )
            ],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        report.created.append("home page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
        report.created.append("default site")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()
        report.created.append("default site root")
    return home


def _ensure_demo_editor(report: DemoReport) -> None:
    User = get_user_model()
    editors, _ = Group.objects.get_or_create(name="Editors")
    user = User.objects.filter(email__iexact=DEMO_EDITOR_EMAIL).first()
    if user is None:
        user = User.objects.create_superuser(
            email=DEMO_EDITOR_EMAIL,
            password=DEMO_EDITOR_PASSWORD,
            first_name="Demo",
            last_name="Editor",
        )
        user.groups.add(editors)
        report.created.append("demo editor")
    report.editor_login = (DEMO_EDITOR_EMAIL, DEMO_EDITOR_PASSWORD)


@transaction.atomic
def load_demo_content(*, with_editor: bool) -> DemoReport:
    """Create what the demo site is missing; leave what exists alone."""
    report = DemoReport()
    _ensure_home_page(report)
    if with_editor:
        _ensure_demo_editor(report)
    return report
