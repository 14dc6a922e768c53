"""The shared OpenAPI document and its docs page."""

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_document_lists_only_project_apis_with_problem_errors(client):
    response = client.get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )

    assert response.status_code == 200
    document = response.json()
    assert document["components"]["schemas"]["Problem"]["required"] == [
        "type",
        "title",
        "status",
        "detail",
        "instance",
    ]
    assert all(path.startswith("/api/") for path in document["paths"])
    for path_item in document["paths"].values():
        for operation in path_item.values():
            assert (
                "application/problem+json" in operation["responses"]["4XX"]["content"]
            )


def test_api_docs_page_serves_swagger_ui_from_our_own_static_files(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert b"cdn.jsdelivr.net" not in response.content
    assert b"swagger-ui" in response.content
