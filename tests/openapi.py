"""Check API responses against the project's OpenAPI document."""

import json
import re
from functools import cache

from jsonschema import Draft202012Validator


@cache
def openapi_document() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return json.loads(
        json.dumps(SchemaGenerator().get_schema(request=None, public=True))
    )


@cache
def _operations() -> list[tuple[re.Pattern, dict]]:
    compiled = []
    for template, item in openapi_document()["paths"].items():
        pattern = re.sub(
            r"\{[^}]+\}",
            r"[^/]+",
            re.escape(template).replace(r"\{", "{").replace(r"\}", "}"),
        )
        compiled.append((re.compile(f"^{pattern}$"), item))
    return compiled


def response_schema(method: str, path: str, status: int) -> dict | None:
    """Return the schema documented for this response, or None if undocumented."""
    for pattern, item in _operations():
        if pattern.match(path):
            operation = item.get(method.lower())
            if operation is None:
                return None
            responses = operation["responses"]
            documented = (
                responses.get(str(status))
                or responses.get(f"{str(status)[0]}XX")
                or responses.get("default")
            )
            if documented is None:
                return None
            content = documented.get("content", {})
            for media in content.values():
                return media.get("schema")
            return None
    return None


def assert_matches_openapi(response, method: str, path: str) -> None:
    if response.status_code == 304 or not response.content:
        return
    schema = response_schema(method, path, response.status_code)
    assert schema is not None, (
        f"{method} {path} {response.status_code} is not documented"
    )
    validator = Draft202012Validator(
        {**schema, "components": openapi_document()["components"]}
    )
    errors = sorted(validator.iter_errors(json.loads(response.content)), key=str)
    assert not errors, f"{method} {path}: " + "; ".join(
        f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors[:5]
    )
