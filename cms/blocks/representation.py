"""JSON-safe API representations shared by several blocks (images, rich text)."""

from wagtail.rich_text import expand_db_html


def image_representation(image, *, alt: str | None = None) -> dict | None:
    """Return an image as id, alt text and intrinsic size (never a file URL, which
    depends on storage and renditions the API chooses)."""
    if image is None:
        return None
    contextual_alt = getattr(image, "contextual_alt_text", None)
    return {
        "id": image.pk,
        "alt": alt if alt is not None else (contextual_alt or image.default_alt_text),
        "decorative": bool(getattr(image, "decorative", False)),
        "width": image.width,
        "height": image.height,
    }


def rich_text_representation(value) -> str:
    """Return rich text as front-end HTML (internal links resolved to URLs)."""
    source = getattr(value, "source", value) or ""
    return expand_db_html(source)
