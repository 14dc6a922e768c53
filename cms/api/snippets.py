"""Reads of snippets and settings for API clients: menus, site settings and app
content, each with what it refers to resolved (cms.api.serializers renders them)."""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.announcements import announcements_on_now
from cms.api.errors import ContentNotFound
from cms.api.pages import resolve_for
from cms.api.references import References, Resolved, public_snippet_versions, resolve
from cms.models import (
    Announcement,
    ContentSlot,
    FrequentlyAskedQuestion,
    NavigationMenu,
    NavigationMenuItem,
)
from cms.selectors import (
    active_content_language,
    public_snippets,
    public_translations_of,
    site_settings,
)

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
    """Return the live main and footer menus of the active language as links, with
    the pages and documents they lead to resolved; links to what is not public are
    left out. A translated menu links the pages its source links (wagtail-localize
    keeps page links as they are): each leads to its translation in this language
    where that is public, as on the site (cms.chrome)."""
    items = NavigationMenuItem.objects.select_related("link_page").order_by(
        "sort_order"
    )
    menus = list(
        public_snippets(NavigationMenu, in_active_language=True).prefetch_related(
            Prefetch("items", queryset=items)
        )
    )
    link_pages = [item.link_page for menu in menus for item in menu.items.all()]
    translated = {
        page.translation_key: page.pk
        for page in public_translations_of(site, link_pages).only("translation_key")
    }
    references = References()
    for menu in menus:
        for item in menu.items.all():
            if item.link_page_id:
                item.link_page_id = translated.get(
                    item.link_page.translation_key, item.link_page_id
                )
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


def live_in_language(model) -> QuerySet:
    """Return the live snippets of `model` in the active language."""
    return public_snippets(model, in_active_language=True)


def with_translations(resolved: Resolved, model, snippets: list) -> Resolved:
    """Add the language of these snippets (the active one: they were read in it)
    and their live versions in every language, themselves among them: one query,
    none on a one-language site."""
    resolved.language = active_content_language()
    resolved.translations = public_snippet_versions(model, snippets)
    return resolved


def live_announcements(site: Site) -> tuple[list, Resolved]:
    """Return the announcements on now (cms.announcements, as the site's banner)
    and what they refer to, resolved."""
    announcements = announcements_on_now().announcements
    fields = ["message", "link_page"]
    resolved = resolve_for([(a, fields) for a in announcements], site=site)
    return announcements, with_translations(resolved, Announcement, announcements)


def live_faqs(site: Site) -> tuple[list, Resolved]:
    faqs = list(live_in_language(FrequentlyAskedQuestion))
    resolved = resolve_for([(faq, ["answer"]) for faq in faqs], site=site)
    return faqs, with_translations(resolved, FrequentlyAskedQuestion, faqs)


def live_slot(site: Site, key: str):
    """Return the published content slot `key` and what it refers to, resolved."""
    slot = live_in_language(ContentSlot).filter(key=key).first()
    if slot is None:
        raise ContentNotFound(_("No published content slot %(key)s.") % {"key": key})
    resolved = resolve_for([(slot, ["body"])], site=site)
    return slot, with_translations(resolved, ContentSlot, [slot])
