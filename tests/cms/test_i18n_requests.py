"""The request's language (config/languages.py) and the LANGUAGES setting: pages by
their address, the business API by Accept-Language, a one-time redirect of a first
visit to the root, and nothing changed on a one-language site."""

import pytest
from django.test import RequestFactory

from config.languages import first_visit_redirect, request_language
from tests.ops.processes import clean_environment, manage

TWO_LANGUAGES = [("en", "English"), ("de", "German")]


@pytest.fixture
def two_languages(settings):
    settings.LANGUAGES = TWO_LANGUAGES
    settings.LANGUAGE_CODE = "en"
    return settings


def language_of(path, **headers):
    return request_language(RequestFactory().get(path, headers=headers))


def test_one_language_answers_everything_in_it_whatever_the_visitor_prefers():
    assert language_of("/", accept_language="de") == "en"
    assert language_of("/api/v1/events/", accept_language="de") == "en"
    assert (
        first_visit_redirect(
            RequestFactory().get("/", headers={"accept-language": "de"})
        )
        is None
    )


def test_pages_take_their_language_from_the_address_only(two_languages):
    assert language_of("/de/about/", accept_language="en") == "de"
    assert language_of("/about/", accept_language="de") == "en"
    assert language_of("/events/", accept_language="de") == "en"
    # A prefix that is no configured language is an ordinary path.
    assert language_of("/fr/about/", accept_language="de") == "en"


def test_business_api_takes_its_language_from_accept_language(two_languages):
    assert language_of("/api/v1/events/", accept_language="de-AT,en;q=0.5") == "de"
    assert language_of("/api/v1/events/", accept_language="fr") == "en"
    assert language_of("/api/v1/events/") == "en"


def test_admin_and_content_api_are_in_the_default_language(two_languages):
    assert language_of("/admin/", accept_language="de") == "en"
    assert language_of("/api/content/v1/pages/", accept_language="de") == "en"


def test_only_the_root_of_a_first_visit_is_redirected(two_languages):
    factory = RequestFactory()
    german = {"accept-language": "de"}
    assert first_visit_redirect(factory.get("/", headers=german)) == "de"
    assert first_visit_redirect(factory.get("/about/", headers=german)) is None
    assert first_visit_redirect(factory.post("/", headers=german)) is None
    assert (
        first_visit_redirect(factory.get("/", headers={"accept-language": "en"}))
        is None
    )
    returning = factory.get("/", headers=german)
    returning.COOKIES["django_language"] = "en"
    assert first_visit_redirect(returning) is None


@pytest.mark.django_db
def test_first_visit_redirect_varies_is_private_and_sets_the_cookie(
    two_languages, client
):
    response = client.get("/?utm_source=mail", headers={"accept-language": "de"})

    assert response.status_code == 302
    assert response["Location"] == "/de/?utm_source=mail"
    assert "Accept-Language" in response["Vary"]
    assert "private" in response["Cache-Control"]
    assert response.cookies["django_language"].value == "de"
    # The cookie ends it: the visitor who then picks English stays on English.
    assert client.get("/", headers={"accept-language": "de"}).status_code != 302


@pytest.mark.django_db
def test_pages_never_vary_on_accept_language(two_languages, client, home_page):
    response = client.get("/", headers={"accept-language": "en"})

    assert response.status_code == 200
    assert "Accept-Language" not in response.get("Vary", "")
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_one_language_site_adds_no_language_headers(client, home_page):
    response = client.get("/", headers={"accept-language": "de"})

    assert response.status_code == 200
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Content-Language" not in response


def read_languages(**environment):
    return manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.LANGUAGES, s.LANGUAGE_CODE, s.WAGTAIL_I18N_ENABLED)",
        env=clean_environment(DEBUG="true", **environment),
    )


@pytest.mark.subprocess
def test_languages_come_from_the_environment_with_django_names():
    result = read_languages(LANGUAGES="de, en,AR")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "[('de', 'German'), ('en', 'English'), ('ar', 'Arabic')] de True"
    )


@pytest.mark.subprocess
def test_unset_languages_is_english_only_without_wagtail_i18n():
    result = read_languages()

    assert result.stdout.strip().splitlines()[-1] == "[('en', 'English')] en False"


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("environment", "named"),
    [
        ({"LANGUAGES": "en,xx"}, "'xx'"),
        ({"LANGUAGES": "en,zh-cn"}, "zh-hans"),
        ({"LANGUAGES": "en,de,en"}, "twice"),
        ({"LANGUAGES": "en,de", "LANGUAGE_CODE": "de"}, "LANGUAGE_CODE"),
    ],
)
def test_unusable_languages_are_refused_in_one_line(environment, named):
    result = read_languages(**environment)

    assert result.returncode != 0
    lines = [line for line in result.stderr.strip().splitlines() if line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: ")
    assert named in lines[0]


@pytest.mark.django_db(transaction=True)
def test_a_cached_root_still_redirects_a_first_visit_in_another_language(
    two_languages, home_page
):
    from django.core.handlers.wsgi import WSGIHandler

    from config.fast_path import FastPath
    from tests.ops.wsgi_client import call

    two_languages.CMS_PAGE_CACHE_ENABLED = True
    app = FastPath(WSGIHandler())
    call(app, "/")
    assert call(app, "/").headers.get("X-Page-Cache") == "hit"

    first_visit = call(app, "/", headers={"accept-language": "de"})
    chosen_english = call(
        app, "/", headers={"accept-language": "de"}, cookies={"django_language": "en"}
    )

    assert first_visit.status == 302
    assert first_visit.headers["Location"] == "/de/"
    assert chosen_english.headers.get("X-Page-Cache") == "hit"
