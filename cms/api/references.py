"""Batch-loading of what content refers to (pages, images, documents, snippets).

Serializing happens in two passes: the first collects every id a response refers to,
one set per kind; `resolve()` then loads each kind with one query, dropping anything
that is not live and public; the second pass writes the resolved objects in place.
So the query count depends on the kinds of reference, never on how many there are.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Site

from cms.api.renditions import API_RENDITIONS
from cms.api.visibility import private_collections_q, public_pages


@dataclass
class References:
    pages: set[int] = field(default_factory=set)
    images: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    snippets: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


@dataclass
class Resolved:
    site: Site
    root_url: str
    pages: dict[int, dict] = field(default_factory=dict)
    images: dict[int, dict] = field(default_factory=dict)
    documents: dict[int, dict] = field(default_factory=dict)
    snippets: dict[tuple[str, int], object] = field(default_factory=dict)

    def absolute(self, url: str) -> str:
        if url.startswith(("http://", "https://")):
            return url
        return self.root_url + url


def site_root_url(site: Site) -> str:
    return site.root_url.rstrip("/")


def page_path(url_path: str, site: Site) -> str:
    """Return a page's path relative to its site root, e.g. "/about/"."""
    root_path = site.root_page.url_path
    return "/" + url_path.removeprefix(root_path).lstrip("/")


def page_type(content_type_id: int) -> str:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._meta.label_lower if model else "unknown"


def page_reference(row: dict, resolved: "Resolved") -> dict:
    path = page_path(row["url_path"], resolved.site)
    return {
        "id": row["id"],
        "type": page_type(row["content_type_id"]),
        "title": row["title"],
        "path": path,
        "url": resolved.absolute(path),
    }


def image_representation(image, resolved: "Resolved") -> dict:
    renditions = {}
    by_spec = {r.filter_spec: r for r in getattr(image, "prefetched_renditions", [])}
    for name, spec in API_RENDITIONS.items():
        rendition = by_spec.get(spec)
        if rendition is not None:
            renditions[name] = {
                "url": resolved.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
    focal = None
    if image.has_focal_point():
        focal = {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
    return {
        "id": image.id,
        "alt": image.default_alt_text,
        "width": image.width,
        "height": image.height,
        "focal_point": focal,
        "renditions": renditions,
    }


def document_representation(document, resolved: "Resolved") -> dict:
    try:
        size = document.get_file_size()
    except OSError:
        size = None
    return {
        "id": document.id,
        "title": document.title,
        "url": resolved.absolute(document.url),
        "size": size,
        "extension": document.file_extension,
    }


def load_snippets(references: References) -> dict[tuple[str, int], object]:
    """Load referenced snippets (live ones only), one query per snippet model."""
    loaded = {}
    for label, ids in references.snippets.items():
        model = apps.get_model(label)
        snippets = model.objects.filter(id__in=ids)
        if issubclass(model, DraftStateMixin):
            snippets = snippets.filter(live=True)
        for snippet in snippets:
            loaded[(label, snippet.id)] = snippet
    return loaded


def resolve(
    references: References, *, site: Site, snippets: dict | None = None
) -> Resolved:
    """Load every referenced page, image and document a visitor may see.

    Snippets are loaded first by `load_snippets` (the caller collects the references
    inside them before calling this)."""
    resolved = Resolved(site=site, root_url=site_root_url(site))
    resolved.snippets = snippets or {}
    if references.pages:
        rows = (
            public_pages(site)
            .filter(id__in=references.pages)
            .values("id", "title", "url_path", "content_type_id")
        )
        resolved.pages = {row["id"]: page_reference(row, resolved) for row in rows}
    if references.images:
        images = (
            get_image_model()
            .objects.filter(id__in=references.images)
            .exclude(private_collections_q())
            .prefetch_renditions(*API_RENDITIONS.values())
        )
        resolved.images = {
            image.id: image_representation(image, resolved) for image in images
        }
    if references.documents:
        documents = (
            get_document_model()
            .objects.filter(id__in=references.documents)
            .exclude(private_collections_q())
        )
        resolved.documents = {
            document.id: document_representation(document, resolved)
            for document in documents
        }
    return resolved
