"""Reading StreamField's stored (raw) data, as the site's preloading (cms/preload.py)
and the chooser blocks do: ids as stored, list items in either of the two shapes
Wagtail has saved."""


def stored_id(raw) -> int | None:
    """Return the id a chooser or a rich-text link stored, or None."""
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.isdigit():
        return int(raw)
    return None


def list_items(raw):
    """Yield a ListBlock's values, stored as `{"type": "item", "value": ...}` since
    Wagtail 2.16 and as bare values before."""
    for item in raw or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"]
        else:
            yield item
