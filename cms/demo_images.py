"""Designed demo illustrations, drawn with Pillow (no files, no licences to track):
flat scenes in the site's palette that match each image's alt text."""

import io
import random

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

INK = "#0f1530"
INDIGO = "#4338ca"
VIOLET = "#7c3aed"
AMBER = "#f59e0b"
TEAL = "#0f766e"
CORAL = "#f97362"
SKY = "#c7d2fe"
CREAM = "#fbf7f0"
MINT = "#99f6e4"
PEACH = "#fed7aa"
WHITE = "#ffffff"
SCALE = 2  # drawn at twice the size, then reduced: smooth edges


class Canvas:
    """A drawing surface in the image's own units (0-1 of its width and height)."""

    def __init__(self, size, background):
        self.width, self.height = size[0] * SCALE, size[1] * SCALE
        self.image = PILImage.new("RGB", (self.width, self.height), background)
        self.draw = ImageDraw.Draw(self.image)

    def box(self, x0, y0, x1, y1):
        return [x0 * self.width, y0 * self.height, x1 * self.width, y1 * self.height]

    def rect(self, x0, y0, x1, y1, fill, radius=0.0):
        self.draw.rounded_rectangle(
            self.box(x0, y0, x1, y1), radius=radius * self.height, fill=fill
        )

    def circle(self, cx, cy, r, fill):
        """A circle of radius r (a fraction of the height) centred at (cx, cy)."""
        x, y, rr = cx * self.width, cy * self.height, r * self.height
        self.draw.ellipse([x - rr, y - rr, x + rr, y + rr], fill=fill)

    def polygon(self, points, fill):
        self.draw.polygon(
            [(x * self.width, y * self.height) for x, y in points], fill=fill
        )

    def person(self, cx, base, height, body, skin, hair=None):
        """A standing figure, shoulders up from `base`, `height` tall."""
        head = height * 0.32
        self.rect(
            cx - height * 0.32 * self.height / self.width,
            base - height * 0.55,
            cx + height * 0.32 * self.height / self.width,
            base + 0.2,
            body,
            radius=height * 0.22,
        )
        self.circle(cx, base - height * 0.55 - head * 0.95, head, skin)
        if hair:
            hx, hy, hr = cx, base - height * 0.55 - head * 1.25, head * 0.9
            x, y, r = hx * self.width, hy * self.height, hr * self.height
            self.draw.chord([x - r, y - r, x + r, y + r], 180, 360, fill=hair)

    def jpeg(self) -> bytes:
        image = self.image.resize(
            (self.width // SCALE, self.height // SCALE), PILImage.LANCZOS
        )
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85, optimize=True)
        return buffer.getvalue()


def _studio(size) -> bytes:
    c = Canvas(size, CREAM)
    c.rect(0, 0.72, 1, 1, "#e9e2d4")  # floor
    for i in range(4):  # tall windows, the light falling through them
        x = 0.08 + i * 0.16
        c.rect(x, 0.08, x + 0.12, 0.62, SKY, radius=0.02)
        c.rect(x + 0.058, 0.08, x + 0.062, 0.62, WHITE)
        c.rect(x, 0.34, x + 0.12, 0.35, WHITE)
        c.polygon(
            [(x, 0.72), (x + 0.12, 0.72), (x + 0.2, 0.98), (x + 0.05, 0.98)], "#f3ecdf"
        )
    c.rect(0.7, 0.12, 0.9, 0.4, INDIGO, radius=0.02)  # a poster on the wall
    c.circle(0.77, 0.23, 0.06, AMBER)
    c.rect(0.8, 0.31, 0.87, 0.34, WHITE, radius=0.01)
    for x0, x1, colour in ((0.05, 0.45, INK), (0.52, 0.96, INK)):  # desks
        c.rect(x0, 0.6, x1, 0.63, colour, radius=0.01)
        c.rect(x0 + 0.02, 0.63, x0 + 0.03, 0.8, colour)
        c.rect(x1 - 0.03, 0.63, x1 - 0.02, 0.8, colour)
    c.rect(0.14, 0.45, 0.3, 0.58, "#1f2a5c", radius=0.01)  # screens
    c.rect(0.15, 0.46, 0.29, 0.56, SKY, radius=0.005)
    c.rect(0.21, 0.58, 0.23, 0.6, "#1f2a5c")
    c.rect(0.62, 0.47, 0.76, 0.58, "#1f2a5c", radius=0.01)
    c.rect(0.63, 0.48, 0.75, 0.56, PEACH, radius=0.005)
    c.rect(0.68, 0.58, 0.7, 0.6, "#1f2a5c")
    c.rect(0.9, 0.76, 0.96, 0.9, CORAL, radius=0.01)  # a plant
    for dx, dy, r in ((-0.02, -0.05, 0.05), (0.03, -0.08, 0.06), (0.0, -0.13, 0.05)):
        c.circle(0.93 + dx, 0.76 + dy, r, TEAL)
    return c.jpeg()


def _workshop(size) -> bytes:
    c = Canvas(size, "#eef0fd")
    c.rect(0.06, 0.08, 0.94, 0.7, WHITE, radius=0.03)  # the board
    rng = random.Random(7)  # noqa: S311 - a fixed layout, not security
    colours = [AMBER, PEACH, MINT, SKY, CORAL, "#fde68a"]
    for row in range(3):
        for col in range(7):
            if rng.random() < 0.18:
                continue
            x = 0.1 + col * 0.118 + rng.uniform(-0.01, 0.01)
            y = 0.13 + row * 0.18 + rng.uniform(-0.015, 0.015)
            c.rect(x, y, x + 0.09, y + 0.14, rng.choice(colours), radius=0.008)
            c.rect(x + 0.012, y + 0.04, x + 0.07, y + 0.05, "#00000022")
    c.rect(0, 0.78, 1, 1, INK)  # the table, people around it
    c.person(0.18, 0.86, 0.3, INDIGO, "#c68863", INK)
    c.person(0.42, 0.88, 0.32, CORAL, "#8d5a3b", "#3b2416")
    c.person(0.64, 0.86, 0.3, TEAL, "#f1c7a5", AMBER)
    c.person(0.86, 0.88, 0.32, VIOLET, "#d9a77f", INK)
    return c.jpeg()


def _launch(size) -> bytes:
    c = Canvas(size, INK)
    c.circle(0.85, 0.15, 0.35, "#1e2a6b")
    c.circle(0.1, 0.95, 0.3, "#1a2460")
    c.rect(0.14, 0.1, 0.86, 0.8, "#2a3168", radius=0.03)  # laptop lid
    c.rect(0.16, 0.13, 0.84, 0.77, WHITE, radius=0.015)  # the screen: a web page
    c.rect(0.16, 0.13, 0.84, 0.19, "#eef0fd", radius=0.015)
    for i, colour in enumerate((CORAL, AMBER, TEAL)):
        c.circle(0.18 + i * 0.02, 0.16, 0.01, colour)
    c.rect(0.19, 0.23, 0.52, 0.28, INK, radius=0.01)  # headline
    c.rect(0.19, 0.31, 0.46, 0.33, "#9aa3b5", radius=0.01)
    c.rect(0.19, 0.35, 0.42, 0.37, "#9aa3b5", radius=0.01)
    c.rect(0.19, 0.41, 0.3, 0.46, INDIGO, radius=0.01)  # button
    c.rect(0.56, 0.22, 0.81, 0.47, VIOLET, radius=0.015)  # hero image
    c.circle(0.73, 0.3, 0.05, AMBER)
    c.polygon(
        [(0.56, 0.47), (0.64, 0.36), (0.7, 0.42), (0.75, 0.38), (0.81, 0.47)], "#5b21b6"
    )
    for i, colour in enumerate((SKY, PEACH, MINT)):  # three cards
        x = 0.19 + i * 0.215
        c.rect(x, 0.52, x + 0.19, 0.74, "#f6f7fb", radius=0.01)
        c.rect(x, 0.52, x + 0.19, 0.62, colour, radius=0.01)
        c.rect(x + 0.015, 0.65, x + 0.14, 0.67, "#9aa3b5", radius=0.01)
    c.polygon([(0.08, 0.8), (0.92, 0.8), (0.98, 0.86), (0.02, 0.86)], "#c9cde0")  # base
    c.rect(0.44, 0.8, 0.56, 0.82, "#a9aec5", radius=0.01)
    for x, y, colour in ((0.08, 0.2, AMBER), (0.93, 0.55, CORAL), (0.05, 0.6, MINT)):
        c.circle(x, y, 0.012, colour)  # confetti
    return c.jpeg()


def _team(size) -> bytes:
    c = Canvas(size, "#dbeafe")
    c.circle(0.8, 0.22, 0.12, AMBER)  # sun
    c.polygon(
        [(0, 0.62), (0.25, 0.4), (0.5, 0.6), (0.75, 0.38), (1, 0.58), (1, 1), (0, 1)],
        "#a7f3d0",
    )
    c.polygon(
        [(0, 0.75), (0.35, 0.55), (0.7, 0.72), (1, 0.6), (1, 1), (0, 1)], "#5eead4"
    )
    c.rect(0, 0.85, 1, 1, TEAL)
    people = [
        (0.2, INDIGO, "#c68863", INK),
        (0.36, CORAL, "#f1c7a5", "#3b2416"),
        (0.52, VIOLET, "#8d5a3b", INK),
        (0.68, AMBER, "#d9a77f", "#7c2d12"),
        (0.84, INK, "#f1c7a5", "#a16207"),
    ]
    for i, (x, body, skin, hair) in enumerate(people):
        c.person(x, 0.92 - (i % 2) * 0.03, 0.3, body, skin, hair)
    return c.jpeg()


def _portrait(size) -> bytes:
    c = Canvas(size, SKY)
    c.circle(0.5, 0.5, 0.42, "#a5b4fc")
    c.person(0.5, 0.78, 0.62, INDIGO, "#d9a77f", "#3b2416")
    return c.jpeg()


# (title, alt text, size, drawing)
DEMO_IMAGES = [
    ("Studio", "A bright studio with desks by tall windows", (1600, 900), _studio),
    (
        "Workshop",
        "People around a table covered in sticky notes",
        (1200, 800),
        _workshop,
    ),
    ("Launch", "A laptop showing a newly launched website", (1200, 800), _launch),
    ("Team", "The team standing together outdoors", (1200, 800), _team),
    ("Portrait", "Portrait of a smiling person", (600, 600), _portrait),
]


def demo_collection() -> Collection:
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    existing = root.get_children().filter(name="Demo").first()
    return existing or root.add_child(name="Demo")


def ensure_demo_images(report) -> dict:
    """Return the demo images by title, creating the missing ones."""
    Image = get_image_model()
    collection = demo_collection()
    images = {}
    for title, alt, size, drawing in DEMO_IMAGES:
        image = Image.objects.filter(title=title, collection=collection).first()
        if image is None:
            image = Image(
                title=title,
                description=alt,
                collection=collection,
                file=ImageFile(
                    io.BytesIO(drawing(size)),
                    name=f"demo-{title.lower()}.jpg",
                ),
            )
            # The middle of each scene matters most: crops keep it.
            image.focal_point_x, image.focal_point_y = size[0] // 2, size[1] // 2
            image.focal_point_width = image.focal_point_height = size[1] // 2
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
