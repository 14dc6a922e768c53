"""Hostile input gets a 4xx on every path, never a 500 with a traceback."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.factories import EventFactory, UserFactory
from tests.ops.wsgi_client import call

pytestmark = pytest.mark.django_db

NUL_ADDRESSES = [
    "/search/?query=%00abc",
    "/api/content/v1/search/?q=%00abc",
    "/api/content/v1/pages/by-path/?path=/a%00b/",
    "/news\x00/",  # as the web server hands a decoded %00 to the app
    "/search/?query=%ff%fe",  # not UTF-8
    "/a\x01b/",
    "/search/?query=a%1bb",  # a control character
]


@pytest.mark.parametrize("address", NUL_ADDRESSES)
def test_nul_bytes_and_invalid_text_in_the_address_are_a_400(
    wsgi_app, home_page, address
):
    answer = call(wsgi_app, address)

    assert answer.status == 400
    if address.startswith("/api/"):
        assert answer.headers["Content-Type"] == "application/problem+json"
        assert json.loads(answer.body)["status"] == 400
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_ordinary_text_in_the_address_still_passes(wsgi_app, home_page):
    assert call(wsgi_app, "/search/?query=caf%C3%A9+cr%C3%A8me").status == 200
    assert call(wsgi_app, "/api/content/v1/search/?q=na%C3%AFve").status == 200


def deeply_nested(depth: int) -> str:
    return "[" * depth + "]" * depth


ANONYMOUS_JSON_ENDPOINTS = [
    "/api/v1/accounts/sign-up/",
    "/api/v1/accounts/tokens/",
    "/api/v1/accounts/password/reset/",
]


@pytest.mark.parametrize("address", ANONYMOUS_JSON_ENDPOINTS)
def test_json_nested_50000_deep_is_a_400_problem(client, address):
    response = client.post(
        address, deeply_nested(50_000), content_type="application/json"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "nested" in response.json()["detail"]


def test_json_nested_past_the_limit_is_a_400_on_bookings_too(client, settings):
    client.force_login(UserFactory())
    event = EventFactory()
    body = {"event": event.pk, "seats": 1, "extra": json.loads(deeply_nested(40))}

    response = client.post("/api/v1/bookings/", body, content_type="application/json")
    deep = client.post(
        "/api/v1/bookings/", deeply_nested(50_000), content_type="application/json"
    )

    assert response.status_code == deep.status_code == 400
    assert f"deeper than {settings.API_JSON_MAX_DEPTH}" in response.json()["detail"]


@pytest.fixture
def small_caps(settings):
    settings.MAX_UPLOAD_BYTES = 4096
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000


def test_a_document_over_the_upload_cap_is_refused(admin_client, small_caps):
    pdf = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"x" * 10_000)

    response = admin_client.post("/admin/documents/add/", {"title": "Big", "file": pdf})

    assert response.status_code == 200  # the form again, with the error
    assert "too big" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_a_document_under_the_cap_is_stored(admin_client, small_caps):
    pdf = SimpleUploadedFile("small.pdf", b"%PDF-1.4\n" + b"x" * 1000)

    response = admin_client.post(
        "/admin/documents/add/", {"title": "Small", "file": pdf}
    )

    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Small").exists()


def test_a_body_far_over_the_cap_is_refused_before_it_is_read(admin_client, small_caps):
    pdf = SimpleUploadedFile("huge.pdf", b"x" * (1024 * 1024 + 8192))

    response = admin_client.post(
        "/admin/documents/add/", {"title": "Huge", "file": pdf}
    )

    assert response.status_code == 413


def gif(frames: int, size: int) -> SimpleUploadedFile:
    images = [PILImage.new("L", (size, size), n * 20) for n in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:])
    return SimpleUploadedFile("anim.gif", buffer.getvalue(), "image/gif")


def test_an_animated_gif_is_capped_on_the_pixels_of_all_its_frames(
    admin_client, small_caps
):
    # 10 frames of 400x400: 160,000 pixels each, 1.6 million in all.
    response = admin_client.post(
        "/admin/images/add/", {"title": "Anim", "file": gif(10, 400)}
    )

    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_a_gif_within_the_pixel_cap_is_stored(admin_client, small_caps):
    response = admin_client.post(
        "/admin/images/add/", {"title": "Anim", "file": gif(3, 400)}
    )

    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Anim").exists()


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_refused_host_gets_a_400_with_the_security_headers(
    wsgi_app, settings, scheme
):
    settings.SECURE_SSL_REDIRECT = True  # production: plain HTTP is redirected

    answer = call(wsgi_app, "/", host="evil.example", scheme=scheme)

    assert answer.status == 400
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in answer.headers["Content-Security-Policy"]
    assert "camera=()" in answer.headers["Permissions-Policy"]
