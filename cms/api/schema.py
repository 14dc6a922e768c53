"""The content API's part of the OpenAPI document, generated from the block definitions.

Every block type gets a component, and a stream is an array of a discriminated union
on `type` (clients must ignore types they do not know: new blocks appear over time).
Page documents are a union on `type` too, one component per page model.
"""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.documents.models import AbstractDocument
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.images.models import AbstractImage
from wagtail.models import Page, get_page_models
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.api.pages import PAGE_FIELDS, SNIPPET_FIELDS
from cms.api.renditions import API_RENDITIONS

PREFIX = "#/components/schemas/"
STRING = {"type": "string"}
NULL = {"type": "null"}


def ref(name: str) -> dict:
    return {"$ref": PREFIX + name}


def nullable(schema: dict) -> dict:
    return {"oneOf": [schema, NULL]}


def nullable_scalar(kind: str, **extra) -> dict:
    return {"type": [kind, "null"], **extra}


def obj(properties: dict, *, required: list[str] | None = None, **extra) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        **extra,
    }


RENDITION = obj(
    {
        "url": {"type": "string", "format": "uri"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
    }
)
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
            "url": {"type": "string", "format": "uri"},
        }
    ),
    "Document": obj(
        {
            "id": {"type": "integer"},
            "title": STRING,
            "url": {"type": "string", "format": "uri"},
            "size": nullable_scalar("integer"),
            "extension": STRING,
        }
    ),
}


class SchemaBuilder:
    """Accumulate components while describing blocks and model fields."""

    def __init__(self):
        self.components: dict[str, dict] = dict(BASE_COMPONENTS)

    # Blocks -------------------------------------------------------------------------

    def block(self, block, name_hint: str) -> dict:
        if isinstance(block, blocks.StreamBlock):
            return self.stream(block, name_hint)
        if isinstance(block, blocks.ListBlock):
            return {"type": "array", "items": self.block(block.child_block, name_hint)}
        if isinstance(block, ImageBlock | ImageChooserBlock):
            return nullable(ref("Image"))
        if isinstance(block, blocks.StructBlock):
            return self.struct(block, name_hint)
        if isinstance(block, TypedTableBlock):
            cell = {
                "anyOf": [
                    self.block(child, f"{name_hint}_{name}")
                    for name, child in block.child_blocks.items()
                ]
                + [NULL]
            }
            return obj(
                {
                    "caption": STRING,
                    "columns": {
                        "type": "array",
                        "items": obj({"type": STRING, "heading": STRING}),
                    },
                    "rows": {
                        "type": "array",
                        "items": {"type": "array", "items": cell},
                    },
                }
            )
        if isinstance(block, TableBlock):
            return nullable_scalar("object")
        if isinstance(block, blocks.PageChooserBlock):
            return nullable(ref("PageReference"))
        if isinstance(block, DocumentChooserBlock):
            return nullable(ref("Document"))
        if isinstance(block, SnippetChooserBlock):
            return nullable(self.snippet(block.target_model))
        if isinstance(block, blocks.RichTextBlock):
            return {"type": "string", "contentMediaType": "text/html"}
        if isinstance(block, EmbedBlock):
            return nullable(obj({"url": STRING}))
        if isinstance(block, blocks.StaticBlock):
            return NULL
        return self.scalar_block(block)

    def scalar_block(self, block) -> dict:
        if isinstance(block, blocks.BooleanBlock):
            return nullable_scalar("boolean")
        if isinstance(block, blocks.IntegerBlock):
            return nullable_scalar("integer")
        if isinstance(block, blocks.FloatBlock | blocks.DecimalBlock):
            return nullable_scalar("number")
        if isinstance(block, blocks.DateTimeBlock):
            return nullable_scalar("string", format="date-time")
        if isinstance(block, blocks.DateBlock):
            return nullable_scalar("string", format="date")
        if isinstance(block, blocks.TimeBlock):
            return nullable_scalar("string", format="time")
        if isinstance(block, blocks.MultipleChoiceBlock):
            return {"type": ["array", "null"], "items": STRING}
        return nullable_scalar("string")

    def struct(self, block, name_hint: str) -> dict:
        declared = getattr(block, "api_schema", None)
        if declared is not None:
            return declared
        name = self._component_name(block, name_hint)
        if name not in self.components:
            self.components[name] = {}  # reserve first: blocks can nest themselves
            self.components[name] = obj(
                {
                    child_name: self.block(child, f"{name}_{child_name}")
                    for child_name, child in block.child_blocks.items()
                    if child_name != "surface"
                },
                description=str(getattr(block.meta, "description", "") or ""),
            )
        return ref(name)

    def stream(self, block, name_hint: str) -> dict:
        name = self._component_name(block, name_hint)
        if name not in self.components:
            self.components[name] = {}
            mapping = {}
            variants = []
            for child_name, child in block.child_blocks.items():
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
            self.components[name] = {
                "type": "array",
                "description": "Blocks in order. Ignore a `type` you do not know.",
                "items": {
                    "oneOf": variants,
                    "discriminator": {"propertyName": "type", "mapping": mapping},
                },
            }
        return ref(name)

    @staticmethod
    def _component_name(block, name_hint: str) -> str:
        cls = type(block)
        generic = cls in (blocks.StructBlock, blocks.StreamBlock)
        return name_hint if generic else cls.__name__

    # Model fields -------------------------------------------------------------------

    def field(self, model, name: str) -> dict:
        field = model._meta.get_field(name)
        hint = f"{model.__name__}_{name}"
        if isinstance(field, StreamField):
            return self.block(field.stream_block, hint)
        if isinstance(field, RichTextField):
            return {"type": "string", "contentMediaType": "text/html"}
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


def _has_field(model, name: str) -> bool:
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
    html = {"type": "string", "contentMediaType": "text/html"}
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
