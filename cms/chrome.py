"""The site chrome every page shows: the site itself, navigation menus and site
settings.

Loaded once per request for the header and the footer, and kept in the cache until
the site changes (cms/generation_cache.py): so a warm page reads them with one cache
lookup and no SQL."""

from django.conf import settings
from django.db.models import F, Q
from django.utils.translation import get_language
from wagtail.models import Site

from cms import images, preload
from cms.generation_cache import cached, prefix


def find_site(request):
    """Return the Wagtail site answering this request, from the cache for the current
    generation and chrome version, with its root page loaded as its specific type:
    Wagtail's routing then needs no query for either. Sets `request._wagtail_site`,
    which `Site.find_for_request` returns from then on."""
    if not hasattr(request, "_wagtail_site"):
        # get_host() is the host Django accepted (ALLOWED_HOSTS): a bounded key set.
        key = f"{prefix(request)}:site:{request.get_host()}"
        request._wagtail_site = cached(key, lambda: _load_site(request))
    return request._wagtail_site


def _load_site(request):
    site = Site._find_for_request(request)
    if site is not None:
        # Routing starts from the root page in the request's language
        # (`site.root_page.localized.specific`): cached with the site are the root as
        # its type and, on a multilingual site, its live translations as theirs, from
        # which the root's `localized` answers (cms.models.HomePage).
        site.root_page = site.root_page.specific
        if settings.WAGTAIL_I18N_ENABLED:
            site.root_page.live_translations = _live_translations(site.root_page)
    return site


def _live_translations(root) -> dict:
    """Return the live translations of the site's root page (itself among them) by
    language code, as its type (a page's translations share it): the pages Wagtail's
    `localized` chooses from. One query."""
    translations = (
        type(root)
        .objects.filter(
            Q(live=True) | Q(pk=root.pk), translation_key=root.translation_key
        )
        .annotate(language_code=F("locale__language_code"))
    )
    return {
        page.language_code: root if page.pk == root.pk else page
        for page in translations
    }


class CachedSiteMiddleware:
    """Find the site once per request from the cache (find_site) for everything
    visitors see; the admin and the APIs look it up as Wagtail does (the content API
    caches it per content version itself)."""

    SKIPPED_PREFIXES = ("/admin/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(self.SKIPPED_PREFIXES):
            find_site(request)
        return self.get_response(request)


def _key(request, kind: str, site) -> str:
    site_id = site.pk if site is not None else 0
    return f"{prefix(request)}:{site_id}:{get_language()}:{kind}"


def load_menus(request) -> dict[str, list[dict]]:
    """Return every live menu of the active language, by location: each item as a
    dict of label, URL, and the linked page's id, path and depth (to mark the
    current section). Links to drafts, unpublished or private pages are left out."""
    from cms.models import NavigationMenu
    from cms.selectors import public_pages_by_id, public_snippets

    menus = list(
        public_snippets(NavigationMenu, in_active_language=True).prefetch_related(
            "items__link_document"
        )
    )
    # A translated menu links the pages its source links (wagtail-localize keeps
    # page links as they are): each is shown in this language where it has a
    # public translation; links to pages a visitor may not see are left out.
    pages = public_pages_by_id(
        Site.find_for_request(request),
        [item.link_page_id for menu in menus for item in menu.items.all()],
        localized=True,
    )
    result = {}
    for menu in menus:
        items = []
        for item in menu.items.all():
            page = pages.get(item.link_page_id)
            if item.link_page_id and page is None:
                continue
            items.append(
                {
                    "label": item.label or (page.title if page else item.get_label()),
                    "url": page.get_url(request) if page else item.get_url(request),
                    "page_id": item.link_page_id,
                    "path": page.path if page else "",
                    "depth": page.depth if page else 0,
                }
            )
        result[menu.location] = items
    return result


def menus(request) -> dict[str, list[dict]]:
    """Return the menus for this request (one cache read, once per request)."""
    memo = getattr(request, "_cms_menus", None)
    if memo is None:
        site = Site.find_for_request(request)
        memo = cached(_key(request, "menus", site), lambda: load_menus(request))
        request._cms_menus = memo
    return memo


def load_site_settings(site):
    """Return the site's settings with their logo and default social image (and
    the renditions the templates show) loaded."""
    from cms.models import SiteSettings

    settings_obj = SiteSettings.for_site(site)
    wanted = preload.Wanted()
    wanted.image(settings_obj.logo_id, images.LOGO)
    wanted.image(settings_obj.default_social_image_id, images.SOCIAL)
    loaded = preload.load(wanted)
    for name in ("logo", "default_social_image"):
        if getattr(settings_obj, f"{name}_id"):
            setattr(
                settings_obj, name, loaded.image(getattr(settings_obj, f"{name}_id"))
            )
    settings_obj.site = site
    return settings_obj


def site_settings(request):
    """Return the request's SiteSettings (None when no site matches, so error pages
    still render), from the cache for the current content generation."""
    from cms.models import SiteSettings

    attr = SiteSettings.get_cache_attr_name()
    if hasattr(request, attr):
        return getattr(request, attr)
    site = Site.find_for_request(request)
    if site is None:
        return None
    settings_obj = cached(
        _key(request, "settings", site), lambda: load_site_settings(site)
    )
    settings_obj._request = request
    setattr(request, attr, settings_obj)
    return settings_obj


# --- The banner: the announcements on now ----------------------------------------


def load_banner(request) -> dict:
    """Return what the banner shows: "announcements", each on now in the active
    language as a dict of title, message (its rich text as HTML) and URL ("" for
    none), and "changes_at", when that next changes (cms.announcements). The pages
    they link to (as a link or in a message) load in one go: links to pages a
    visitor may not see are left out, or show as text in a message."""
    from wagtail.rich_text import expand_db_html

    from cms.announcements import announcements_on_now

    on_now = announcements_on_now()
    wanted = preload.Wanted()
    for announcement in on_now.announcements:
        preload.collect_rich_text(announcement.message, wanted)
        if announcement.link_page_id:
            wanted.pages.add(announcement.link_page_id)
    loaded = preload.load(wanted, Site.find_for_request(request))
    loaded.request = request
    shown = []
    with preload.active(loaded):
        for announcement in on_now.announcements:
            page = loaded.pages.get(announcement.link_page_id)
            shown.append(
                {
                    "title": announcement.title,
                    "message": expand_db_html(announcement.message),
                    "url": page.get_url(request) if page else announcement.link_url,
                }
            )
    return {"announcements": shown, "changes_at": on_now.changes_at}


def banner(request) -> dict:
    """Return the banner for this request (one cache read, once per request).

    Announcements start and end on the clock, not on an edit, which the content
    version does not see: a cached banner is used only until it changes, and the
    page showing it is cached no longer (cms.page_cache.keep_until)."""
    from django.core.cache import cache
    from django.utils import timezone

    from cms import page_cache
    from cms.generation_cache import TIMEOUT

    memo = getattr(request, "_cms_banner", None)
    if memo is None:
        now = timezone.now()
        key = _key(request, "banner", Site.find_for_request(request))
        memo = cached(key, lambda: load_banner(request))
        if memo["changes_at"] is not None and memo["changes_at"] <= now:
            memo = load_banner(request)
            changes_at = memo["changes_at"]
            seconds = (changes_at - now).total_seconds() if changes_at else TIMEOUT
            cache.set(key, memo, timeout=min(TIMEOUT, int(seconds)))
        request._cms_banner = memo
    page_cache.keep_until(request, memo["changes_at"])
    return memo
