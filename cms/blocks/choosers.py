"""Chooser blocks that take their objects from the page's preloaded references.

Wagtail's choosers load their objects with one query per block type (and per nested
stream); while a page renders, cms.preload has already loaded all of them in bulk,
so these read from it and query only for an id it did not collect. They deconstruct
as Wagtail's own blocks: migrations and stored data are unchanged."""

from wagtail import blocks
from wagtail.documents import blocks as document_blocks
from wagtail.images import blocks as image_blocks
from wagtail.snippets import blocks as snippet_blocks

from cms import preload
from cms.blocks.stored import stored_id


class PreloadedChooserMixin:
    def bulk_to_python(self, values):
        loaded = preload.current()
        store = loaded.store_for(self.model_class) if loaded is not None else None
        if store is None:
            return super().bulk_to_python(values)
        ids = [stored_id(value) for value in values]
        missing = {ref for ref in ids if ref is not None and ref not in store}
        if missing:
            loaded.fetch(self.model_class, missing)
        if store is loaded.images:
            return [loaded.image(ref) for ref in ids]
        return [store.get(ref) if ref is not None else None for ref in ids]


class PageChooserBlock(PreloadedChooserMixin, blocks.PageChooserBlock):
    canonical_module_path = "wagtail.blocks.PageChooserBlock"


class ImageChooserBlock(PreloadedChooserMixin, image_blocks.ImageChooserBlock):
    canonical_module_path = "wagtail.images.blocks.ImageChooserBlock"


class DocumentChooserBlock(PreloadedChooserMixin, document_blocks.DocumentChooserBlock):
    canonical_module_path = "wagtail.documents.blocks.DocumentChooserBlock"


class SnippetChooserBlock(PreloadedChooserMixin, snippet_blocks.SnippetChooserBlock):
    canonical_module_path = "wagtail.snippets.blocks.SnippetChooserBlock"


class ImageBlock(image_blocks.ImageBlock):
    """Wagtail's ImageBlock (alt text per use) with the preloaded image chooser."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        chooser = ImageChooserBlock(required=required)
        chooser.set_name("image")
        self.child_blocks["image"] = chooser
