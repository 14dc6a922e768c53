"""Every /api/v1/ operation is documented with examples of what it takes and gives."""

import pytest

pytestmark = pytest.mark.django_db


def has_examples(content: dict) -> bool:
    return any("examples" in media or "example" in media for media in content.values())


def test_every_operation_with_a_body_shows_an_example(client):
    document = client.get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    ).json()
    missing = []
    for path, item in document["paths"].items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in item.items():
            bodies = []
            if "requestBody" in operation:
                bodies.append(operation["requestBody"]["content"])
            for status, response in operation["responses"].items():
                if status.startswith("2") and "content" in response:
                    bodies.append(response["content"])
            if bodies and not any(has_examples(body) for body in bodies):
                missing.append(f"{method.upper()} {path}")

    assert missing == []
