"""What publishing does for the apps: renditions made ahead, and CDN copies purged.

Both run in the worker: renditions through `generate_renditions`, purges through
Wagtail's frontend-cache task (only when WAGTAILFRONTENDCACHE configures a CDN).
The receivers below are connected, each for its senders, in cms/signal_handlers.py.
"""

import logging

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Locale, Page, Site

from cms.api import fields
from cms.api.pages import PAGE_FIELDS, exposed_fields
from cms.api.references import References, page_path
from cms.api.renditions import generate_renditions

logger = logging.getLogger(__name__)
API_ROOT = "/api/content/v1/"
# Which content API addresses show each kind of snippet.
SNIPPET_ENDPOINTS = {
    "cms.navigationmenu": ["navigation/"],
    "cms.announcement": ["announcements/"],
    "cms.frequentlyaskedquestion": ["faqs/"],
    "cms.sitesettings": ["site/"],
}


def purging_enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _sites_for(page: Page) -> list[Site]:
    """Return the sites whose root page, or a translation of it, is above `page`."""
    sites = list(Site.objects.select_related("root_page"))

    def tree_root(site):
        return page.path[: site.root_page.depth * page.steplen]

    roots = dict(
        Page.objects.filter(path__in={tree_root(site) for site in sites}).values_list(
            "path", "translation_key"
        )
    )
    return [
        site
        for site in sites
        if roots.get(tree_root(site)) == site.root_page.translation_key
    ]


def api_urls_for_page(page: Page, *, url_paths=()) -> list[str]:
    """Return the absolute content-API addresses that show `page` (at these paths),
    in its language: with its `locale`, and without one where that means the same
    (the default language; by-path, whose path carries the language)."""
    language = page.locale.language_code
    queries = [f"locale={language}"]
    if language == settings.LANGUAGE_CODE:
        queries.insert(0, "")
    urls = []
    for site in _sites_for(page):
        root = site.root_url.rstrip("/") + API_ROOT
        for query in queries:
            for endpoint in (f"pages/{page.id}/", "pages/", "navigation/"):
                urls.append(f"{root}{endpoint}?{query}".removesuffix("?"))
        for url_path in url_paths or [page.url_path]:
            path = page_path(url_path, site, language)
            urls += [
                f"{root}pages/by-path/?path={path}",
                f"{root}pages/by-path/?path={path}&locale={language}",
            ]
    return list(dict.fromkeys(urls))


def purge(urls: list[str]) -> None:
    if purging_enabled() and urls:
        transaction.on_commit(lambda: purge_urls_from_cache(urls))


def page_was_published(sender, instance, **kwargs):
    purge(api_urls_for_page(instance))
    image_ids = _page_image_ids(instance)
    if image_ids:
        transaction.on_commit(lambda: generate_renditions.enqueue(sorted(image_ids)))


def page_was_unpublished(sender, instance, **kwargs):
    purge(api_urls_for_page(instance))


def page_was_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    purge(api_urls_for_page(instance, url_paths=[url_path_before, url_path_after]))


def page_slug_was_changed(sender, instance, instance_before, **kwargs):
    purge(
        api_urls_for_page(
            instance, url_paths=[instance_before.url_path, instance.url_path]
        )
    )


def page_will_be_deleted(sender, instance, **kwargs):
    if instance.live:
        purge(api_urls_for_page(instance))


def snippet_was_published(sender, instance, **kwargs):
    label = instance._meta.label_lower
    endpoints = SNIPPET_ENDPOINTS.get(label, [])
    if label == "cms.contentslot":
        endpoints = [f"slots/{instance.key}/"]
    queries = [""]
    locale_id = getattr(instance, "locale_id", None)
    if locale_id is not None:
        language = Locale.objects.get(pk=locale_id).language_code
        queries = [f"?locale={language}"]
        if language == settings.LANGUAGE_CODE:
            queries.insert(0, "")
    purge(
        [
            f"{site.root_url.rstrip('/')}{API_ROOT}{endpoint}{query}"
            for site in Site.objects.all()
            for endpoint in endpoints
            for query in queries
        ]
    )


def settings_saved(sender, instance, **kwargs):
    purge([f"{instance.site.root_url.rstrip('/')}{API_ROOT}site/"])


def image_saved(sender, instance, created, **kwargs):
    if created:
        # A new upload: make its renditions before any page shows it.
        transaction.on_commit(lambda: generate_renditions.enqueue([instance.pk]))


def document_size_recorded(sender, instance, **kwargs):
    """Record a document's size when it is saved without one (Wagtail's upload form
    sets it; documents made in code do not): the API shows the stored size and never
    asks the storage, or saves the document, while answering a GET."""
    if instance.file_size is not None:
        return
    if instance.file:
        try:
            instance.file_size = instance.file.size
        except Exception:  # noqa: BLE001 - a save must not fail on the storage
            logger.warning("Could not read the size of document %s", instance.pk)


def _page_image_ids(page: Page) -> set[int]:
    references = References()
    specific = page.specific
    for source in exposed_fields(specific, PAGE_FIELDS).values():
        fields.collect(specific, source, references)
    for name in ("listing_image_id", "social_image_id", "hero_image_id"):
        if getattr(specific, name, None):
            references.images.add(getattr(specific, name))
    return references.images
