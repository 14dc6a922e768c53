"""The shared OpenAPI document and its docs page."""

import re

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


def test_api_docs_page_has_no_inline_style_or_script_for_the_csp_to_block(client):
    page = client.get("/api/docs/").content.decode()

    assert "<style" not in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert "/static/css/swagger" in page
