"""The JSON Schema vocabulary a block declares its API representation in.

Each block of the library that shapes its own JSON (`get_api_representation`) declares
beside it, in `api_schema(schema)`, the JSON Schema of that JSON; `schema` is the
content API's generator (cms.api.schema.SchemaBuilder), which gives the schema of a
child block (`schema.block(child)`) or of a snippet (`schema.snippet(model)`) and
names the components. The OpenAPI document is OpenAPI 3.1: JSON Schema 2020-12.
"""

PREFIX = "#/components/schemas/"
STRING = {"type": "string"}
INTEGER = {"type": "integer"}
URI = {"type": "string", "format": "uri"}
HTML = {"type": "string", "contentMediaType": "text/html"}
NULL = {"type": "null"}


def ref(name: str) -> dict:
    return {"$ref": PREFIX + name}


def nullable(schema: dict) -> dict:
    return {"oneOf": [schema, NULL]}


def nullable_scalar(kind: str, **extra) -> dict:
    return {"type": [kind, "null"], **extra}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def obj(properties: dict, *, required: list[str] | None = None, **extra) -> dict:
    """Return an object schema; every property is required unless told otherwise."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        **extra,
    }
