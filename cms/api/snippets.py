"""Snippets and settings for API clients: menus, site settings and app content."""

from django.conf import settings as django_settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Site

from cms.api import fields, richtext
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


def navigation(site: Site) -> dict:
    """Return the live main and footer menus of the default locale, links resolved."""
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
    document = {location: [] for location in NavigationMenu.Location.values}
    for menu in menus:
        document[menu.location] = [
            link for item in menu.items.all() if (link := _menu_link(item, resolved))
        ]
    return document


def _menu_link(item, resolved: Resolved) -> dict | None:
    if item.link_page_id:
        page = resolved.pages.get(item.link_page_id)
        if page is None:
            return None  # the page is not public: leave the link out
        return {"label": item.label or page["title"], "url": page["url"], "page": page}
    if item.link_document_id:
        document = resolved.documents.get(item.link_document_id)
        if document is None:
            return None
        return {
            "label": item.label or document["title"],
            "url": document["url"],
            "document": document,
        }
    return {"label": item.label or item.link_url, "url": item.link_url}


def site_document(site: Site) -> dict:
    settings = site_settings(site)
    resolved = resolve_for([(settings, SITE_SETTING_FIELDS)], site=site)
    document = {
        "name": site.site_name or "",
        "root_url": resolved.root_url,
        **{
            name: fields.render(settings, name, resolved)
            for name in SITE_SETTING_FIELDS
        },
        "alert": None,
    }
    if settings.alert_enabled and settings.alert_message:
        document["alert"] = {
            "message": settings.alert_message,
            "url": settings.alert_url,
        }
    return document


def live_announcements(site: Site) -> list[dict]:
    now = timezone.now()
    announcements = list(
        Announcement.objects.filter(live=True)
        .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=now))
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
    )
    resolved = resolve_for(
        [(a, ["message", "link_page"]) for a in announcements], site=site
    )
    return [
        {
            "id": a.id,
            "title": a.title,
            "message": richtext.render(a.message, resolved),
            "link": _announcement_link(a, resolved),
            "starts_at": a.starts_at.isoformat() if a.starts_at else None,
            "ends_at": a.ends_at.isoformat() if a.ends_at else None,
        }
        for a in announcements
    ]


def _announcement_link(announcement, resolved: Resolved) -> str | None:
    if announcement.link_page_id:
        page = resolved.pages.get(announcement.link_page_id)
        return page["url"] if page else None
    return announcement.link_url or None


def live_faqs(site: Site) -> list[dict]:
    faqs = list(FrequentlyAskedQuestion.objects.filter(live=True))
    resolved = resolve_for([(faq, ["answer"]) for faq in faqs], site=site)
    return [
        {
            "id": faq.id,
            "question": faq.question,
            "answer": richtext.render(faq.answer, resolved),
            "topic": faq.topic,
        }
        for faq in faqs
    ]


def live_slot(site: Site, key: str) -> dict | None:
    slot = ContentSlot.objects.filter(live=True, key=key).first()
    if slot is None:
        return None
    resolved = resolve_for([(slot, ["body"])], site=site)
    return {
        "key": slot.key,
        "title": slot.title,
        "body": fields.render(slot, "body", resolved),
        "last_published_at": (
            slot.last_published_at.isoformat() if slot.last_published_at else None
        ),
    }
