"""Reads for the content API: which public pages answer a path, an id, a listing or
a search. They return pages or plain data and raise cms.api.errors, never HTTP."""

import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from cms.api import caching, fields
from cms.api.errors import ContentNotFound, InvalidFilter, RedirectFound
from cms.api.pages import PAGE_FIELDS, exposed_fields
from cms.api.preview import AppPreviewMixin
from cms.selectors import public_pages, search_public_pages, window

LISTING_ORDERS = {
    "title": "title",
    "-title": "-title",
    "first_published_at": "first_published_at",
    "-first_published_at": "-first_published_at",
    "last_published_at": "last_published_at",
    "-last_published_at": "-last_published_at",
    "date": "date",
    "-date": "-date",
}


def site_key(version: str, host: str) -> str:
    return f"content-api:site:{version}:{host}"


def site_for_request(request) -> Site:
    """Return the Wagtail site answering this host, cached per content version."""
    key = site_key(caching.content_version(), request.get_host())
    site = caching.get(key)
    if site is None:
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - load it before caching the site
            caching.set_many({key: site}, caching.RESPONSE_TIMEOUT)
    if site is None:
        raise ContentNotFound(_("No site is configured for this host."))
    return site


def path_language(path: str) -> str:
    """Return the language of a page's address: its prefix's (/de/about/), else the
    default language, as the site's URLs route it."""
    first = path.split("?")[0].strip("/").split("/")[0]
    languages = [code for code, _name in settings.LANGUAGES[1:]]
    return first if first in languages else settings.LANGUAGE_CODE


def _segments(path: str) -> list[str]:
    """Return the slugs of a page's address below its language's root page."""
    parts = [part for part in path.split("?")[0].split("/") if part]
    if parts and path_language(path) != settings.LANGUAGE_CODE:
        return parts[1:]
    return parts


def _at_path(pages: QuerySet, site: Site, path: str) -> QuerySet:
    """Filter `pages` (of the active language) to the one at `path`.

    One language has one tree, below the site's root page: the page's url_path
    names it. Another language's tree is rooted at a translation of the root page,
    at the same depth, whose slug may differ: the page's depth and the end of its
    url_path name it there (public_pages keeps that language's tree only)."""
    segments = _segments(path)
    below_root = "".join(f"{part}/" for part in segments)
    root = site.root_page
    if not settings.WAGTAIL_I18N_ENABLED:
        return pages.filter(url_path=root.url_path + below_root)
    return pages.filter(
        depth=root.depth + len(segments), url_path__endswith=f"/{below_root}"
    )


def _with_relations(pages: QuerySet) -> QuerySet:
    """Load the tags and inlines of choices a page exposes with it (one query each),
    so that serializing it runs none."""
    model = pages.model
    names = [
        source
        for source in exposed_fields(model, PAGE_FIELDS).values()
        if fields.chooser_of_rows(model, source)
        or isinstance(model._meta.get_field(source), ClusterTaggableManager)
    ]
    return pages.prefetch_related(*names)


def page_at_path(site: Site, path: str) -> Page:
    """Return the specific public page at `path`; raise RedirectFound if a redirect
    answers the path instead, ContentNotFound if nothing does."""
    page = _public_page_at_path(site, path)
    if page is None:
        _raise_redirect(site, path)
        raise ContentNotFound(_("No public page at %(path)s.") % {"path": path})
    return page


def _public_page_at_path(site: Site, path: str) -> Page | None:
    """Return the specific public page at `path`.

    Which page type lives at a path is kept in the cache per content version (any
    publish, move or deletion moves the version on), so a known path costs one query
    on the page type's table instead of two (the base page, then the specific one).
    """
    # Hashed: the path comes from the client, and cache keys have limits.
    digest = hashlib.sha256(
        f"{path_language(path)}:{'/'.join(_segments(path))}".encode()
    ).hexdigest()
    key = f"content-api:route:{caching.content_version()}:{site.pk}:{digest}"
    content_type_id = caching.get(key)
    if content_type_id is None:
        page = _at_path(public_pages(site), site, path).first()
        if page is None:
            return None
        content_type_id = page.content_type_id
        caching.set_many({key: content_type_id}, caching.RESPONSE_TIMEOUT)
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return _with_relations(
        _at_path(public_pages(site, model=model), site, path)
    ).first()


def page_by_id(site: Site, page_id: int) -> Page:
    """Return the specific public page with this id, or raise ContentNotFound."""
    page = public_pages(site).filter(id=page_id).first()
    model = page and page.specific_class
    page = model and (
        _with_relations(public_pages(site, model=model).filter(id=page_id)).first()
    )
    if page is None:
        raise ContentNotFound(_("No public page with id %(id)s.") % {"id": page_id})
    return page


def _raise_redirect(site: Site, path: str) -> None:
    old_path = Redirect.normalise_path(path)
    redirect = (
        Redirect.get_for_site(site)
        .filter(old_path=old_path)
        .select_related("redirect_page")
        .first()
    )
    location = redirect and redirect.link
    if location is None:
        return
    if location.startswith("/"):
        location = site.root_url.rstrip("/") + location
    raise RedirectFound({"location": location, "permanent": redirect.is_permanent})


@dataclass
class Listing:
    pages: list
    count: int
    limit: int
    offset: int


def page_listing(
    site: Site,
    *,
    limit: int,
    offset: int,
    type=Page,
    child_of: int | None = None,
    tag: str = "",
    category: str = "",
    order: str = "",
) -> Listing:
    """Return one window of public pages of `type`, filtered and ordered."""
    pages = public_pages(site, model=type).defer_streamfields()
    field_names = {field.name for field in type._meta.get_fields()}

    if child_of is not None:
        parent = Page.objects.filter(id=child_of).values("path", "depth").first()
        if parent is None:
            raise InvalidFilter("child_of", _("No such page."))
        pages = pages.filter(path__startswith=parent["path"], depth=parent["depth"] + 1)
    if tag:
        if "tags" not in field_names:
            raise InvalidFilter("tag", _("This page type has no tags."))
        pages = pages.filter(tags__slug=tag)
    if category:
        if "category" not in field_names:
            raise InvalidFilter("category", _("This page type has no category."))
        pages = pages.filter(category__slug=category)
    # Newest first by default, as the site lists: by the date shown where a page
    # type has one (articles), else by first publication.
    order = order or ("-date" if "date" in field_names else "-first_published_at")
    if order.lstrip("-") not in field_names:
        raise InvalidFilter(
            "order",
            _("%(type)s has no %(order)s.")
            % {"type": type._meta.label_lower, "order": order},
        )
    # Ties broken in the same direction, as the site does ("-date", "-pk").
    pages = pages.order_by(LISTING_ORDERS[order], "-id" if order[0] == "-" else "id")
    if type is Page:
        pages = pages.specific(defer=False)
    rows, count = window(pages, offset, limit)
    return Listing(pages=rows, count=count, limit=limit, offset=offset)


def search(site: Site, *, q: str, limit: int, offset: int) -> Listing:
    """Return one window of the public pages matching `q`, best first."""
    hits = search_public_pages(site, q)
    hit_ids = [hit.id for hit in hits[offset : offset + limit]]
    specific = {
        page.id: page
        for page in Page.objects.filter(id__in=hit_ids).defer_streamfields().specific()
    }
    rows = [specific[hit_id] for hit_id in hit_ids if hit_id in specific]
    return Listing(pages=rows, count=len(hits), limit=limit, offset=offset)


def preview_page(*, content_type: str, token: str) -> Page:
    """Return the draft an editor previews in the app, from the signed token."""
    try:
        model = apps.get_model(content_type)
    except (LookupError, ValueError):
        model = None
    if model is None or not issubclass(model, AppPreviewMixin):
        raise ContentNotFound(_("No such preview."))
    page = model.get_page_from_preview_token(token)
    if page is None:
        raise ContentNotFound(_("No such preview, or it has expired."))
    return page
