"""Request body parsers: DRF's JSON parser with a nesting limit."""

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def nesting_depth(value) -> int:
    """Return how deeply lists and objects nest in parsed JSON (iteratively)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    """A body nested deeper than API_JSON_MAX_DEPTH is a 400, not a RecursionError
    in the parser (a 500) or in the code that walks it afterwards."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
        if nesting_depth(data) > settings.API_JSON_MAX_DEPTH:
            raise ParseError(
                f"JSON parse error - nested deeper than {settings.API_JSON_MAX_DEPTH}."
            )
        return data
