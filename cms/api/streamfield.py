"""StreamField for API clients: `[{type, id, value}]`, typed by the block definitions.

Works on the stored (raw) data, not on StreamValue, so that reading a page never runs
a chooser query per block: references are collected in one pass and loaded in bulk
(cms/api/references.py). Blocks marked for the web only (a `surface` child set to
"web") are left out: the API serves the apps.
"""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.api import richtext
from cms.api.references import References, Resolved
from cms.blocks.stored import list_items, stored_id

WEB_ONLY = "web"


def _stream_children(block, raw):
    for item in raw or []:
        child = block.child_blocks.get(item.get("type"))
        if child is None:
            continue  # a block type removed from the code: skip its old data
        value = item.get("value")
        if isinstance(value, dict) and value.get("surface") == WEB_ONLY:
            continue
        if getattr(child, "is_surface_section", False):
            # An apps-only section: its blocks take its place in the stream.
            content = child.child_blocks["content"]
            yield from _stream_children(content, (value or {}).get("content"))
            continue
        yield item, child, value


def collect(block, raw, references: References) -> None:
    """Add every reference in `raw` (stored data of `block`) to `references`."""
    if isinstance(block, blocks.StreamBlock):
        for _item, child, value in _stream_children(block, raw):
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
    """Return the JSON value of `raw` (stored data of `block`)."""

    def again(child, value):
        return render(child, value, resolved)

    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": item["type"], "id": item.get("id"), "value": again(child, value)}
            for item, child, value in _stream_children(block, raw)
        ]
    if isinstance(block, blocks.ListBlock):
        return [again(block.child_block, value) for value in list_items(raw)]
    if isinstance(block, ImageBlock):
        raw = raw or {}
        image = resolved.images.get(stored_id(raw.get("image")))
        if image is None:
            return None
        alt = "" if raw.get("decorative") else (raw.get("alt_text") or image["alt"])
        return {**image, "alt": alt}
    if isinstance(block, blocks.StructBlock):
        return {
            name: again(child, (raw or {}).get(name))
            for name, child in block.child_blocks.items()
            if name != "surface"
        }
    if isinstance(block, TypedTableBlock):
        raw = raw or {}
        columns = raw.get("columns", [])
        return {
            "caption": raw.get("caption", ""),
            "columns": [
                {"type": column.get("type"), "heading": column.get("heading", "")}
                for column in columns
            ],
            "rows": [
                [
                    again(block.child_blocks[column["type"]], value)
                    if column.get("type") in block.child_blocks
                    else None
                    for column, value in zip(
                        columns, row.get("values", []), strict=False
                    )
                ]
                for row in raw.get("rows", [])
            ],
        }
    if isinstance(block, blocks.PageChooserBlock):
        return resolved.pages.get(stored_id(raw))
    if isinstance(block, ImageChooserBlock):
        return resolved.images.get(stored_id(raw))
    if isinstance(block, DocumentChooserBlock):
        return resolved.documents.get(stored_id(raw))
    if isinstance(block, SnippetChooserBlock):
        return resolved.snippets.get(
            (block.target_model._meta.label_lower, stored_id(raw))
        )
    if isinstance(block, blocks.RichTextBlock):
        return richtext.render(raw or "", resolved)
    if isinstance(block, EmbedBlock):
        return {"url": raw} if raw else None
    if isinstance(block, blocks.StaticBlock):
        return None
    return block.get_api_representation(block.to_python(raw))
