"""Browser tests write the README's screenshots only when asked (`make screenshots`)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM

PROJECT_DIR = Path(__file__).resolve().parents[2]
SMOKE_TEST = "tests/e2e/test_smoke.py::test_visitor_sees_the_home_page"


def screenshots_state() -> dict[str, int]:
    return {
        path.name: path.stat().st_mtime_ns
        for path in (PROJECT_DIR / "docs" / "screenshots").glob("*.png")
    }


def test_a_plain_test_run_leaves_the_screenshots_alone():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    if os.environ.get("SCREENSHOTS") == "1":
        pytest.skip("this run (make screenshots) is writing them, as asked")
    before = screenshots_state()
    # On SQLite, so the inner run's test database cannot be this run's.
    unset = {"SCREENSHOTS", "DATABASE_URL", "REDIS_URL", "CACHE_URL"}
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in unset and not k.startswith("PYTEST_XDIST")
    }

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", SMOKE_TEST],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert screenshots_state() == before
    status = subprocess.run(
        ["git", "status", "--porcelain", "docs/screenshots"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""
