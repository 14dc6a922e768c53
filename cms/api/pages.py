"""Pages for API clients: the full page document, and the listing "card"."""

from wagtail.models import Page, Site

from cms.api import caching, fields
from cms.api.references import (
    References,
    Resolved,
    load_snippets,
    page_path,
    page_type,
    resolve,
)
from cms.selectors import site_settings

# The fields each page type exposes, beyond those every page has. An allow-list:
# a new field stays private (form recipients, for one) until it is added here.
PAGE_FIELDS: dict[str, list[str]] = {
    "cms.homepage": ["hero_heading", "hero_text", "hero_image", "hero_cta", "body"],
    "cms.standardpage": ["introduction", "listing_image", "body"],
    "cms.sectionindexpage": ["introduction", "listing_image", "body"],
    "cms.articleindexpage": ["introduction", "listing_image"],
    "cms.articlepage": [
        "date",
        "introduction",
        "listing_image",
        "authors",
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
SNIPPET_FIELDS: dict[str, list[str]] = {
    "cms.person": ["name", "role", "bio", "photo"],
    "cms.category": ["name", "slug"],
    "cms.testimonial": ["quote", "name", "organisation", "photo"],
}


def exposed_fields(obj, registry: dict[str, list[str]]) -> list[str]:
    names = registry.get(obj._meta.label_lower, [])
    # Checked on the model's fields: hasattr() would load a foreign key's object.
    declared = {field.name for field in obj._meta.get_fields()}
    return [
        name for name in names if name in declared or fields.chosen_by_inline(obj, name)
    ]


def render_snippet(snippet, resolved: Resolved) -> dict:
    return {
        "id": snippet.pk,
        "type": snippet._meta.label_lower,
        **{
            name: fields.render(snippet, name, resolved)
            for name in exposed_fields(snippet, SNIPPET_FIELDS)
        },
    }


def _snippets(missing: dict[str, set[int]], references: References):
    """Load the snippets not cached yet and collect what they refer to; return what
    renders them once those references are resolved."""
    loaded = {
        (label, snippet_id): snippet
        for label, ids in missing.items()
        for snippet_id, snippet in load_snippets(label, ids).items()
    }
    for snippet in loaded.values():
        for name in exposed_fields(snippet, SNIPPET_FIELDS):
            fields.collect(snippet, name, references)

    def render(resolved: Resolved) -> dict:
        return {
            ref: render_snippet(snippet, resolved) for ref, snippet in loaded.items()
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


def page_document(page: Page, *, site: Site) -> dict:
    """Return the whole page, references resolved, as API clients see it."""
    names = exposed_fields(page, PAGE_FIELDS)
    social_image_id = _social_image_id(page, site)
    resolved = resolve_for([(page, names)], site=site, extra_images=[social_image_id])
    path = page_path(page.url_path, site)
    url = resolved.absolute(path)
    description = (
        page.get_meta_description()
        if hasattr(page, "get_meta_description")
        else page.search_description
    )
    return {
        "id": page.id,
        "type": page_type(page.content_type_id),
        "title": page.title,
        "slug": page.slug,
        "path": path,
        "url": url,
        "seo": {
            "title": page.seo_title or page.title,
            "description": description or "",
            "canonical_url": url,
            "social_image": resolved.images.get(social_image_id),
            "noindex": bool(getattr(page, "noindex", False)),
        },
        "first_published_at": _iso(page.first_published_at),
        "last_published_at": _iso(page.last_published_at),
        "fields": {name: fields.render(page, name, resolved) for name in names},
    }


def page_cards(pages: list[Page], *, site: Site) -> list[dict]:
    """Return listing cards for these (specific) pages, with one query per kind."""
    resolved = resolve_for(
        [],
        site=site,
        extra_images=[getattr(p, "listing_image_id", None) for p in pages],
    )
    return [page_card(page, resolved) for page in pages]


def page_card(page: Page, resolved: Resolved) -> dict:
    path = page_path(page.url_path, resolved.site)
    date = getattr(page, "date", None) or page.first_published_at
    return {
        "id": page.id,
        "type": page_type(page.content_type_id),
        "title": page.title,
        "teaser": getattr(page, "introduction", "") or page.search_description or "",
        "path": path,
        "url": resolved.absolute(path),
        "date": _iso(date),
        "image": resolved.images.get(getattr(page, "listing_image_id", None)),
    }


def _iso(value):
    return value.isoformat() if value is not None else None
