"""Wait for the web process to answer, then print the site's address and demo login."""

import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.demo_content import DEMO_EDITOR_EMAIL, DEMO_EDITOR_PASSWORD


class Command(BaseCommand):
    help = (
        "Print the site's address and, in demo mode (DEBUG on), the demo editor's "
        "login once BASE_URL answers: `make run` runs it beside the formation, so the "
        "login is the last thing on screen when the site is up, not lost above the "
        "migrations."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wait",
            type=float,
            default=120,
            help="Seconds to wait for the site to answer (default: 120).",
        )

    def handle(self, *args, wait, **options):
        deadline = time.monotonic() + wait
        while not _answers(settings.BASE_URL + "/"):
            if time.monotonic() > deadline:
                self.stderr.write(f"{settings.BASE_URL}/ did not answer in {wait:g}s")
                return
            time.sleep(0.5)
        lines = [
            f"The site is up: {settings.BASE_URL}/  admin: {settings.BASE_URL}/admin/"
        ]
        if settings.DEBUG:
            lines.append(
                f"Demo editor login (DEBUG only): {DEMO_EDITOR_EMAIL} / "
                f"{DEMO_EDITOR_PASSWORD}"
            )
        self.stdout.write(self.style.WARNING("\n".join(["", *lines, ""])))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to HTTPS, say) is an answer too


def _answers(url: str) -> bool:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=2):
            return True
    except urllib.error.HTTPError:  # any HTTP answer means the web is up
        return True
    except OSError:
        return False
