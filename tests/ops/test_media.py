"""Media on a single machine: the web serves local images with long caching, never
documents from /media/; with S3 it serves no media at all."""

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.factories.cms import ImageFactory
from tests.ops.processes import PRODUCTION_ENVIRONMENT, clean_environment, manage

pytestmark = pytest.mark.django_db


def test_images_and_renditions_are_served_with_long_caching(client):
    image = ImageFactory()
    rendition = image.get_rendition("fill-40x30")

    for url, file in ((image.file.url, image.file), (rendition.url, rendition.file)):
        assert url.startswith("/media/")
        response = client.get(url)

        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("image/")
        assert response["Cache-Control"] == "public, max-age=31536000"
        assert response["X-Content-Type-Options"] == "nosniff"
        with file.open("rb") as stored:
            assert b"".join(response.streaming_content) == stored.read()


def test_documents_are_served_by_wagtail_as_attachments_never_from_media(client):
    document = get_document_model().objects.create(
        title="Report",
        file=ContentFile(b"%PDF-1.4 <script>alert(1)</script>", name="report.pdf"),
    )

    served = client.get(document.url)
    direct = client.get(f"/media/{document.file.name}")

    assert document.url == f"/documents/{document.pk}/report.pdf"
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    # The file is on disk under MEDIA_ROOT, but /media/ does not answer for it:
    # that would skip the collection's privacy and the attachment headers.
    assert direct.status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/media/images/../../etc/passwd", "/media/images/%2e%2e/%2e%2e/etc/passwd"],
)
def test_media_paths_cannot_leave_the_media_folder(client, path):
    assert client.get(path).status_code in {400, 404}


def test_a_missing_image_is_a_404(client):
    assert client.get("/media/images/no-such-file.jpg").status_code == 404


def test_the_image_cannot_be_written_or_deleted(client):
    image = wagtail_factories.ImageFactory()

    assert client.post(image.file.url).status_code == 405
    assert client.delete(image.file.url).status_code == 405


RESOLVE_MEDIA = """
from django.urls import Resolver404, resolve
try:
    view = resolve("/media/images/photo.jpg").func
    print(f"{view.__module__}.{view.__name__}")
except Resolver404:
    print("nothing")
"""


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("bucket", "view"),
    [(None, "config.media.serve_image"), ("site-media", "nothing")],
)
def test_the_web_serves_media_only_without_an_s3_bucket(bucket, view):
    environment = {**PRODUCTION_ENVIRONMENT, "AWS_STORAGE_BUCKET_NAME": bucket}

    result = manage("shell", "-c", RESOLVE_MEDIA, env=clean_environment(**environment))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == view
