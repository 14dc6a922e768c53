import pytest
from django.test import Client

from tests.openapi import assert_matches_openapi


@pytest.fixture(autouse=True)
def _responses_match_the_openapi_document(monkeypatch):
    """Every content API response a test receives must match the OpenAPI document."""
    original = Client.request

    def checked(self, **request):
        response = original(self, **request)
        path = request.get("PATH_INFO", "")
        if path.startswith("/api/content/"):
            assert_matches_openapi(response, request["REQUEST_METHOD"], path)
        return response

    monkeypatch.setattr(Client, "request", checked)


def content_queries(captured) -> list[str]:
    """The SQL that reads content: not the database cache backend's own queries
    (they vanish with Redis), nor savepoints."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if "django_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]
