"""Batch-loading of what content refers to (pages, images, documents, snippets).

Serializing happens in two passes: the first collects every id a response refers to,
one set per kind; `resolve()` then loads each kind with one query, dropping anything
that is not live and public; the second pass writes the resolved objects in place.
So the query count depends on the kinds of reference, never on how many there are.

What a reference becomes (a page's `{id, type, title, path, url}`, an image with its
renditions, a document, a rendered snippet) is kept in the cache per site and content
version, as the response bodies are: the same image or page is referred to from many
pages, and any change to content moves the version on. A request asks for all its
references in one round trip and loads from the database only those not cached yet.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site, TranslatableMixin

from cms.api import caching
from cms.api.renditions import API_RENDITIONS
from cms.selectors import (
    active_content_language,
    private_collections_q,
    public_pages,
    public_snippets,
)

# Cached for a reference the visitor may not see (a draft, a private image), so that
# it is not looked up again: None cannot be told apart from a missing key.
ABSENT = "absent"


@dataclass
class References:
    pages: set[int] = field(default_factory=set)
    images: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    snippets: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, model, ref_id: int) -> None:
        """Add a reference to the object `ref_id` of `model`, by its kind."""
        if issubclass(model, Page):
            self.pages.add(ref_id)
        elif issubclass(model, AbstractImage):
            self.images.add(ref_id)
        elif issubclass(model, AbstractDocument):
            self.documents.add(ref_id)
        else:
            self.snippets[model._meta.label_lower].add(ref_id)


@dataclass
class Resolved:
    site: Site
    root_url: str
    pages: dict[int, dict] = field(default_factory=dict)
    images: dict[int, dict] = field(default_factory=dict)
    documents: dict[int, dict] = field(default_factory=dict)
    # Rendered snippets, by (model label, id).
    snippets: dict[tuple[str, int], dict] = field(default_factory=dict)
    # The language of the pages answered, and their public versions in every
    # language: {translation_key: {language_code: {id, path, url}}}.
    language: str = ""
    translations: dict = field(default_factory=dict)

    def get(self, model, ref_id: int) -> dict | None:
        """Return what the reference to the object `ref_id` of `model` became, or
        None if it is gone or not public."""
        if issubclass(model, Page):
            return self.pages.get(ref_id)
        if issubclass(model, AbstractImage):
            return self.images.get(ref_id)
        if issubclass(model, AbstractDocument):
            return self.documents.get(ref_id)
        return self.snippets.get((model._meta.label_lower, ref_id))

    def absolute(self, url: str) -> str:
        if url.startswith(("http://", "https://")):
            return url
        return self.root_url + url


def site_root_url(site: Site) -> str:
    return site.root_url.rstrip("/")


def page_path(url_path: str, site: Site, language_code: str) -> str:
    """Return a page's address on the site, as the site's URLs route it: its path
    below its language's root page (the site's root page or a translation of it,
    which stands at the same depth), under the language's prefix: "/about/" in the
    default language, "/de/about/" in German."""
    segments = url_path.strip("/").split("/")[site.root_page.depth - 1 :]
    below_root = "".join(f"{segment}/" for segment in segments if segment)
    with translation.override(language_code):
        return reverse("wagtail_serve", args=(below_root,))


def page_type(content_type_id: int) -> str:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._meta.label_lower if model else "unknown"


def page_reference(row: dict, resolved: "Resolved") -> dict:
    path = page_path(row["url_path"], resolved.site, row["language_code"])
    return {
        "id": row["id"],
        # The content type's natural key, joined in the query: no lookup per type.
        "type": f"{row['content_type__app_label']}.{row['content_type__model']}",
        "title": row["title"],
        "path": path,
        "url": resolved.absolute(path),
        "locale": row["language_code"],
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
    return {
        "id": document.id,
        "title": document.title,
        "url": resolved.absolute(document.url),
        # The size recorded at upload, or None: Wagtail's get_file_size() would ask
        # the storage (a request per document on S3) and save the document, and a
        # GET must not write (issue 7).
        "size": document.file_size,
        "extension": document.file_extension,
    }


class ReferenceCache:
    """What references become for one site, cached per content version."""

    def __init__(self, site: Site):
        self.prefix = f"content-api:ref:{caching.content_version()}:{site.pk}:"
        self.new: dict[str, object] = {}
        # With the database cache, every key read or written is a query or two:
        # loading the references themselves is cheaper.
        self.enabled = not caching.is_database_cache()

    def key(self, kind: str, ref_id) -> str:
        return f"{self.prefix}{kind}:{ref_id}"

    def keys(self, references: References) -> list[str]:
        if not self.enabled:
            return []
        return [
            *(self.key("page", ref_id) for ref_id in references.pages),
            *(self.key("image", ref_id) for ref_id in references.images),
            *(self.key("document", ref_id) for ref_id in references.documents),
            *(
                self.key(f"snippet:{label}", ref_id)
                for label, ids in references.snippets.items()
                for ref_id in ids
            ),
        ]

    def lookup(self, kind: str, ids) -> tuple[dict, set]:
        """Return ({id: representation} of the cached ones, ids not cached)."""
        keys = {ref_id: self.key(kind, ref_id) for ref_id in ids}
        if not self.enabled:
            return {}, set(keys)
        found = caching.get_many(list(keys.values()))
        cached = {
            ref_id: found[key]
            for ref_id, key in keys.items()
            if key in found and found[key] != ABSENT
        }
        missing = {ref_id for ref_id, key in keys.items() if key not in found}
        return cached, missing

    def remember(self, kind: str, ids, representations: dict) -> None:
        for ref_id in ids:
            self.new[self.key(kind, ref_id)] = representations.get(ref_id, ABSENT)

    def resolve(self, kind: str, ids, load) -> dict:
        """Return {id: representation} of those of these ids a visitor may see: the
        cached ones, and what `load(ids not cached)` returns, kept for next time."""
        cached, missing = self.lookup(kind, ids)
        if missing:
            loaded = load(missing)
            cached.update(loaded)
            self.remember(kind, missing, loaded)
        return cached

    def save(self) -> None:
        if self.enabled:
            caching.set_many(self.new, caching.RESPONSE_TIMEOUT)
        self.new = {}


def load_snippets(label: str, ids) -> dict[int, object]:
    """Load referenced snippets of one model (public ones only), in one query."""
    model = apps.get_model(label)
    snippets = public_snippets(model).filter(id__in=ids)
    if issubclass(model, TranslatableMixin):
        snippets = snippets.select_related("locale")
    return {snippet.id: snippet for snippet in snippets}


def public_snippet_versions(model, snippets) -> dict[str, dict[str, dict]]:
    """Return the public versions in every language of these public snippets of one
    translatable model, themselves among them: {translation_key: {language code:
    {"id"}}}.

    One query, whatever the number of snippets or languages; none on a one-language
    site, where a snippet has no other version."""
    if not settings.WAGTAIL_I18N_ENABLED:
        language = active_content_language()
        return {s.translation_key: {language: {"id": s.pk}} for s in snippets}
    versions = {snippet.translation_key: {} for snippet in snippets}
    if versions:
        rows = (
            public_snippets(model)
            .filter(translation_key__in=list(versions))
            .values_list("pk", "translation_key", "locale__language_code")
        )
        for pk, key, language in rows:
            versions[key][language] = {"id": pk}
    return versions


def _load_pages(ids, resolved: Resolved) -> dict[int, dict]:
    # In any language: a page may link to one not translated yet. So what a
    # reference becomes is the same in every language, and cached once.
    rows = (
        public_pages(resolved.site, every_language=True)
        .filter(id__in=ids)
        .values(
            "id",
            "title",
            "url_path",
            "content_type__app_label",
            "content_type__model",
            language_code=F("locale__language_code"),
        )
    )
    return {row["id"]: page_reference(row, resolved) for row in rows}


def _load_images(ids, resolved: Resolved) -> dict[int, dict]:
    images = (
        get_image_model()
        .objects.filter(id__in=ids)
        .exclude(private_collections_q())
        .prefetch_renditions(*API_RENDITIONS.values())
    )
    return {image.id: image_representation(image, resolved) for image in images}


def _load_documents(ids, resolved: Resolved) -> dict[int, dict]:
    documents = (
        get_document_model().objects.filter(id__in=ids).exclude(private_collections_q())
    )
    return {doc.id: document_representation(doc, resolved) for doc in documents}


def resolve(
    references: References,
    *,
    site: Site,
    snippets=None,
) -> Resolved:
    """Load every referenced page, image and document a visitor may see.

    `snippets` renders the snippets (see cms.api.pages.resolve_for): it is given the
    ones not cached, adds the references inside them to `references`, and returns a
    function that renders them once those are resolved."""
    store = ReferenceCache(site)
    caching.fetch(store.keys(references))  # everything cached, in one round trip
    resolved = Resolved(site=site, root_url=site_root_url(site))
    render_snippets = None
    if references.snippets:
        missing_snippets = {}
        for label, ids in references.snippets.items():
            cached, missing = store.lookup(f"snippet:{label}", ids)
            resolved.snippets.update(
                {(label, ref_id): value for ref_id, value in cached.items()}
            )
            if missing:
                missing_snippets[label] = missing
        if missing_snippets and snippets is not None:
            render_snippets = snippets(missing_snippets, references)
        caching.fetch(store.keys(references))  # the snippets' own references

    resolved.pages = store.resolve(
        "page", references.pages, lambda ids: _load_pages(ids, resolved)
    )
    resolved.images = store.resolve(
        "image", references.images, lambda ids: _load_images(ids, resolved)
    )
    resolved.documents = store.resolve(
        "document", references.documents, lambda ids: _load_documents(ids, resolved)
    )

    if render_snippets is not None:
        rendered = render_snippets(resolved)
        resolved.snippets.update(rendered)
        for label, ids in missing_snippets.items():
            store.remember(
                f"snippet:{label}",
                ids,
                {
                    ref_id: rendered[(label, ref_id)]
                    for ref_id in ids
                    if (label, ref_id) in rendered
                },
            )
    store.save()
    return resolved
