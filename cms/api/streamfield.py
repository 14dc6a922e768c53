"""StreamField for API clients: `[{type, id, value}]`, as the blocks represent it.

Two passes, so that reading a page never runs a chooser query per block: `collect`
walks the stored (raw) data for the references (sections for the website only are
skipped: the API serves the apps), which are then loaded in bulk
(cms/api/references.py); `render` asks the blocks for their API representation
(`get_api_representation`, recursively through Wagtail's own blocks), with those
references resolved.
"""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms import preload
from cms.api import richtext
from cms.api.references import References, Resolved
from cms.blocks.stored import list_items, stored_id

WEB_ONLY = "web"


def collect(block, raw, references: References) -> None:
    """Add every reference in `raw` (stored data of `block`) to `references`."""
    if isinstance(block, blocks.StreamBlock):
        for item in raw or []:
            child = block.child_blocks.get(item.get("type"))
            value = item.get("value")
            if child is None:
                continue  # a block type removed from the code: skip its old data
            if getattr(child, "is_surface_section", False) and (
                (value or {}).get("surface") == WEB_ONLY
            ):
                continue
            collect(child, value, references)
    elif isinstance(block, blocks.ListBlock):
        for value in list_items(raw):
            collect(block.child_block, value, references)
    elif isinstance(block, ImageBlock):
        if isinstance(raw, dict) and stored_id(raw.get("image")) is not None:
            references.images.add(stored_id(raw["image"]))
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            collect(child, (raw or {}).get(name), references)
    elif isinstance(block, TypedTableBlock):
        columns = (raw or {}).get("columns", [])
        for row in (raw or {}).get("rows", []):
            for column, value in zip(columns, row.get("values", []), strict=False):
                child = block.child_blocks.get(column.get("type"))
                if child is not None:
                    collect(child, value, references)
    elif isinstance(block, blocks.PageChooserBlock):
        if stored_id(raw) is not None:
            references.pages.add(stored_id(raw))
    elif isinstance(block, ImageChooserBlock):
        if stored_id(raw) is not None:
            references.images.add(stored_id(raw))
    elif isinstance(block, DocumentChooserBlock):
        if stored_id(raw) is not None:
            references.documents.add(stored_id(raw))
    elif isinstance(block, SnippetChooserBlock):
        if stored_id(raw) is not None:
            references.snippets[block.target_model._meta.label_lower].add(
                stored_id(raw)
            )
    elif isinstance(block, blocks.RichTextBlock):
        richtext.collect(raw, references)


def render(block, raw, resolved: Resolved):
    """Return the JSON of `raw` (stored data of `block`): the blocks' own API
    representations (cms/blocks), given the references resolved in bulk.

    While converting, chooser values are instances with only an id: the blocks look
    their references up in `resolved`, so no chooser queries."""
    with preload.active(preload.Preloaded(ids_only=True)):
        value = block.to_python(raw)
        return block.get_api_representation(value, {"resolved": resolved})
