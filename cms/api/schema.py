"""What model fields and StreamFields send, in the OpenAPI document, from the code.

drf-spectacular infers the content API's documents from its serializers
(cms.api.serializers); a `DescribedField` there asks this generator for its schema.
StreamField components come from the block library: each block declares the JSON
Schema of its API representation (`api_schema`, beside `get_api_representation` in
cms/blocks/), and Wagtail's own blocks are described here as Wagtail represents them.
Every named block gets a component, and a stream is an array of a discriminated
union on `type` (clients must ignore types they do not know: new blocks appear over
time).
"""

from django.db import models
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail import blocks
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page, TranslatableMixin

from cms.api import fields
from cms.api.pages import SNIPPET_FIELDS, exposed_fields
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
            "locale": {
                "type": "string",
                "description": "The page's language: a link may lead to a page "
                "in another language, not translated yet.",
            },
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
# A translatable snippet's language and its public versions, as the snippet
# endpoints send them (cms.api.serializers.SnippetLocaleMixin); `SnippetTranslation`
# is the component of their SnippetTranslationSerializer.
SNIPPET_LANGUAGE = {
    "locale": STRING,
    "translations": {
        "type": "object",
        "additionalProperties": ref("SnippetTranslation"),
        "description": "Every language this is public in, by language code, this "
        "one among them; only this one on a one-language site.",
    },
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
        if chooser := fields.chooser_of_rows(model, name):
            # What the rows chose; those not public are left out, never null.
            return {"type": "array", "items": self._reference(chooser.related_model)}
        field = model._meta.get_field(name)
        hint = f"{model.__name__}_{name}"
        if isinstance(field, StreamField):
            return self.block(field.stream_block, hint)
        if isinstance(field, RichTextField):
            return HTML
        if isinstance(field, models.ForeignKey):
            return nullable(self._reference(field.related_model))
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

    def _reference(self, target) -> dict:
        """Return the schema of what a reference to `target` becomes
        (cms/api/references.py)."""
        if issubclass(target, AbstractImage):
            return ref("Image")
        if issubclass(target, AbstractDocument):
            return ref("Document")
        if issubclass(target, Page):
            return ref("PageReference")
        return self.snippet(target)

    def snippet(self, model) -> dict:
        name = model.__name__
        if name not in self.components:
            self.components[name] = {}
            exposed = exposed_fields(model, SNIPPET_FIELDS)
            translatable = issubclass(model, TranslatableMixin)
            self.components[name] = obj(
                {
                    "id": {"type": "integer"},
                    "type": {"type": "string", "const": model._meta.label_lower},
                    **(SNIPPET_LANGUAGE if translatable else {}),
                    **{n: self.field(model, source) for n, source in exposed.items()},
                }
            )
        return ref(name)


def _or_null(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


class DescribedFieldExtension(OpenApiSerializerFieldExtension):
    """drf-spectacular: the schema of a `DescribedField` comes from this generator,
    and the components it named join the document."""

    target_class = "cms.api.serializers.DescribedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        # Imported here: the serializers module imports this one.
        from cms.api.serializers import SnippetTranslationSerializer

        builder = SchemaBuilder()
        schema = self.target.api_schema(builder)
        # The component SNIPPET_LANGUAGE refers to, from its serializer.
        auto_schema.resolve_serializer(SnippetTranslationSerializer, direction)
        for name, component in builder.components.items():
            auto_schema.registry.register_on_missing(
                ResolvedComponent(
                    name=name,
                    type=ResolvedComponent.SCHEMA,
                    object=name,
                    schema=component,
                )
            )
        return schema
