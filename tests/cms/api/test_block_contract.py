"""The blocks' contract with the apps: what the content API sends for every block type
of the library, and for every demo page, validates against the published OpenAPI
document (docs/openapi.json), whose block components come from the blocks' own
`api_schema`. A block whose JSON drifts from its schema fails here."""

import json
from functools import cache
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator
from wagtail import blocks
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Page

from cms import models as cms_models
from cms.blocks import BodyStreamBlock
from tests.cms.conftest import api_body

pytestmark = pytest.mark.django_db

PUBLISHED = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"
API = "/api/content/v1"
BLOCK_TYPES = sorted(set(BodyStreamBlock().child_blocks) - {"surface_section"})


@cache
def published() -> dict:
    return json.loads(PUBLISHED.read_text())


def violations(schema: dict, instance) -> list[str]:
    """Return how `instance` departs from `schema` (a schema of the published
    document, its `$ref`s resolved against the document's components)."""
    validator = Draft202012Validator(
        {**schema, "components": published()["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}"
        for error in sorted(validator.iter_errors(instance), key=str)
    ]


def component(name: str) -> dict:
    assert name in published()["components"]["schemas"], f"{name} is not published"
    return {"$ref": f"#/components/schemas/{name}"}


def response_schema(path: str) -> dict:
    operation = published()["paths"][path]["get"]
    return operation["responses"]["200"]["content"]["application/json"]["schema"]


def library_blocks(block=None, seen=None):
    """Yield every block of the library (a body and all it nests), once per class."""
    block = block or BodyStreamBlock()
    seen = set() if seen is None else seen
    if type(block) in seen:
        return
    seen.add(type(block))
    yield block
    children = getattr(block, "child_blocks", {})
    if isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    for child in children.values():
        yield from library_blocks(child, seen)


def test_every_block_type_is_a_published_stream_item():
    mapping = published()["components"]["schemas"]["BodyStreamBlock"]["items"]
    assert set(mapping["discriminator"]["mapping"]) == set(BLOCK_TYPES)


def test_blocks_that_shape_their_json_declare_its_schema_beside_it():
    for block in library_blocks():
        shaping = next(
            cls for cls in type(block).__mro__ if "get_api_representation" in vars(cls)
        )
        if shaping.__module__.startswith("cms."):
            assert "api_schema" in vars(shaping), (
                f"{shaping.__name__} represents itself but declares no api_schema()"
            )


@pytest.mark.parametrize("name", BLOCK_TYPES)
def test_every_block_type_sends_what_the_published_document_says(
    name, raw_block_values, home_page, client
):
    block = BodyStreamBlock().child_blocks[name]
    stream = [
        {"type": name, "id": "edited", "value": raw_block_values[name]},
        {
            "type": name,
            "id": "preview",
            "value": block.get_prep_value(block.get_preview_value()),
        },
    ]

    body = api_body(client, home_page, stream)

    assert [item["id"] for item in body] == ["edited", "preview"]
    assert violations(component("BodyStreamBlock"), body) == []


def test_blocks_whose_references_are_gone_still_match(
    raw_block_values, home_page, client
):
    # Every referenced image, document and testimonial deleted, and the linked page
    # unpublished: each reference becomes null, as documented.
    get_image_model().objects.all().delete()
    Document.objects.all().delete()
    cms_models.Testimonial.objects.all().delete()
    linked = home_page.add_child(instance=Page(title="Gone", slug="gone", live=False))
    values = {
        **raw_block_values,
        "call_to_action": {**raw_block_values["call_to_action"], "page": linked.pk},
    }
    stream = [{"type": name, "id": name, "value": values[name]} for name in BLOCK_TYPES]

    body = api_body(client, home_page, stream)

    assert {item["type"] for item in body} == set(BLOCK_TYPES)
    assert violations(component("BodyStreamBlock"), body) == []
    by_type = {item["type"]: item["value"] for item in body}
    assert by_type["image"]["image"] is None
    assert by_type["call_to_action"]["page"] is None
    assert by_type["testimonial"]["testimonial"] is None


def test_every_demo_page_and_the_site_match_the_published_document(client):
    call_command("load_demo_content", verbosity=0)
    pages = Page.objects.live().public().filter(depth__gte=2).specific()
    assert len(pages) >= 10
    seen_types = set()

    for page in pages:
        response = client.get(f"{API}/pages/{page.pk}/")
        assert response.status_code == 200, page.url_path
        document = response.json()
        seen_types |= {item["type"] for item in document["fields"].get("body", [])}
        assert violations(response_schema(f"{API}/pages/{{page_id}}/"), document) == []
    for path in ("site", "navigation"):
        response = client.get(f"{API}/{path}/")
        assert violations(response_schema(f"{API}/{path}/"), response.json()) == []

    # The demo shows every block type, so this covers the whole library too.
    assert seen_types >= set(BLOCK_TYPES)
