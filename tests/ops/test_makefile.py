"""`make run` as a newcomer meets it: one address for every process, no collectstatic
in development. Read from `make -n` (the commands, not run)."""

import shutil
import subprocess

import pytest

from tests.ops.processes import PROJECT_DIR, clean_environment


def make_run_commands(**variables: str) -> list[str]:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    arguments = [f"{name}={value}" for name, value in variables.items()]
    result = subprocess.run(
        ["make", "-n", "run", *arguments],
        cwd=PROJECT_DIR,
        env=clean_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    return [line for line in lines if "manage.py" in line or "honcho" in line]


def test_every_process_gets_the_web_s_address_not_its_own_port():
    commands = make_run_commands(PORT="8100")

    formation = [line for line in commands if "honcho start" in line]
    assert formation, commands
    for line in commands:
        assert "BASE_URL=${BASE_URL:-http://127.0.0.1:8100}" in line, line


def test_development_collects_no_static_files_production_does():
    assert not [line for line in make_run_commands() if "collectstatic" in line]
    assert [
        line for line in make_run_commands(DEBUG="false") if "collectstatic" in line
    ]


def test_the_login_is_printed_again_beside_the_formation():
    commands = make_run_commands()

    assert any(line.endswith("manage.py demo_login &") for line in commands)
