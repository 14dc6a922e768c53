"""Everything a page's templates show, loaded in bulk before rendering.

Wagtail turns StreamField data into objects lazily, one query per block type and
chooser (and two per rich-text value with internal links), and `{% picture %}` looks
renditions up image by image. Instead, a page walks its stored StreamField data once
(`collect`), loads each kind of reference with one query (`load`: pages, documents,
snippets per model; images plus only the renditions their templates use, two
queries), and renders while that result is active (`active`). The chooser blocks
(cms/blocks/choosers.py) and the rich-text page-link handler (cms/richtext.py) read
from it, so rendering runs no query per block, image or link.

Only what the website shows is collected: sections for the apps are skipped.
"""

import contextlib
import contextvars
import copy
import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks.stored import list_items, stored_id
from cms.images import spec_filters

_active: contextvars.ContextVar = contextvars.ContextVar("cms_preloaded", default=None)


@dataclass
class Wanted:
    """Ids a page needs, by kind; images by the rendition spec that shows them."""

    pages: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    snippets: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    images: dict[str | None, set[int]] = field(default_factory=lambda: defaultdict(set))

    def image(self, image_id, spec: str | None) -> None:
        if image_id is not None:
            self.images[spec].add(image_id)

    def key(self) -> str:
        """Return a digest of what is wanted, to cache what `load` gives for it."""
        parts = [
            ("pages", sorted(self.pages)),
            ("documents", sorted(self.documents)),
            *sorted((label, sorted(ids)) for label, ids in self.snippets.items()),
            *sorted((spec or "", sorted(ids)) for spec, ids in self.images.items()),
        ]
        return hashlib.sha256(repr(parts).encode()).hexdigest()


@dataclass
class Preloaded:
    """Loaded objects by id; an id mapped to None was looked up and not found."""

    request: object = None
    # For the content API, which resolves references itself (cms/api/references.py)
    # and reads only their ids: chooser values are then instances with only their id.
    ids_only: bool = False
    pages: dict[int, Page | None] = field(default_factory=dict)
    images: dict[int, AbstractImage | None] = field(default_factory=dict)
    documents: dict[int, AbstractDocument | None] = field(default_factory=dict)
    snippets: dict[str, dict[int, object]] = field(
        default_factory=lambda: defaultdict(dict)
    )

    def store_for(self, model) -> dict | None:
        """Return the id -> object map holding `model`'s objects (None: not kept)."""
        if model is Page:
            return self.pages
        if issubclass(model, AbstractImage):
            return self.images
        if issubclass(model, AbstractDocument):
            return self.documents
        if issubclass(model, Page):
            return None  # a chooser restricted to a page type wants specific pages
        return self.snippets[model._meta.label_lower]

    def fetch(self, model, ids) -> dict:
        """Load objects of `model` that were not collected, into their store; pages
        only if a visitor of the request's site may see them (cms.selectors)."""
        store = self.store_for(model)
        if model is Page:
            from cms.selectors import public_pages_by_id

            found = public_pages_by_id(
                Site.find_for_request(self.request), ids, localized=True
            )
        else:
            found = model._default_manager.in_bulk(ids)
        store.update({ref: found.get(ref) for ref in ids})
        return store

    def image(self, image_id):
        image = self.images.get(image_id)
        # A copy: ImageBlock sets the alt text of its use on the instance.
        return copy.copy(image) if image is not None else None


def current() -> Preloaded | None:
    """Return the references loaded for the page being rendered, if any."""
    return _active.get()


@contextlib.contextmanager
def active(preloaded: Preloaded):
    token = _active.set(preloaded)
    try:
        yield preloaded
    finally:
        _active.reset(token)


# --- Collecting ---------------------------------------------------------------------


def collect_rich_text(html: str, wanted: Wanted) -> None:
    for match in FIND_A_TAG.finditer(html or ""):
        attrs = extract_attrs(match.group(1))
        ref = stored_id(attrs.get("id"))
        if ref is None:
            continue
        if attrs.get("linktype") == "page":
            wanted.pages.add(ref)
        elif attrs.get("linktype") == "document":
            wanted.documents.add(ref)


def collect(block, raw, wanted: Wanted, spec: str | None = None) -> None:
    """Add the references in `raw` (stored data of `block`) to `wanted`.

    `spec` is the picture spec of the outermost block that declares one
    (`picture_spec`): a gallery's figures use the gallery's sizes, not a figure's."""
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            value = item.get("value")
            if child is None:
                continue  # a block type removed from the code: its old data
            if getattr(child, "is_surface_section", False) and (
                (value or {}).get("surface") != "web"
            ):
                continue  # the apps' section: the site's template skips it
            collect(child, value, wanted, spec)
    elif isinstance(block, blocks.ListBlock):
        for value in list_items(raw):
            collect(block.child_block, value, wanted, spec)
    elif isinstance(block, ImageBlock):
        image_id = raw.get("image") if isinstance(raw, dict) else raw
        wanted.image(stored_id(image_id), spec or getattr(block, "picture_spec", None))
    elif isinstance(block, blocks.StructBlock):
        spec = spec or getattr(block, "picture_spec", None)
        for name, child in block.child_blocks.items():
            collect(child, (raw or {}).get(name), wanted, spec)
    elif isinstance(block, TypedTableBlock):
        columns = raw.get("columns", [])
        for row in raw.get("rows", []):
            for column, value in zip(columns, row.get("values", []), strict=False):
                child = block.child_blocks.get(column.get("type"))
                if child is not None:
                    collect(child, value, wanted, spec)
    elif isinstance(block, blocks.PageChooserBlock):
        if stored_id(raw) is not None:
            wanted.pages.add(stored_id(raw))
    elif isinstance(block, ImageChooserBlock):
        wanted.image(stored_id(raw), spec)
    elif isinstance(block, DocumentChooserBlock):
        if stored_id(raw) is not None:
            wanted.documents.add(stored_id(raw))
    elif isinstance(block, SnippetChooserBlock):
        if stored_id(raw) is not None:
            wanted.snippets[block.target_model._meta.label_lower].add(stored_id(raw))
    elif isinstance(block, blocks.RichTextBlock):
        collect_rich_text(raw, wanted)


def collect_stream(stream_value, wanted: Wanted) -> None:
    raw = getattr(stream_value, "raw_data", None)
    if raw is not None:
        collect(stream_value.stream_block, list(raw), wanted)


# --- Loading ------------------------------------------------------------------------


class LoadedRendition:
    """What a template needs of a rendition (its URL and size), read as plain values:
    building a Rendition model instance (and an Image for each) per row costs more
    than the query. `url` is what `Rendition.url` gives."""

    __slots__ = ("filter_spec", "focal_point_key", "name", "width", "height", "_url")

    def __init__(self, filter_spec, focal_point_key, name, width, height):
        self.filter_spec = filter_spec
        self.focal_point_key = focal_point_key
        self.name = name
        self.width = width
        self.height = height
        self._url = None

    @property
    def url(self) -> str:
        if self._url is None:
            self._url = _rendition_storage().url(self.name)
        return self._url


@functools.cache
def _rendition_storage():
    return get_image_model().get_rendition_model()._meta.get_field("file").storage


RENDITION_COLUMNS = ("filter_spec", "focal_point_key", "file", "width", "height")


def load_images(wanted_images: dict[str | None, set[int]]) -> dict[int, AbstractImage]:
    """Load images with the renditions of their specs only (as `cms_renditions`).

    One query when every image has at least one of its renditions: rendition rows
    joined to their image, read as values, one Image built per image. A second only
    for images with none (not made yet, or wanted without a spec)."""
    ids = set().union(*wanted_images.values()) if wanted_images else set()
    if not ids:
        return {}
    Image = get_image_model()
    image_fields = [field.attname for field in Image._meta.concrete_fields]
    condition = Q()
    for spec, spec_ids in wanted_images.items():
        if spec is None or not spec_ids:
            continue
        filter_specs = [f.spec for f in spec_filters(spec)]
        condition |= Q(image_id__in=spec_ids, filter_spec__in=filter_specs)
    images: dict[int, AbstractImage] = {}
    if condition:
        Rendition = Image.get_rendition_model()
        rows = Rendition.objects.filter(condition).values_list(
            "image_id",
            *RENDITION_COLUMNS,
            *(f"image__{name}" for name in image_fields),
        )
        width = len(RENDITION_COLUMNS) + 1
        db = Image.objects.db
        for row in rows:
            image = images.get(row[0])
            if image is None:
                image = Image.from_db(db, image_fields, row[width:])
                image.cms_renditions = []
                # Shared by the copies each use gets (see Preloaded.image).
                image._cms_focal_keys = {}
                images[row[0]] = image
            image.cms_renditions.append(LoadedRendition(*row[1:width]))
    missing = ids - images.keys()
    if missing:
        for image in Image.objects.filter(pk__in=missing):
            image.cms_renditions = []
            images[image.pk] = image
    return images


def load(wanted: Wanted, site: Site | None = None) -> Preloaded:
    """Load everything `wanted` names: one query per kind (two for images). Pages
    a visitor of `site` may not see load as None: links to them render as text;
    the others in the visitor's language where they are translated."""
    from django.apps import apps

    from cms.selectors import public_pages_by_id

    preloaded = Preloaded()
    if wanted.pages:
        preloaded.pages = public_pages_by_id(site, wanted.pages, localized=True)
    images = load_images(wanted.images)
    for ids in wanted.images.values():
        for ref in ids:
            preloaded.images[ref] = images.get(ref)
    if wanted.documents:
        found = get_document_model().objects.in_bulk(wanted.documents)
        preloaded.documents = {ref: found.get(ref) for ref in wanted.documents}
    for label, ids in wanted.snippets.items():
        found = apps.get_model(label).objects.in_bulk(ids)
        preloaded.snippets[label] = {ref: found.get(ref) for ref in ids}
    return preloaded
