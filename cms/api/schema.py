"""The content API's part of the OpenAPI document, generated from the code.

StreamField components come from the block library: each block declares the JSON
Schema of its API representation (`api_schema`, beside `get_api_representation` in
cms/blocks/), and Wagtail's own blocks are described here as Wagtail represents them.
Every named block gets a component, and a stream is an array of a discriminated
union on `type` (clients must ignore types they do not know: new blocks appear over
time). Page documents are a union on `type` too, one component per page model.
"""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page, get_page_models

from cms.api import fields
from cms.api.pages import PAGE_FIELDS, SNIPPET_FIELDS
from cms.api.renditions import API_RENDITIONS
from cms.blocks.schema import (
    HTML,
    PREFIX,
    STRING,
    URI,
    array,
    nullable,
    nullable_scalar,
    obj,
    ref,
)

RENDITION = obj(
    {"url": URI, "width": {"type": "integer"}, "height": {"type": "integer"}}
)
# What references become (cms/api/references.py).
BASE_COMPONENTS = {
    "Rendition": RENDITION,
    "Image": obj(
        {
            "id": {"type": "integer"},
            "alt": STRING,
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "focal_point": nullable(
                obj({k: {"type": "integer"} for k in ("x", "y", "width", "height")})
            ),
            "renditions": obj(
                {name: ref("Rendition") for name in API_RENDITIONS},
                required=[],
                additionalProperties=False,
                description="Named sizes in JPEG, WebP and AVIF; a size not generated "
                "yet is absent.",
            ),
        }
    ),
    "PageReference": obj(
        {
            "id": {"type": "integer"},
            "type": STRING,
            "title": STRING,
            "path": STRING,
            "url": URI,
        }
    ),
    "Document": obj(
        {
            "id": {"type": "integer"},
            "title": STRING,
            "url": URI,
            "size": nullable_scalar("integer"),
            "extension": STRING,
        }
    ),
}
# Wagtail's own field blocks, as their representation (get_prep_value) gives them.
SCALARS = [
    (blocks.BooleanBlock, {"type": "boolean"}),
    (blocks.IntegerBlock, {"type": "integer"}),
    (blocks.FloatBlock, {"type": "number"}),
    (blocks.DateTimeBlock, {"type": "string", "format": "date-time"}),
    (blocks.DateBlock, {"type": "string", "format": "date"}),
    (blocks.TimeBlock, {"type": "string", "format": "time"}),
    (blocks.URLBlock, {"type": "string"}),
    (blocks.CharBlock | blocks.TextBlock | blocks.EmailBlock, {"type": "string"}),
]


class SchemaBuilder:
    """Accumulate components while describing blocks and model fields."""

    def __init__(self):
        self.components: dict[str, dict] = dict(BASE_COMPONENTS)

    # Blocks -------------------------------------------------------------------------

    def block(self, block, name_hint: str | None = None) -> dict:
        """Return the schema of a block's API representation: the one it declares,
        or that of Wagtail's own block. Streams and objects become components."""
        if not isinstance(block, blocks.StreamBlock | blocks.StructBlock):
            return self._declared(block, name_hint)
        name = self._component_name(block, name_hint)
        if name not in self.components:
            self.components[name] = {}  # reserve first: blocks can nest themselves
            schema = self._declared(block, name)
            if schema.get("type") not in ("object", "array"):
                del self.components[name]
                return schema
            description = getattr(block.meta, "description", None)
            if description and isinstance(block, blocks.StructBlock):
                schema = {"description": str(description), **schema}
            self.components[name] = schema
        return ref(name)

    def _declared(self, block, name: str | None) -> dict:
        if hasattr(block, "api_schema"):
            return block.api_schema(self)
        if isinstance(block, blocks.StreamBlock):
            return self.stream(block, name=name)
        if isinstance(block, blocks.ListBlock):
            return array(self.block(block.child_block, name))
        if isinstance(block, blocks.StructBlock):
            return obj(
                {
                    child_name: self.block(child, f"{name}_{child_name}")
                    for child_name, child in block.child_blocks.items()
                }
            )
        if isinstance(block, blocks.ChoiceBlock):
            values = [str(value) for value, _label in block.field.choices if value]
            if block.required:
                return {"type": "string", "enum": values}
            return {"type": ["string", "null"], "enum": [*values, None]}
        for kind, schema in SCALARS:
            if isinstance(block, kind):
                return schema if block.required else _or_null(schema)
        raise TypeError(
            f"{type(block).__name__} has no api_schema(): declare the JSON Schema of "
            "its get_api_representation() beside it."
        )

    def stream(self, block, *, name: str | None = None, exclude=()) -> dict:
        """Return the schema of a stream: an array of `{type, id, value}` items."""
        name = name or type(block).__name__
        mapping = {}
        variants = []
        for child_name, child in block.child_blocks.items():
            if child_name in exclude:
                continue
            item_name = f"{name}_{child_name}"
            self.components[item_name] = obj(
                {
                    "type": {"type": "string", "const": child_name},
                    "id": nullable_scalar("string"),
                    "value": self.block(child, item_name + "_value"),
                }
            )
            mapping[child_name] = PREFIX + item_name
            variants.append(ref(item_name))
        return {
            "type": "array",
            "description": "Blocks in order. Ignore a `type` you do not know.",
            "items": {
                "oneOf": variants,
                "discriminator": {"propertyName": "type", "mapping": mapping},
            },
        }

    @staticmethod
    def _component_name(block, name_hint: str | None) -> str:
        cls = type(block)
        generic = cls in (blocks.StructBlock, blocks.StreamBlock)
        return (name_hint or block.name) if generic else cls.__name__

    # Model fields -------------------------------------------------------------------

    def field(self, model, name: str) -> dict:
        if inline := fields.chosen_by_inline(model, name):
            relation, chooser = inline
            row_model = model._meta.get_field(relation).related_model
            chosen = row_model._meta.get_field(chooser).related_model
            return {"type": "array", "items": self.snippet(chosen)}
        field = model._meta.get_field(name)
        hint = f"{model.__name__}_{name}"
        if isinstance(field, StreamField):
            return self.block(field.stream_block, hint)
        if isinstance(field, RichTextField):
            return HTML
        if isinstance(field, models.ForeignKey):
            target = field.related_model
            if issubclass(target, AbstractImage):
                return nullable(ref("Image"))
            if issubclass(target, AbstractDocument):
                return nullable(ref("Document"))
            if issubclass(target, Page):
                return nullable(ref("PageReference"))
            return nullable(self.snippet(target))
        if isinstance(field, ParentalManyToManyField):
            return {"type": "array", "items": self.snippet(field.related_model)}
        if isinstance(field, ClusterTaggableManager):
            return {"type": "array", "items": STRING}
        if isinstance(field, models.BooleanField):
            return {"type": "boolean"}
        if isinstance(field, models.IntegerField):
            return nullable_scalar("integer")
        if isinstance(field, models.DateTimeField):
            return nullable_scalar("string", format="date-time")
        if isinstance(field, models.DateField):
            return nullable_scalar("string", format="date")
        return nullable_scalar("string")

    def snippet(self, model) -> dict:
        name = model.__name__
        if name not in self.components:
            self.components[name] = {}
            names = SNIPPET_FIELDS.get(model._meta.label_lower, [])
            self.components[name] = obj(
                {
                    "id": {"type": "integer"},
                    "type": {"type": "string", "const": model._meta.label_lower},
                    **{n: self.field(model, n) for n in names},
                }
            )
        return ref(name)

    def page(self, model) -> dict:
        name = "GenericPageDocument" if model is Page else f"{model.__name__}Document"
        label = model._meta.label_lower
        names = [n for n in PAGE_FIELDS.get(label, []) if _has_field(model, n)]
        self.components[name] = obj(
            {
                "id": {"type": "integer"},
                "type": {"type": "string", "const": label},
                "title": STRING,
                "slug": STRING,
                "path": STRING,
                "url": {"type": "string", "format": "uri"},
                "seo": ref("Seo"),
                "first_published_at": nullable_scalar("string", format="date-time"),
                "last_published_at": nullable_scalar("string", format="date-time"),
                "fields": obj({n: self.field(model, n) for n in names}),
            }
        )
        return ref(name)


def _or_null(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


def _has_field(model, name: str) -> bool:
    if fields.chosen_by_inline(model, name):
        return True
    try:
        model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist and friends
        return False
    return True


def content_components() -> tuple[dict, dict]:
    """Return (components, response schema per operation id) for the content API."""
    builder = SchemaBuilder()
    builder.components["Seo"] = obj(
        {
            "title": STRING,
            "description": STRING,
            "canonical_url": {"type": "string", "format": "uri"},
            "social_image": nullable(ref("Image")),
            "noindex": {"type": "boolean"},
        }
    )
    page_models = [Page, *get_page_models()]
    variants = {
        m._meta.label_lower: builder.page(m) for m in dict.fromkeys(page_models)
    }
    builder.components["PageDocument"] = {
        "oneOf": list(variants.values()),
        "discriminator": {
            "propertyName": "type",
            "mapping": {label: r["$ref"] for label, r in variants.items()},
        },
    }
    builder.components["PageCard"] = obj(
        {
            "id": {"type": "integer"},
            "type": STRING,
            "title": STRING,
            "teaser": STRING,
            "path": STRING,
            "url": {"type": "string", "format": "uri"},
            "date": nullable_scalar("string"),
            "image": nullable(ref("Image")),
        }
    )
    builder.components["PageCardList"] = obj(
        {
            "count": {"type": "integer"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
            "results": {"type": "array", "items": ref("PageCard")},
        }
    )
    builder.components["MenuLink"] = obj(
        {
            "label": STRING,
            "url": STRING,
            "page": ref("PageReference"),
            "document": ref("Document"),
        },
        required=["label", "url"],
    )
    builder.components["Navigation"] = obj(
        {
            "main": {"type": "array", "items": ref("MenuLink")},
            "footer": {"type": "array", "items": ref("MenuLink")},
        }
    )
    from cms.models import ContentSlot, SiteSettings

    builder.components["SiteDocument"] = obj(
        {
            "name": STRING,
            "root_url": STRING,
            "organisation_name": STRING,
            "logo": nullable(ref("Image")),
            "default_social_image": nullable(ref("Image")),
            "social_links": builder.field(SiteSettings, "social_links"),
            "contact_email": STRING,
            "contact_phone": STRING,
            "address": STRING,
            "analytics_id": STRING,
            "alert": nullable(obj({"message": STRING, "url": STRING})),
        }
    )
    html = HTML
    builder.components["AnnouncementList"] = obj(
        {
            "results": {
                "type": "array",
                "items": obj(
                    {
                        "id": {"type": "integer"},
                        "title": STRING,
                        "message": html,
                        "link": nullable_scalar("string"),
                        "starts_at": nullable_scalar("string", format="date-time"),
                        "ends_at": nullable_scalar("string", format="date-time"),
                    }
                ),
            }
        }
    )
    builder.components["FAQList"] = obj(
        {
            "results": {
                "type": "array",
                "items": obj(
                    {
                        "id": {"type": "integer"},
                        "question": STRING,
                        "answer": html,
                        "topic": STRING,
                    }
                ),
            }
        }
    )
    builder.components["ContentSlotDocument"] = obj(
        {
            "key": STRING,
            "title": STRING,
            "body": builder.field(ContentSlot, "body"),
            "last_published_at": nullable_scalar("string", format="date-time"),
        }
    )
    changed_page = obj(
        {
            "id": {"type": "integer"},
            "type": STRING,
            "path": STRING,
            "last_published_at": nullable_scalar("string", format="date-time"),
        }
    )
    snippet_ref = obj({"type": STRING, "id": {"type": "integer"}})
    builder.components["Changes"] = obj(
        {
            "since": STRING,
            "until": {
                "type": "string",
                "description": "Pass this as `since` next time.",
            },
            "pages": obj(
                {
                    "changed": {"type": "array", "items": changed_page},
                    "removed": {"type": "array", "items": {"type": "integer"}},
                }
            ),
            "snippets": obj(
                {
                    "changed": {"type": "array", "items": snippet_ref},
                    "removed": {"type": "array", "items": snippet_ref},
                }
            ),
        }
    )
    responses = {
        "content_page_list": "PageCardList",
        "content_page_by_path": "PageDocument",
        "content_page_detail": "PageDocument",
        "content_navigation": "Navigation",
        "content_site": "SiteDocument",
        "content_announcements": "AnnouncementList",
        "content_faqs": "FAQList",
        "content_slot": "ContentSlotDocument",
        "content_search": "PageCardList",
        "content_changes": "Changes",
        "content_preview": "PageDocument",
    }
    return builder.components, responses


def add_content_schemas(result, generator, request, public):
    """drf-spectacular postprocessing hook: typed responses for the content API."""
    components, responses = content_components()
    result.setdefault("components", {}).setdefault("schemas", {}).update(components)
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            name = responses.get(operation.get("operationId"))
            if name is None:
                continue
            operation["responses"]["200"] = {
                "description": "OK",
                "content": {"application/json": {"schema": ref(name)}},
            }
    return result
