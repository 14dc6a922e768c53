"""Wagtail's app configs without the v3 API their ready() imports and nothing mounts.

Wagtail 8.0's images, documents, snippets and redirects apps (and wagtail.locales,
which would need a subclass here too if installed) import its v3 API from ready():
`wagtail.api.v3.api`, their own `api.v3` routers and schemas, so django-ninja and the
pydantic models it builds, only to register routers on a NinjaAPI object that serves
requests where "wagtail.api.v3" is installed and its URLs are mounted. The project
does neither (its content API is its own), and those imports cost every process
about 11 MiB of resident memory (bench/imports.py, issue 7).

The subclasses below run Wagtail's own ready() unchanged except that, while it runs,
those modules are inert stubs; afterwards the stubs are forgotten, so whatever imports
the v3 API or django-ninja later gets the real modules (without the routers: serving
the v3 API means installing it). With "wagtail.api.v3" in INSTALLED_APPS they are
Wagtail's app configs as they are.
"""

import contextlib
import importlib.abc
import importlib.machinery
import re
import sys
import types
from collections.abc import Iterator

from django.apps import apps
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

# django-ninja, Wagtail's v3 API and every app's `api.v3` package.
V3_API_MODULES = re.compile(r"^(ninja|wagtail(\.\w+)*\.api\.v3)(\.|$)")


class Inert:
    """Anything: callable, subscriptable, usable as a decorator or a base class."""

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return args[0] if len(args) == 1 and callable(args[0]) else Inert()

    def __getattr__(self, name):
        return Inert()

    def __getitem__(self, key):
        return Inert()

    def __mro_entries__(self, bases):
        return (object,)


class StubModule(types.ModuleType):
    """A module whose every public name is an Inert."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return Inert()


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Import the modules V3_API_MODULES matches as empty StubModule packages."""

    def find_spec(self, fullname, path, target=None):
        if V3_API_MODULES.match(fullname):
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = StubModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


def v3_api_loaded() -> bool:
    """Return whether any module V3_API_MODULES matches is already imported."""
    return any(V3_API_MODULES.match(name) for name in sys.modules)


@contextlib.contextmanager
def v3_api_stubbed() -> Iterator[None]:
    """Import the v3 API and django-ninja as stubs inside the block, and forget the
    stubs when it ends (from sys.modules and from their parent packages)."""
    finder = StubFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        stubs = {
            name: module
            for name, module in sys.modules.items()
            if isinstance(module, StubModule)
        }
        for name, module in stubs.items():
            del sys.modules[name]
            parent, _, child = name.rpartition(".")
            parent_module = sys.modules.get(parent)
            if parent_module is not None and vars(parent_module).get(child) is module:
                delattr(parent_module, child)


class WithoutUnmountedV3API:
    """Run the app config's ready() with the v3 API stubbed unless it is installed.

    Also unchanged when a v3 module is already imported: Wagtail's registration would
    then reach the real API object, and there is no memory left to save.
    """

    def ready(self):
        if apps.is_installed("wagtail.api.v3") or v3_api_loaded():
            super().ready()
            return
        with v3_api_stubbed():
            super().ready()


class ImagesAppConfig(WithoutUnmountedV3API, WagtailImagesAppConfig):
    pass


class DocumentsAppConfig(WithoutUnmountedV3API, WagtailDocsAppConfig):
    pass


class SnippetsAppConfig(WithoutUnmountedV3API, WagtailSnippetsAppConfig):
    pass


class RedirectsAppConfig(WithoutUnmountedV3API, WagtailRedirectsAppConfig):
    pass
