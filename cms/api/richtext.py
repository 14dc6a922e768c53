"""Rich text for API clients: stored HTML with every internal reference resolved.

Links become absolute and internal ones carry `data-page-id` / `data-document-id`;
links to anything not live and public are unwrapped (the text stays); images become
`<img>` with a rendition, width, height and alt. No `linktype=` or `embedtype=` markup
reaches a client.
"""

import re
from html import escape

from wagtail.rich_text.rewriters import extract_attrs

from cms.api.references import References, Resolved

TAG = re.compile(r"<a(\b[^>]*)>|</a>|<embed(\b[^>]*)/>")
# An inline image uses the first of these that has been generated: renditions are
# made by a task at publish time, never while answering a GET (issue 7), so one may
# be missing for a moment; without any, the image is left out (never the original
# upload, which may be many megabytes).
INLINE_IMAGE_RENDITIONS = ("medium_jpeg", "large_jpeg", "small_jpeg", "thumbnail_jpeg")


def collect(html: str, references: References) -> None:
    for match in TAG.finditer(html or ""):
        attrs = extract_attrs(match.group(1) or match.group(2) or "")
        kind = attrs.get("linktype") or attrs.get("embedtype")
        if not attrs.get("id", "").isdigit():
            continue
        if kind == "page":
            references.pages.add(int(attrs["id"]))
        elif kind == "document":
            references.documents.add(int(attrs["id"]))
        elif kind == "image":
            references.images.add(int(attrs["id"]))


def _link(attrs: dict, resolved: Resolved) -> str | None:
    """Return the opening tag for a link, or None to unwrap it."""
    kind = attrs.get("linktype")
    ref_id = int(attrs["id"]) if attrs.get("id", "").isdigit() else None
    if kind == "page":
        page = resolved.pages.get(ref_id)
        if page is None:
            return None
        return f'<a href="{escape(page["url"])}" data-page-id="{page["id"]}">'
    if kind == "document":
        document = resolved.documents.get(ref_id)
        if document is None:
            return None
        return (
            f'<a href="{escape(document["url"])}" data-document-id="{document["id"]}">'
        )
    if kind is not None:
        return None  # an unknown link type: never let `linktype=` through
    href = attrs.get("href", "")
    if href.startswith("/") and not href.startswith("//"):
        href = resolved.absolute(href)
    return f'<a href="{escape(href)}">'


def _embed(attrs: dict, resolved: Resolved) -> str:
    kind = attrs.get("embedtype")
    if kind == "image" and attrs.get("id", "").isdigit():
        image = resolved.images.get(int(attrs["id"]))
        if image is None:
            return ""
        rendition = next(
            (
                image["renditions"][name]
                for name in INLINE_IMAGE_RENDITIONS
                if name in image["renditions"]
            ),
            None,
        )
        if rendition is None:
            return ""
        alt = attrs.get("alt", image["alt"])
        css_class = f"richtext-image {attrs.get('format', '')}".strip()
        return (
            f'<img src="{escape(rendition["url"])}" width="{rendition["width"]}" '
            f'height="{rendition["height"]}" alt="{escape(alt)}" '
            f'class="{escape(css_class)}" data-image-id="{image["id"]}">'
        )
    if kind == "media" and attrs.get("url"):
        url = escape(attrs["url"])
        return f'<a href="{url}" data-embed="media">{url}</a>'
    return ""


def render(html: str, resolved: Resolved) -> str:
    parts = []
    position = 0
    unwrapping = False
    for match in TAG.finditer(html or ""):
        parts.append(html[position : match.start()])
        position = match.end()
        text = match.group(0)
        if text == "</a>":
            if not unwrapping:
                parts.append(text)
            unwrapping = False
        elif text.startswith("<a"):
            opening = _link(extract_attrs(match.group(1)), resolved)
            unwrapping = opening is None
            if opening:
                parts.append(opening)
        else:
            parts.append(_embed(extract_attrs(match.group(2)), resolved))
    parts.append((html or "")[position:])
    return "".join(parts)
