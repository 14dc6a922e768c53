"""List endpoints paginate with limit/offset and cap the page size."""

import pytest

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.apps.api.urls")]


def test_lists_are_paginated_with_count_and_links(client):
    UserFactory.create_batch(3)

    body = client.get("/api/users/?limit=2").json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert "offset=2" in body["next"]
    assert body["previous"] is None


def test_page_size_is_capped_whatever_the_client_asks(client, monkeypatch):
    from apps.api.pagination import LimitOffsetPagination

    monkeypatch.setattr(LimitOffsetPagination, "max_limit", 3)
    UserFactory.create_batch(5)

    body = client.get("/api/users/?limit=1000").json()

    assert body["count"] == 5
    assert len(body["results"]) == 3
