"""Limit/offset pagination with a default and a capped maximum page size."""

from django.conf import settings
from rest_framework import pagination


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    # A client asking for more than the cap gets the cap: one request can never
    # make the server load a whole table.
    max_limit = settings.API_MAX_PAGE_SIZE
