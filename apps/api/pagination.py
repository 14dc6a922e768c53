"""Limit/offset pagination with a default and a capped maximum page size."""

from django.conf import settings
from rest_framework import pagination


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    # A client asking for more than the cap gets the cap: one request can never
    # make the server load a whole table.
    max_limit = settings.API_MAX_PAGE_SIZE

    def get_paginated_response_schema(self, schema):
        # OpenAPI 3.1 (JSON Schema) has no `nullable`: say "string or null" in types.
        paginated = super().get_paginated_response_schema(schema)
        for name in ("next", "previous"):
            field = paginated["properties"][name]
            field.pop("nullable", None)
            field["type"] = ["string", "null"]
        return paginated
