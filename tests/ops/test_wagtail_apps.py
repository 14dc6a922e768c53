"""Wagtail's images, documents, snippets and redirects apps load without the v3 API
and django-ninja (config/wagtail_apps.py), and their admin still works."""

import importlib
import json
import subprocess
import sys
import textwrap

import pytest
import wagtail_factories
from django.apps import apps
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from cms.models import Category
from config import wagtail_apps
from tests.factories import UserFactory
from tests.factories.cms import CategoryFactory, ImageFactory
from tests.ops.processes import PROJECT_DIR, clean_environment


def run_python(code: str) -> dict:
    """Run code in a fresh process with the project's settings (DEBUG on, SQLite, no
    query made) and return the JSON it prints last."""
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=PROJECT_DIR,
        env=clean_environment(DEBUG="true", DJANGO_SETTINGS_MODULE="config.settings"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("label", "name", "config_class"),
    [
        ("wagtailimages", "wagtail.images", wagtail_apps.ImagesAppConfig),
        ("wagtaildocs", "wagtail.documents", wagtail_apps.DocumentsAppConfig),
        ("wagtailsnippets", "wagtail.snippets", wagtail_apps.SnippetsAppConfig),
        (
            "wagtailredirects",
            "wagtail.contrib.redirects",
            wagtail_apps.RedirectsAppConfig,
        ),
    ],
)
def test_wagtail_apps_are_the_projects_configs_under_wagtails_labels(
    label, name, config_class
):
    app_config = apps.get_app_config(label)

    assert type(app_config) is config_class
    assert app_config.name == name
    assert apps.is_installed(name)


def test_this_process_loaded_neither_django_ninja_nor_the_v3_api():
    assert "ninja" not in sys.modules
    assert "wagtail.api.v3.api" not in sys.modules
    assert not [
        name
        for name, module in sys.modules.items()
        if isinstance(module, wagtail_apps.StubModule)
    ]


@pytest.mark.subprocess
def test_project_loads_without_them_and_a_later_import_gets_the_real_modules():
    result = run_python(
        """
        import json, sys
        import django
        django.setup()
        from django.urls import get_resolver
        get_resolver().url_patterns
        from config.wagtail_apps import StubModule
        loaded = [n for n in ("ninja", "wagtail.api.v3.api") if n in sys.modules]
        stubs = [n for n, m in sys.modules.items() if isinstance(m, StubModule)]
        import ninja
        from wagtail.api.v3.api import api
        print(json.dumps({
            "loaded_by_project": loaded,
            "stubs_left": stubs,
            "ninja_file": ninja.__file__,
            "api_class": f"{type(api).__module__}.{type(api).__name__}",
        }))
        """
    )

    assert result["loaded_by_project"] == []
    assert result["stubs_left"] == []
    assert result["ninja_file"].endswith("site-packages/ninja/__init__.py")
    assert result["api_class"] == "ninja.main.NinjaAPI"


@pytest.mark.subprocess
def test_with_wagtails_v3_api_installed_the_apps_register_their_routers():
    result = run_python(
        """
        import json
        import django
        from django.conf import settings
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "wagtail.api.v3"]
        django.setup()
        from wagtail.api.v3.api import api
        print(json.dumps([prefix for prefix, router in api._routers]))
        """
    )

    assert {"/images/", "/documents/", "/snippets/", "/redirects/"} <= set(result)


def test_stubs_are_forgotten_with_the_block():
    import wagtail.images.api

    with wagtail_apps.v3_api_stubbed():
        schemas = importlib.import_module("wagtail.images.api.v3.schemas")

        assert isinstance(schemas, wagtail_apps.StubModule)
        assert vars(wagtail.images.api)["v3"] is sys.modules["wagtail.images.api.v3"]
        assert callable(schemas.build_image_schemas)

    assert "wagtail.images.api.v3" not in sys.modules
    assert "wagtail.images.api.v3.schemas" not in sys.modules
    assert "v3" not in vars(wagtail.images.api)
    assert not [f for f in sys.meta_path if isinstance(f, wagtail_apps.StubFinder)]


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.django_db
def test_images_documents_snippets_and_redirects_admin_views_answer(admin_client):
    image = ImageFactory()
    document = wagtail_factories.DocumentFactory(title="Brochure")
    category = CategoryFactory(name="News")
    redirect = Redirect.objects.create(old_path="/old", redirect_link="/new")

    pages = {
        reverse("wagtailimages:index"): "Images",
        reverse("wagtailimages:edit", args=[image.pk]): image.title,
        reverse("wagtaildocs:index"): "Brochure",
        reverse("wagtaildocs:edit", args=[document.pk]): "Brochure",
        reverse(Category.snippet_viewset.get_url_name("list")): "News",
        reverse(
            Category.snippet_viewset.get_url_name("edit"), args=[category.pk]
        ): "News",
        reverse("wagtailredirects:index"): "/old",
        reverse("wagtailredirects:edit", args=[redirect.pk]): "/old",
    }
    for url, text in pages.items():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
