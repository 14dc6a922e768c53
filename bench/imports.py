"""Measure the resident memory of the project once loaded, as the web process loads it.

`python -m bench.imports` loads the settings, the apps and the URLs in a fresh process
and prints JSON with its RSS in MiB and which of the heavier optional libraries got
imported on the way (Wagtail 8's images, documents, snippets and redirects apps import
its v3 API, django-ninja and pydantic from their ready(), though nothing mounts it).
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


def load_project() -> dict:
    import django
    from django.urls import get_resolver

    django.setup()
    get_resolver().url_patterns  # noqa: B018 - the web process loads its URLs too
    return {
        "project_mib": rss_mib(),
        "loaded_by_project": sorted(n for n in WATCHED_MODULES if n in sys.modules),
    }


def measure() -> dict:
    """Return the RSS of the loaded project, measured in a fresh process."""
    completed = subprocess.run(
        [sys.executable, "-m", "bench.imports", "--project"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return parse_result(completed.stdout)


def main(argv: list[str]) -> None:
    print_result(load_project() if argv[:1] == ["--project"] else measure())


if __name__ == "__main__":
    main(sys.argv[1:])
