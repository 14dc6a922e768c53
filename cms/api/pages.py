"""What a page document or a listing card refers to, loaded in bulk before the
serializers (cms.api.serializers) run: the fields each type exposes, and snippets."""

from django.apps import apps
from wagtail.models import Page, Site, TranslatableMixin

from cms.api import caching, fields
from cms.api.references import (
    References,
    Resolved,
    load_snippets,
    page_path,
    public_snippet_versions,
    resolve,
)
from cms.selectors import active_content_language, public_versions, site_settings

# The fields each page type exposes, beyond those every page has. An allow-list:
# a new field stays private (form recipients, for one) until it is added here. A
# field is named as the model names it, or as (API name, the model's name) where the
# two differ. Inlines of choices are listed like fields (cms.api.fields).
PAGE_FIELDS: dict[str, list[str | tuple[str, str]]] = {
    "cms.homepage": ["hero_heading", "hero_text", "hero_image", "hero_cta", "body"],
    "cms.standardpage": ["introduction", "listing_image", "body"],
    "cms.sectionindexpage": ["introduction", "listing_image", "body"],
    "cms.articleindexpage": ["introduction", "listing_image"],
    "cms.articlepage": [
        "date",
        "introduction",
        "listing_image",
        # The apps' name, from before the byline became an inline.
        ("authors", "article_authors"),
        "category",
        "tags",
        "body",
    ],
    "cms.landingpage": [
        "hero_heading",
        "hero_text",
        "hero_image",
        "hero_cta",
        "hide_navigation",
        "body",
    ],
    "cms.formpage": ["introduction"],
}
SNIPPET_FIELDS: dict[str, list[str | tuple[str, str]]] = {
    "cms.person": ["name", "role", "bio", "photo"],
    "cms.category": ["name", "slug"],
    "cms.testimonial": ["quote", "name", "organisation", "photo"],
}


def exposed_fields(model_or_obj, registry: dict) -> dict[str, str]:
    """Return the fields the model exposes (PAGE_FIELDS, SNIPPET_FIELDS), by API
    name: {API name: the model's field or relation}."""
    names = registry.get(model_or_obj._meta.label_lower, [])
    pairs = [(n, n) if isinstance(n, str) else n for n in names]
    # Checked on the model's fields: hasattr() would load a foreign key's object.
    declared = {field.name for field in model_or_obj._meta.get_fields()}
    return {name: source for name, source in pairs if source in declared}


def render_snippet(snippet, resolved: Resolved, versions: dict | None = None) -> dict:
    """Return a snippet a page refers to, as the apps get it; a translatable one
    with its language and its public versions in every language (`versions`, from
    references.public_snippet_versions)."""
    language = {}
    if isinstance(snippet, TranslatableMixin):
        # Snippets are translated too: which language's version the page links,
        # and where the others are.
        language = {
            "locale": snippet.locale.language_code,
            "translations": versions[snippet.translation_key],
        }
    return {
        "id": snippet.pk,
        "type": snippet._meta.label_lower,
        **language,
        **{
            name: fields.render(snippet, source, resolved)
            for name, source in exposed_fields(snippet, SNIPPET_FIELDS).items()
        },
    }


def _snippets(missing: dict[str, set[int]], references: References):
    """Load the snippets not cached yet, their public versions in every language
    (one query per translatable model), and collect what they refer to; return what
    renders them once those references are resolved."""
    loaded, versions = {}, {}
    for label, ids in missing.items():
        snippets = load_snippets(label, ids)
        loaded.update({(label, pk): snippet for pk, snippet in snippets.items()})
        model = apps.get_model(label)
        if issubclass(model, TranslatableMixin):
            versions[label] = public_snippet_versions(model, snippets.values())
    for snippet in loaded.values():
        for source in exposed_fields(snippet, SNIPPET_FIELDS).values():
            fields.collect(snippet, source, references)

    def render(resolved: Resolved) -> dict:
        return {
            (label, pk): render_snippet(snippet, resolved, versions.get(label))
            for (label, pk), snippet in loaded.items()
        }

    return render


def _social_image_id(page, site: Site) -> int | None:
    for name in ("social_image_id", "listing_image_id", "hero_image_id"):
        if getattr(page, name, None):
            return getattr(page, name)
    return default_social_image_id(site)


def default_social_image_id(site: Site) -> int | None:
    """Return the site's default social image, cached per content version (a page
    without its own image needs it)."""
    key = f"content-api:default-social-image:{caching.content_version()}:{site.pk}"
    image_id = caching.get(key)
    if image_id is None:
        image_id = site_settings(site).default_social_image_id or 0
        caching.set_many({key: image_id}, caching.RESPONSE_TIMEOUT)
    return image_id or None


def resolve_for(objects_and_fields, *, site: Site, extra_images=()) -> Resolved:
    """Collect the references of these (object, field names) pairs, and resolve them."""
    references = References()
    references.images.update(image_id for image_id in extra_images if image_id)
    for obj, names in objects_and_fields:
        for name in names:
            fields.collect(obj, name, references)
    return resolve(references, site=site, snippets=_snippets)


def document_references(page: Page, *, site: Site) -> dict:
    """Return what the page's document refers to, resolved, and its social image
    (the serializer context of cms.api.serializers.page_document)."""
    social_image_id = _social_image_id(page, site)
    sources = exposed_fields(page, PAGE_FIELDS).values()
    resolved = resolve_for([(page, sources)], site=site, extra_images=[social_image_id])
    return {
        "resolved": with_translations(resolved, [page]),
        "social_image_id": social_image_id,
    }


def card_references(pages: list[Page], *, site: Site) -> Resolved:
    """Return the listing images of these (specific) pages, one query per kind, and
    their translations (one more)."""
    resolved = resolve_for(
        [],
        site=site,
        extra_images=[getattr(p, "listing_image_id", None) for p in pages],
    )
    return with_translations(resolved, pages)


def with_translations(resolved: Resolved, pages: list[Page]) -> Resolved:
    """Add the language of these pages (the request's: they were read in it) and
    their public versions in every language (cms.selectors.public_versions)."""
    resolved.language = active_content_language()
    resolved.translations = {page.translation_key: {} for page in pages}
    for row in public_versions(resolved.site, pages):
        path = page_path(row["url_path"], resolved.site, row["language_code"])
        resolved.translations[row["translation_key"]][row["language_code"]] = {
            "id": row["id"],
            "path": path,
            "url": resolved.absolute(path),
        }
    return resolved
