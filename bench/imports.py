"""Measure what Wagtail's v3 API and django-ninja cost in resident memory.

The project mounts neither, but Wagtail 8 imports its v3 API (django-ninja, pydantic)
from the ready() of several of its own apps (images, documents, snippets, locales,
redirects). `python -m bench.imports` loads the project as the web process does
(settings, apps, URLs) twice in fresh processes, once as it is and once with those
modules replaced by inert stubs, and prints JSON with both RSS figures in MiB. The
stubs exist only in that measuring process.
"""

import gc
import importlib.abc
import importlib.machinery
import re
import subprocess
import sys
import types
from pathlib import Path

from bench.protocol import parse_result, print_result

STUBBED = re.compile(r"^(ninja|wagtail(\.\w+)*\.api\.v3)(\.|$)")


def read_rss_mib(status_file: Path, field: str = "VmRSS") -> float | None:
    """Return a memory field of a /proc/<pid>/status file in MiB (None if absent)."""
    for line in status_file.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return None


def rss_mib() -> float | None:
    gc.collect()
    return read_rss_mib(Path("/proc/self/status"))


class _Inert:
    """Anything: callable, subscriptable, usable as a decorator or a base class."""

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return args[0] if len(args) == 1 and callable(args[0]) else _Inert()

    def __getattr__(self, name):
        return _Inert()

    def __mro_entries__(self, bases):
        return (object,)


class _StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Inert()


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path, target=None):
        if STUBBED.match(fullname):
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = _StubModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


def load_project(*, stub_v3: bool) -> dict:
    if stub_v3:
        sys.meta_path.insert(0, _StubFinder())
    import django
    from django.urls import get_resolver

    django.setup()
    get_resolver().url_patterns  # noqa: B018 - the web process loads its URLs too
    return {
        "rss_mib": rss_mib(),
        "loaded": sorted(
            name
            for name in ("ninja", "pydantic", "pydantic_core")
            if not isinstance(sys.modules.get(name, _Inert), _StubModule | type)
        ),
    }


def _child(*args: str) -> dict:
    completed = subprocess.run(
        [sys.executable, "-m", "bench.imports", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return parse_result(completed.stdout)


def measure() -> dict:
    """Return the RSS of the loaded project with and without Wagtail's v3 API."""
    full = _child("--project")
    without = _child("--project-without-v3")
    return {
        "project_mib": full["rss_mib"],
        "project_without_v3_mib": without["rss_mib"],
        "v3_and_ninja_cost_mib": full["rss_mib"] - without["rss_mib"],
        "loaded_by_project": full["loaded"],
        "loaded_without_v3": without["loaded"],
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--project"]:
        result = load_project(stub_v3=False)
    elif argv[:1] == ["--project-without-v3"]:
        result = load_project(stub_v3=True)
    else:
        result = measure()
    print_result(result)


if __name__ == "__main__":
    main(sys.argv[1:])
