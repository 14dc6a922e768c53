"""Reads of snippets and settings for API clients: menus, site settings and app
content, each with what it refers to resolved (cms.api.serializers renders them)."""

from django.conf import settings as django_settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Site

from cms.api.errors import ContentNotFound
from cms.api.pages import resolve_for
from cms.api.references import References, Resolved, resolve
from cms.models import (
    Announcement,
    ContentSlot,
    FrequentlyAskedQuestion,
    NavigationMenu,
    NavigationMenuItem,
)
from cms.selectors import site_settings

SITE_SETTING_FIELDS = [
    "organisation_name",
    "logo",
    "default_social_image",
    "social_links",
    "contact_email",
    "contact_phone",
    "address",
    "analytics_id",
]


def navigation(site: Site) -> tuple[dict, Resolved]:
    """Return the live main and footer menus of the default locale as links, with
    the pages and documents they lead to resolved; links to what is not public are
    left out."""
    items = NavigationMenuItem.objects.order_by("sort_order")
    # The default locale by its language code, joined: Locale.get_default() would
    # cost a query of its own.
    default_language = get_supported_content_language_variant(
        django_settings.LANGUAGE_CODE
    )
    menus = list(
        NavigationMenu.objects.filter(
            live=True, locale__language_code=default_language
        ).prefetch_related(Prefetch("items", queryset=items))
    )
    references = References()
    for menu in menus:
        for item in menu.items.all():
            if item.link_page_id:
                references.pages.add(item.link_page_id)
            if item.link_document_id:
                references.documents.add(item.link_document_id)
    resolved = resolve(references, site=site)
    links = {location: [] for location in NavigationMenu.Location.values}
    for menu in menus:
        links[menu.location] = [
            link for item in menu.items.all() if (link := _menu_link(item, resolved))
        ]
    return links, resolved


def _menu_link(item, resolved: Resolved) -> dict | None:
    if item.link_page_id:
        page = resolved.pages.get(item.link_page_id)
        if page is None:
            return None  # the page is not public: leave the link out
        label, url = item.label or page["title"], page["url"]
        return {"label": label, "url": url, "page": item.link_page_id}
    if item.link_document_id:
        document = resolved.documents.get(item.link_document_id)
        if document is None:
            return None
        label, url = item.label or document["title"], document["url"]
        return {"label": label, "url": url, "document": item.link_document_id}
    return {"label": item.label or item.link_url, "url": item.link_url}


def site_settings_with_references(site: Site):
    """Return the site's settings and what they refer to, resolved."""
    settings = site_settings(site)
    return settings, resolve_for([(settings, SITE_SETTING_FIELDS)], site=site)


def live_announcements(site: Site) -> tuple[list, Resolved]:
    now = timezone.now()
    announcements = list(
        Announcement.objects.filter(live=True)
        .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=now))
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
    )
    fields = ["message", "link_page"]
    return announcements, resolve_for([(a, fields) for a in announcements], site=site)


def live_faqs(site: Site) -> tuple[list, Resolved]:
    faqs = list(FrequentlyAskedQuestion.objects.filter(live=True))
    return faqs, resolve_for([(faq, ["answer"]) for faq in faqs], site=site)


def live_slot(site: Site, key: str):
    """Return the published content slot `key` and what it refers to, resolved."""
    slot = ContentSlot.objects.filter(live=True, key=key).first()
    if slot is None:
        raise ContentNotFound(f"No published content slot {key!r}.")
    return slot, resolve_for([(slot, ["body"])], site=site)
