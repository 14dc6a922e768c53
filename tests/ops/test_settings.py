"""Configuration comes from the environment and bad configuration is refused clearly."""

import pytest

from tests.ops.processes import PRODUCTION_ENVIRONMENT, clean_environment, manage

pytestmark = pytest.mark.subprocess


def run_check(**environment):
    return manage("check", env=clean_environment(**environment))


def assert_refused_naming(result, variable):
    assert result.returncode != 0
    lines = [line for line in result.stderr.strip().splitlines() if line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: ")
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_secret_key_is_refused_when_debug_is_off():
    result = run_check(**{**PRODUCTION_ENVIRONMENT, "DJANGO_SECRET_KEY": None})
    assert_refused_naming(result, "DJANGO_SECRET_KEY")


def test_unsafe_secret_key_is_refused_when_debug_is_off():
    result = run_check(**{**PRODUCTION_ENVIRONMENT, "DJANGO_SECRET_KEY": "short-key"})
    assert_refused_naming(result, "DJANGO_SECRET_KEY")


def test_django_insecure_secret_key_is_refused_when_debug_is_off():
    key = "django-insecure-" + "abcdefghij" * 6
    result = run_check(**{**PRODUCTION_ENVIRONMENT, "DJANGO_SECRET_KEY": key})
    assert_refused_naming(result, "DJANGO_SECRET_KEY")


def test_missing_allowed_hosts_is_refused_when_debug_is_off():
    result = run_check(**{**PRODUCTION_ENVIRONMENT, "ALLOWED_HOSTS": None})
    assert_refused_naming(result, "ALLOWED_HOSTS")


def test_missing_base_url_is_refused_when_debug_is_off():
    result = run_check(**{**PRODUCTION_ENVIRONMENT, "BASE_URL": None})
    assert_refused_naming(result, "BASE_URL")


def test_base_url_is_not_derived_from_the_process_port():
    # honcho gives the worker PORT+100: the worker's emails must still link to the
    # address `make run` chose for the web.
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.BASE_URL)",
        env=clean_environment(DEBUG="true", PORT="8200"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8000"


def test_unparseable_boolean_is_refused():
    result = run_check(**{**PRODUCTION_ENVIRONMENT, "DEBUG": "maybe"})
    assert_refused_naming(result, "DEBUG")


def test_unsupported_database_url_is_refused():
    result = run_check(**{**PRODUCTION_ENVIRONMENT, "DATABASE_URL": "nosuchdb://x/y"})
    assert_refused_naming(result, "DATABASE_URL")


def test_unsupported_cache_url_is_refused():
    result = run_check(**{**PRODUCTION_ENVIRONMENT, "CACHE_URL": "memcached://x"})
    assert_refused_naming(result, "CACHE_URL")


def test_debug_mode_needs_no_configuration():
    result = run_check(DEBUG="true")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("preload", [None, "false", "true"])
def test_check_deploy_is_clean_with_production_settings(preload):
    """Not preloading HSTS (the default) is a choice, not an oversight: no warning."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=clean_environment(
            **{**PRODUCTION_ENVIRONMENT, "SECURE_HSTS_PRELOAD": preload}
        ),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_content_languages_are_named_in_the_editors_language():
    # Wagtail names locales from WAGTAIL_CONTENT_LANGUAGES in its admin ("Translate
    # into ...", locale choosers): a German admin says "Deutsch", not "German".
    script = (
        "from django.utils import translation; from wagtail.models import Locale; "
        "translation.activate('de'); "
        "print(Locale(language_code='de').get_display_name(), "
        "Locale(language_code='en').get_display_name(), sep='|')"
    )
    result = manage(
        "shell", "-c", script, env=clean_environment(DEBUG="true", LANGUAGES="en,de")
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "Deutsch|Englisch"
