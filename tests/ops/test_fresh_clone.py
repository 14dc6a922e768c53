"""A fresh clone's first `make run`: the Makefile's own commands (read from `make -n`,
then run) set up an empty database with two languages and the database cache, as a
developer without Redis gets, and the demo content loads twice (the second time
changes nothing). The Procfile's release step keeps the same order."""

import shutil
import sqlite3
import subprocess

import pytest

from tests.ops.processes import PROJECT_DIR, clean_environment
from tests.ops.test_procfile import procfile

# Rows the demo content makes; a second load must not add any.
TABLES = ("wagtailcore_page", "wagtailcore_revision", "events_event", "accounts_user")

pytestmark = pytest.mark.subprocess


def make_setup_commands() -> list[str]:
    """Return the shell lines `make run` sets the database up with (`make -n demo`)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        ["make", "-n", "demo"],
        cwd=PROJECT_DIR,
        env=clean_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if "manage.py" in line]


def management_command(line: str) -> str:
    return line.split("manage.py", 1)[1].split()[0]


def run(line: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - the Makefile's own line
        ["sh", "-c", line],  # noqa: S607
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
    return result


def row_counts(database) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in TABLES
        }


def test_the_cache_table_is_made_before_migrate_here_and_on_release():
    setup = [management_command(line) for line in make_setup_commands()]
    release = procfile()["release"]

    assert setup == ["createcachetable", "migrate", "load_demo_content"]
    assert release.index("createcachetable") < release.index("migrate")


def test_a_fresh_clone_sets_up_two_languages_on_the_database_cache(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    # No CACHE_URL nor REDIS_URL: the database cache, as without Redis.
    env = clean_environment(
        DATABASE_URL=f"sqlite:///{database}", MEDIA_ROOT=str(tmp_path / "media")
    )
    commands = make_setup_commands()
    assert "LANGUAGES=en,de" in commands[0]

    for line in commands:
        run(line, env)
    loaded = row_counts(database)
    again = run(commands[-1], env)

    assert "nothing to do" in again.stdout
    assert row_counts(database) == loaded
    assert loaded["events_event"] > 0
    with sqlite3.connect(database) as connection:
        locales = connection.execute("SELECT language_code FROM wagtailcore_locale")
        assert sorted(code for (code,) in locales) == ["de", "en"]
