"""Static files: a missing one links unhashed; collected ones are answered in front
of Django (config/fast_path.py) with the headers Django's stack gives them."""

import pytest
from django.template import Context, Template

from tests.ops.wsgi_client import call


def test_a_missing_static_file_renders_its_unhashed_url_not_an_error(settings):
    settings.DEBUG = False  # the hashed-manifest storage only hashes with DEBUG off
    html = Template("{% load static %}{% static 'css/no-such-file.css' %}").render(
        Context()
    )

    assert html == "/static/css/no-such-file.css"


# --- Static files answered in front of Django (config/fast_path.py) ----------------


@pytest.fixture
def static_root(tmp_path, settings):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body { color: black }\n")
    settings.STATIC_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def app(static_root):
    """The WSGI app as config/wsgi.py composes it, built after the test's settings."""
    from django.core.handlers.wsgi import WSGIHandler

    from config.fast_path import FastPath

    return FastPath(WSGIHandler())


PUBLIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def test_a_static_file_over_http_has_the_security_headers_and_no_hsts(app):
    response = call(app, "/static/css/site.css")

    assert response.status == 200
    assert response.body == b"body { color: black }\n"
    assert response.headers["Content-Type"].startswith("text/css")
    for name, value in PUBLIC_HEADERS.items():
        assert response.headers[name] == value
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Request-ID"]
    assert "Strict-Transport-Security" not in response.headers


def test_a_static_file_over_https_has_hsts(app):
    response = call(app, "/static/css/site.css", scheme="https")

    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )
    for name, value in PUBLIC_HEADERS.items():
        assert response.headers[name] == value


def test_hsts_behind_a_proxy_follows_secure_proxy_ssl_header(static_root, settings):
    from django.core.handlers.wsgi import WSGIHandler

    from config.fast_path import FastPath

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    app = FastPath(WSGIHandler())

    proxied = call(app, "/static/css/site.css", headers={"X-Forwarded-Proto": "https"})
    plain = call(app, "/static/css/site.css", headers={"X-Forwarded-Proto": "http"})

    assert "Strict-Transport-Security" in proxied.headers
    assert "Strict-Transport-Security" not in plain.headers


def test_a_static_file_keeps_the_callers_request_id_and_is_logged(app, caplog):
    with caplog.at_level("INFO", logger="access"):
        response = call(
            app, "/static/css/site.css", headers={"X-Request-ID": "router-id-1234"}
        )

    assert response.headers["X-Request-ID"] == "router-id-1234"
    [record] = [r for r in caplog.records if r.name == "access"]
    assert record.getMessage().startswith("GET /static/css/site.css 200 ")
    assert record.request_id == "router-id-1234"


def test_head_and_conditional_requests_are_whitenoises(app):
    head = call(app, "/static/css/site.css", method="HEAD")
    etag = head.headers["ETag"]
    again = call(app, "/static/css/site.css", headers={"If-None-Match": etag})

    assert head.status == 200
    assert head.body == b""
    assert again.status == 304
    assert again.headers["X-Request-ID"]


def test_with_the_https_redirect_on_django_redirects_static_files_too(
    static_root, settings
):
    from django.core.handlers.wsgi import WSGIHandler

    from config.fast_path import FastPath

    settings.SECURE_SSL_REDIRECT = True
    app = FastPath(WSGIHandler())

    response = call(app, "/static/css/site.css")

    assert response.status == 301
    assert response.headers["Location"] == "https://testserver/static/css/site.css"
    assert call(app, "/static/css/site.css", scheme="https").status == 200


@pytest.mark.django_db
def test_an_unknown_static_path_goes_on_to_django(app):
    response = call(app, "/static/css/no-such-file.css")

    assert response.status == 404
    assert response.headers["X-Request-ID"]
