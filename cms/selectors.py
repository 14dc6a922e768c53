"""What visitors may see: the one answer to "is this page public?" (and "is this
snippet?"), and the reads built on it (listings and their paginator, search, site
settings).

A page is public on a site when it is live, current (not past its expiry time even
if the clock has not unpublished it yet, not scheduled for later), below the site's
root page, and neither it nor an ancestor carries a view restriction. The HTML
site (routing, listings, menus, feeds, the sitemap, search, links in rich text and
blocks) and the content API (every endpoint and the changes feed) ask here."""

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    CollectionViewRestriction,
    DraftStateMixin,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)

from cms.search import plain_text

PAGE_SIZE = 12
# Search ranks every match; listings page through the best ones.
MAX_SEARCH_RESULTS = 200


def current_q(now=None) -> Q:
    """Return a filter for pages whose publication window is open now: live, not
    expired and not scheduled for later (the clock may not have run yet)."""
    now = now or timezone.now()
    return (
        Q(live=True)
        & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        & (Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
    )


def restricted() -> Exists:
    """Return whether a view restriction applies to the page or an ancestor, as a
    subquery (Wagtail's `public()` first loads every restriction in a query)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def public_q(now=None) -> Q:
    """Return a filter for pages that are current and not view-restricted."""
    return current_q(now) & ~Q(restricted())


def public_pages(
    site: Site | None, model=Page, *, every_language: bool = False
) -> QuerySet:
    """Return the pages of `model` a visitor of `site` may see in the active
    language, or in every language (none without a site).

    Each language has its own tree, rooted at a translation of the site's root page.
    Links, menus and the sitemap ask about every language (a page may link to one
    not yet translated); listings, search and feeds about the active one. A
    one-language site has one tree and no language to filter on: its queries are
    exactly those of a site without translations."""
    if site is None:
        return model.objects.none()
    root = site.root_page
    if not settings.WAGTAIL_I18N_ENABLED:
        return model.objects.descendant_of(root, inclusive=True).filter(public_q())
    in_a_tree = Exists(
        Page.objects.filter(
            translation_key=root.translation_key,
            path=Substr(OuterRef("path"), 1, Length("path")),
        )
    )
    pages = model.objects.filter(in_a_tree, public_q())
    if every_language:
        return pages
    return pages.filter(locale__language_code=active_content_language())


def public_translations(site: Site | None, page: Page) -> dict[str, Page]:
    """Return the public versions of `page` by language code, `page` itself among
    them when it is public; where a language has none, its translation of the
    site's home page stands in (marked `is_home_fallback`). One query."""
    if site is None:
        return {}
    root = site.root_page
    found = (
        public_pages(site, every_language=True)
        .filter(translation_key__in={page.translation_key, root.translation_key})
        .select_related("locale")
        .defer_streamfields()
    )
    versions, homes = {}, {}
    for version in found:
        code = version.locale.language_code
        if version.translation_key == page.translation_key:
            versions[code] = version
        else:
            homes[code] = version
    for code, home in homes.items():
        if code not in versions:
            home.is_home_fallback = True
            versions[code] = home
    return versions


def public_translations_of(site: Site | None, pages) -> QuerySet:
    """Return the public translations of these pages in the active language (one
    query; none on a one-language site, where every page is in it)."""
    keys = {page.translation_key for page in pages if page is not None}
    if not settings.WAGTAIL_I18N_ENABLED or not keys:
        return Page.objects.none()
    return public_pages(site).filter(translation_key__in=keys)


def public_versions(site: Site | None, pages) -> list[dict]:
    """Return the public versions in every language of these pages (themselves
    among them), as rows of id, url_path, translation_key and language_code.

    One query; none on a one-language site, where a page has no other version: the
    pages themselves are the rows (when current: they come from a public read or an
    editor's preview)."""
    pages = [page for page in pages if page is not None]
    if not settings.WAGTAIL_I18N_ENABLED:
        language = active_content_language()
        return [
            {
                "id": page.pk,
                "url_path": page.url_path,
                "translation_key": page.translation_key,
                "language_code": language,
            }
            for page in pages
            if is_current(page)
        ]
    if not pages:
        return []
    return list(
        public_pages(site, every_language=True)
        .filter(translation_key__in={page.translation_key for page in pages})
        .values("id", "url_path", "translation_key")
        .annotate(language_code=F("locale__language_code"))
    )


def public_snippets(model, *, in_active_language: bool = False) -> QuerySet:
    """Return the snippets of `model` a visitor may see: the live ones of a model
    with drafts, all of one without; only those of the active language when
    `in_active_language` (joined by its code: Locale.get_active() would cost a query
    of its own)."""
    snippets = model.objects.all()
    if issubclass(model, DraftStateMixin):
        snippets = snippets.filter(live=True)
    if in_active_language:
        snippets = snippets.filter(locale__language_code=active_content_language())
    return snippets


def active_content_language() -> str:
    """Return the content language (a Locale's code) of the active language."""
    return get_supported_content_language_variant(get_language())


def public_children(parent: Page, model=Page) -> QuerySet:
    """Return the public children of `parent`, a page routing found on the site."""
    return model.objects.child_of(parent).filter(public_q())


def is_current(page: Page) -> bool:
    """Return whether the page's publication window is open now (no query): the
    view restrictions are Wagtail's to enforce when serving (`on_serve_page`)."""
    now = timezone.now()
    return (
        page.live
        and (page.expire_at is None or page.expire_at > now)
        and (page.go_live_at is None or page.go_live_at <= now)
    )


def is_view_restricted(page: Page) -> bool:
    """Return whether a view restriction applies to this page or an ancestor, as
    Wagtail answers it (the page cache never shares such a page)."""
    return page.get_view_restrictions().exists()


def public_page_ids(site: Site | None, ids) -> set[int]:
    """Return which of these page ids a visitor of `site` may see, in one query."""
    ids = {ref for ref in ids if ref is not None}
    if not ids:
        return set()
    return set(
        public_pages(site, every_language=True)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )


def public_pages_by_id(
    site: Site | None, ids, *, localized: bool = False
) -> dict[int, Page | None]:
    """Return these pages (base Page) by id, None for those a visitor may not see.

    `localized`: each page in the active language where it has a public translation
    there (a link chosen on the English page leads a German visitor to the German
    one), else as chosen; read in the same query. One query."""
    ids = {ref for ref in ids if ref is not None}
    if not ids:
        return {}
    pages = public_pages(site, every_language=True)
    if not (localized and settings.WAGTAIL_I18N_ENABLED):
        found = pages.in_bulk(ids)
        return {ref: found.get(ref) for ref in ids}
    language = active_content_language()
    chosen_keys = Page.objects.filter(pk__in=ids).values("translation_key")
    found, translations = {}, {}
    for page in pages.filter(
        Q(pk__in=ids)
        | Q(translation_key__in=chosen_keys, locale__language_code=language)
    ).annotate(language_code=F("locale__language_code")):
        if page.pk in ids:
            found[page.pk] = page
        if page.language_code == language:
            translations[page.translation_key] = page
    return {
        ref: translations.get(found[ref].translation_key, found[ref])
        if ref in found
        else None
        for ref in ids
    }


def private_collections_q(prefix: str = "collection__") -> Q:
    """Return a filter for objects in a view-restricted collection (or below one)."""
    return Q(
        Exists(
            CollectionViewRestriction.objects.filter(
                collection__path=Substr(
                    OuterRef(f"{prefix}path"), 1, Length("collection__path")
                )
            )
        )
    )


def search_public_pages(site: Site | None, query: str) -> list[Page]:
    """Return the public pages of `site` in the active language matching `query`,
    best match first."""
    query = plain_text(query)
    if not query or site is None:
        return []
    # The search backend filters on indexed fields only: the live pages of the site
    # are searched, then the hits checked for view restrictions and expiry in one
    # query.
    pages = Page.objects.live()
    if settings.WAGTAIL_I18N_ENABLED:
        # The active language's pages (of every site: the check below keeps this
        # one's); the backend filters on the locale's id, not on its code.
        pages = pages.filter(locale=Locale.get_active())
    else:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    hits = list(pages.search(query, order_by_relevance=True)[:MAX_SEARCH_RESULTS])
    visible = public_page_ids(site, [hit.pk for hit in hits])
    return [hit for hit in hits if hit.pk in visible]


def window(items: QuerySet, offset: int, limit: int) -> tuple[list, int]:
    """Return `limit` rows of `items` from `offset`, and how many there are in all.

    The rows carry the total as a window function (COUNT(*) OVER ()), so no separate
    COUNT query is needed, unless the window is past the end. The paginator of the
    site's listings and the content API's listings both cut their pages here."""
    rows = list(items.annotate(listing_total=Window(Count("pk")))[offset:][:limit])
    if rows:
        return rows, rows[0].listing_total
    return rows, (items.count() if offset else 0)


def paginate(request, items, per_page=PAGE_SIZE, *, cache_as: str | None = None):
    """Return the requested page of `items`; a bad page number gives the first or
    last page rather than an error.

    A queryset is cut by `window` (one query). With `cache_as`, the rows and total
    of each page are cached until the site changes (cms/generation_cache.py) under
    that name; only pages that exist are: a number past the end is answered with
    the last page, read from the first page's total, so made-up numbers add no
    entries."""
    from cms.generation_cache import page_data

    paginator = Paginator(items, per_page)
    try:
        number = int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        number = 1
    if number < 1 or not isinstance(items, QuerySet):
        return _page_or_nearest(paginator, number)

    def load(number):
        def rows_and_total():
            return window(items, (number - 1) * per_page, per_page)

        if cache_as is None:
            return rows_and_total()
        key = f"listing:{cache_as}:{per_page}:{number}"
        return page_data(request, key, rows_and_total)

    if cache_as is not None and number > 1:
        paginator.count = load(1)[1]
        number = min(number, paginator.num_pages)
    rows, paginator.count = load(number)
    if not rows and number > 1:  # past the end, uncached: the last page
        return _page_or_nearest(paginator, number)
    page = paginator.page(number)
    page.object_list = rows
    return page


def _page_or_nearest(paginator, number):
    try:
        return paginator.page(number)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def site_settings(site: Site):
    """Return the site's settings without creating them: Wagtail's `for_site` would
    insert a row on a GET when a site has none yet."""
    from cms.models import SiteSettings

    return SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)
