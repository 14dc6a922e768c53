"""Create the demo site's content (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.demo_content import load_demo_content


class Command(BaseCommand):
    help = (
        "Create demo pages, snippets and, in demo mode (DEBUG on), a demo editor. "
        "Running it again changes nothing."
    )

    def handle(self, *args, **options):
        report = load_demo_content(with_editor=settings.DEBUG)
        if report.created:
            self.stdout.write(
                self.style.SUCCESS("Created: " + ", ".join(report.created))
            )
        else:
            self.stdout.write("Demo content already present; nothing to do.")
        if report.editor_login:
            email, password = report.editor_login
            self.stdout.write(
                self.style.WARNING(
                    f"Demo editor login (DEBUG only): {email} / {password} "
                    f"at {settings.BASE_URL}/admin/"
                )
            )
