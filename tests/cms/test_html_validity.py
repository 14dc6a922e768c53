"""Every page of the demo site's sitemap, and the app pages, pass the Nu HTML Checker
(npm's vnu-jar, run with Debian's Java) with no errors."""

import json
import os
import shutil
import subprocess  # noqa: S404 - runs the checker we ship in node_modules
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Site

from apps.events.models import Event

pytestmark = pytest.mark.django_db

VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR", settings.BASE_DIR / "node_modules/vnu-jar/build/dist/vnu.jar"
    )
)
APP_PAGES = ["/events/", "/accounts/sign-in/", "/accounts/sign-up/", "/no-such-page/"]


@pytest.fixture
def vnu():
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.skip("Nu HTML Checker needs java and vnu.jar (npm ci)")

    def errors(paths: list[Path]) -> list[str]:
        result = subprocess.run(  # noqa: S603 - fixed arguments, our own files
            [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
            + [str(p) for p in paths],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        messages = json.loads(result.stderr or result.stdout)["messages"]
        return [
            f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
            for m in messages
        ]

    return errors


def test_sitemap_and_app_pages_have_no_html_errors(client, vnu, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_content")
    host = {"host": Site.objects.get(is_default_site=True).hostname}
    sitemap = client.get("/sitemap.xml", headers=host).content
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = [
        "/" + loc.text.split("/", 3)[3]
        for loc in ElementTree.fromstring(sitemap).iterfind(  # noqa: S314 - ours
            "s:url/s:loc", namespace
        )
    ]
    event = Event.objects.order_by("starts_at").first()
    paths += [*APP_PAGES, event.get_absolute_url()]

    files = []
    for number, path in enumerate(paths):
        response = client.get(path, headers=host)
        assert response.status_code in (200, 404), path
        file = tmp_path / f"{number:02d}{path.replace('/', '_')}.html"
        file.write_bytes(response.content)
        files.append(file)

    assert len(paths) >= 14
    assert vnu(files) == []
