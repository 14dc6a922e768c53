"""The OpenAPI document: valid, kept as a reviewed snapshot, usable from TypeScript."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.openapi import openapi_document

PROJECT_DIR = Path(__file__).resolve().parents[2]
SNAPSHOT = PROJECT_DIR / "docs" / "openapi.json"
NODE_BIN = PROJECT_DIR / "node_modules" / ".bin"


def current_document() -> str:
    return json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"


def test_document_is_openapi_3_1_with_both_apis():
    document = openapi_document()

    assert document["openapi"].startswith("3.1")
    paths = document["paths"]
    assert any(path.startswith("/api/content/v1/") for path in paths)


def test_document_matches_the_reviewed_snapshot():
    """A change to the API contract shows up in review as a diff of docs/openapi.json.
    Regenerate it with `make openapi`."""
    if os.environ.get("UPDATE_OPENAPI_SNAPSHOT"):
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(current_document())
    assert SNAPSHOT.exists(), "run `make openapi` to create docs/openapi.json"
    assert current_document() == SNAPSHOT.read_text(), (
        "The OpenAPI document changed: review it and run `make openapi`."
    )


@pytest.mark.subprocess
def test_typescript_types_generate_and_a_client_compiles(tmp_path):
    if not (NODE_BIN / "tsc").exists() or not shutil.which("node"):
        pytest.skip(
            "node_modules missing: run `npm ci` (make test does when npm exists)"
        )
    schema = tmp_path / "openapi.json"
    schema.write_text(current_document())
    generated = subprocess.run(
        [NODE_BIN / "openapi-typescript", schema, "--output", tmp_path / "api.ts"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert generated.returncode == 0, generated.stderr
    shutil.copy(PROJECT_DIR / "tests" / "ops" / "typescript" / "client.ts", tmp_path)

    compiled = subprocess.run(
        [
            NODE_BIN / "tsc",
            "--noEmit",
            "--strict",
            "--target",
            "es2022",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
            "--lib",
            "es2022,dom",
            tmp_path / "client.ts",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
