"""Small generated images and a document for the demo site (Pillow; no files)."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

# (title, alt text, size, top colour, bottom colour)
DEMO_IMAGES = [
    (
        "Studio",
        "A bright studio with desks by tall windows",
        (1600, 900),
        "#0b57d0",
        "#8ab4f8",
    ),
    (
        "Workshop",
        "People around a table covered in sticky notes",
        (1200, 800),
        "#0f766e",
        "#99f6e4",
    ),
    (
        "Launch",
        "A laptop showing a newly launched website",
        (1200, 800),
        "#9a3412",
        "#fdba74",
    ),
    ("Team", "The team standing together outdoors", (1200, 800), "#6d28d9", "#c4b5fd"),
    ("Portrait", "Portrait of a smiling person", (600, 600), "#334155", "#cbd5e1"),
]


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _gradient_jpeg(size, top, bottom) -> bytes:
    width, height = size
    image = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top_rgb, bottom_rgb = _hex(top), _hex(bottom)
    for y in range(height):
        mix = y / max(height - 1, 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(
                round(a + (b - a) * mix)
                for a, b in zip(top_rgb, bottom_rgb, strict=True)
            ),
        )
    # A few shapes, so the focal point and crops are visible.
    draw.ellipse(
        [width * 0.55, height * 0.2, width * 0.85, height * 0.2 + width * 0.3],
        fill=(255, 255, 255),
    )
    draw.rectangle(
        [width * 0.1, height * 0.6, width * 0.45, height * 0.8], fill=top_rgb
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Demo").first()
    return existing or root.add_child(name="Demo")


def ensure_demo_images(report) -> dict:
    """Return the demo images by title, creating the missing ones."""
    Image = get_image_model()
    collection = demo_collection()
    images = {}
    for title, alt, size, top, bottom in DEMO_IMAGES:
        image = Image.objects.filter(title=title, collection=collection).first()
        if image is None:
            image = Image(
                title=title,
                description=alt,
                collection=collection,
                file=ImageFile(
                    io.BytesIO(_gradient_jpeg(size, top, bottom)),
                    name=f"demo-{title.lower()}.jpg",
                ),
            )
            image.focal_point_x, image.focal_point_y = size[0] * 7 // 10, size[1] // 3
            image.focal_point_width = image.focal_point_height = size[1] // 4
            image.save()
            report.created.append(f"image {title}")
        images[title] = image
    return images


def ensure_demo_document(report):
    Document = get_document_model()
    collection = demo_collection()
    document = Document.objects.filter(title="Service overview", collection=collection)
    if document.exists():
        return document.first()
    document = Document(title="Service overview", collection=collection)
    document.file.save(
        "service-overview.txt",
        ContentFile(b"Strategy, design, build and care: what we do and how.\n"),
        save=False,
    )
    document.save()
    report.created.append("document")
    return document
