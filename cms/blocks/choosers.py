"""Chooser blocks that take their objects from the page's preloaded references.

Wagtail's choosers load their objects with one query per block type (and per nested
stream); while a page renders, cms.preload has already loaded all of them in bulk,
so these read from it and query only for an id it did not collect. They deconstruct
as Wagtail's own blocks: migrations and stored data are unchanged.

The content API resolves references itself, into their JSON (cms/api/references.py):
there, a chooser's value is an instance with only its id loaded, and the block's API
representation is the resolved reference of that id (None if the visitor may not see
it)."""

from wagtail import blocks
from wagtail.documents import blocks as document_blocks
from wagtail.images import blocks as image_blocks
from wagtail.snippets import blocks as snippet_blocks

from cms import preload
from cms.blocks.representation import resolved
from cms.blocks.schema import nullable, ref
from cms.blocks.stored import stored_id


class PreloadedChooserMixin:
    def to_python(self, value):
        if preload.current() is None or isinstance(value, self.model_class):
            return super().to_python(value)
        return self.bulk_to_python([value])[0]

    def bulk_to_python(self, values):
        loaded = preload.current()
        ids = [stored_id(value) for value in values]
        if loaded is not None and loaded.ids_only:
            # Only the id loaded (from_db defers the other fields): instantiating
            # would run field defaults, a query each for an image's collection.
            model = self.model_class
            pk = [model._meta.pk.attname]
            return [
                None
                if ref_id is None
                else model.from_db(model.objects.db, pk, [ref_id])
                for ref_id in ids
            ]
        store = loaded.store_for(self.model_class) if loaded is not None else None
        if store is None:
            return super().bulk_to_python(values)
        missing = {
            ref_id for ref_id in ids if ref_id is not None and ref_id not in store
        }
        if missing:
            loaded.fetch(self.model_class, missing)
        if store is loaded.images:
            return [loaded.image(ref_id) for ref_id in ids]
        return [store.get(ref_id) if ref_id is not None else None for ref_id in ids]


class PageChooserBlock(PreloadedChooserMixin, blocks.PageChooserBlock):
    canonical_module_path = "wagtail.blocks.PageChooserBlock"

    def get_api_representation(self, value, context=None):
        return resolved(context).pages.get(value.pk) if value else None

    def api_schema(self, schema):
        return nullable(ref("PageReference"))


class ImageChooserBlock(PreloadedChooserMixin, image_blocks.ImageChooserBlock):
    canonical_module_path = "wagtail.images.blocks.ImageChooserBlock"

    def get_api_representation(self, value, context=None):
        return resolved(context).images.get(value.pk) if value else None

    def api_schema(self, schema):
        return nullable(ref("Image"))


class DocumentChooserBlock(PreloadedChooserMixin, document_blocks.DocumentChooserBlock):
    canonical_module_path = "wagtail.documents.blocks.DocumentChooserBlock"

    def get_api_representation(self, value, context=None):
        return resolved(context).documents.get(value.pk) if value else None

    def api_schema(self, schema):
        return nullable(ref("Document"))


class SnippetChooserBlock(PreloadedChooserMixin, snippet_blocks.SnippetChooserBlock):
    canonical_module_path = "wagtail.snippets.blocks.SnippetChooserBlock"

    def get_api_representation(self, value, context=None):
        if not value:
            return None
        label = self.model_class._meta.label_lower
        return resolved(context).snippets.get((label, value.pk))

    def api_schema(self, schema):
        return nullable(schema.snippet(self.model_class))


class ImageBlock(image_blocks.ImageBlock):
    """Wagtail's ImageBlock (alt text per use) with the preloaded image chooser."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        chooser = ImageChooserBlock(required=required)
        chooser.set_name("image")
        self.child_blocks["image"] = chooser

    def get_api_representation(self, value, context=None):
        image = resolved(context).images.get(value.pk) if value else None
        if image is None:
            return None
        # The alt text of this use, or the image's own; none if it is decorative.
        alt = "" if value.decorative else (value.contextual_alt_text or image["alt"])
        return {**image, "alt": alt}

    def api_schema(self, schema):
        return nullable(ref("Image"))
