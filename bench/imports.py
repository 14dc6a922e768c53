"""Measure what Wagtail's v3 API and django-ninja would cost in resident memory.

The project mounts neither, but Wagtail 8 imports its v3 API (django-ninja, pydantic
schemas) from the ready() of several of its own apps (images, documents, snippets,
locales, redirects); config/wagtail_apps.py keeps those imports out. `python -m
bench.imports` loads the project as the web process does (settings, apps, URLs)
twice in fresh processes, once as it is and once with Wagtail's own app configs in
INSTALLED_APPS instead of the project's (the v3 API imported, as before issue 7), and
prints JSON with both RSS figures in MiB.
"""

import gc
import subprocess
import sys
from pathlib import Path

from bench.protocol import parse_result, print_result

WATCHED_MODULES = ("ninja", "pydantic", "pydantic_core")


def read_rss_mib(status_file: Path, field: str = "VmRSS") -> float | None:
    """Return a memory field of a /proc/<pid>/status file in MiB (None if absent)."""
    for line in status_file.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return None


def rss_mib() -> float | None:
    gc.collect()
    return read_rss_mib(Path("/proc/self/status"))


def wagtail_app_configs(installed_apps: list[str]) -> list[str]:
    """Return INSTALLED_APPS with Wagtail's own app configs in place of the
    project's subclasses from config/wagtail_apps.py."""
    from django.utils.module_loading import import_string

    return [
        import_string(entry).name if entry.startswith("config.wagtail_apps.") else entry
        for entry in installed_apps
    ]


def load_project(*, with_v3: bool) -> dict:
    import django
    from django.conf import settings
    from django.urls import get_resolver

    if with_v3:
        settings.INSTALLED_APPS = wagtail_app_configs(settings.INSTALLED_APPS)
    django.setup()
    get_resolver().url_patterns  # noqa: B018 - the web process loads its URLs too
    from config.wagtail_apps import StubModule

    return {
        "rss_mib": rss_mib(),
        "loaded": sorted(name for name in WATCHED_MODULES if name in sys.modules),
        # Should stay empty: config/wagtail_apps.py forgets its stubs.
        "stubs_left": sorted(
            name
            for name, module in sys.modules.items()
            if isinstance(module, StubModule)
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
    """Return the RSS of the loaded project as it is and with Wagtail's v3 API."""
    project = _child("--project")
    with_v3 = _child("--project-with-v3")
    return {
        "project_mib": project["rss_mib"],
        "project_with_v3_mib": with_v3["rss_mib"],
        "v3_and_ninja_cost_mib": with_v3["rss_mib"] - project["rss_mib"],
        "loaded_by_project": project["loaded"],
        "loaded_with_v3": with_v3["loaded"],
        "stubs_left": project["stubs_left"],
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--project"]:
        result = load_project(with_v3=False)
    elif argv[:1] == ["--project-with-v3"]:
        result = load_project(with_v3=True)
    else:
        result = measure()
    print_result(result)


if __name__ == "__main__":
    main(sys.argv[1:])
