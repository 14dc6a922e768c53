"""OpenAPI document additions: every operation documents its problem+json errors."""

from apps.api.problems import PROBLEM_CONTENT_TYPE

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem details document.",
    "properties": {
        "type": {"type": "string", "example": "urn:problem-type:validation-error"},
        "title": {"type": "string", "example": "Bad Request"},
        "status": {"type": "integer", "example": 400},
        "detail": {"type": "string", "example": "email: Enter a valid email address."},
        "instance": {"type": "string", "example": "/api/v1/accounts/sign-up/"},
        "code": {"type": "string", "example": "validation_error"},
        "errors": {
            "type": "object",
            "description": "Messages per field (validation errors only).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "example": {"email": ["Enter a valid email address."]},
        },
    },
    "required": ["type", "title", "status", "detail", "instance"],
}


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: a Problem schema, used by 4XX and 5XX."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = (
        PROBLEM_SCHEMA
    )
    reference = {
        "content": {
            PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
        }
    }
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "4XX", {"description": "The request was refused.", **reference}
            )
            responses.setdefault(
                "5XX", {"description": "Something failed on our side.", **reference}
            )
    return result
