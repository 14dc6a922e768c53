"""Reads for the content API: which public pages answer a path, an id or a listing."""

import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from rest_framework import exceptions
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from cms.api import caching, fields
from cms.selectors import public_pages, window

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
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class RedirectFound(exceptions.NotFound):
    """No page lives at the path, but a redirect says where it went."""

    def __init__(self, redirect: dict):
        super().__init__(f"The page moved to {redirect['location']}.")
        self.redirect = redirect


def site_key(version: str, host: str) -> str:
    return f"content-api:site:{version}:{host}"


def site_for_request(request) -> Site | None:
    """Return the Wagtail site answering this host, cached per content version."""
    key = site_key(caching.content_version(), request.get_host())
    site = caching.get(key)
    if site is None:
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - load it before caching the site
            caching.set_many({key: site}, caching.RESPONSE_TIMEOUT)
    return site


def _url_path(site: Site, path: str) -> str:
    parts = [part for part in path.split("?")[0].split("/") if part]
    return site.root_page.url_path + "".join(f"{part}/" for part in parts)


def _with_relations(pages: QuerySet) -> QuerySet:
    """Load a page's many-to-many fields, tags and inlines of choices with it (one
    query each), so that serializing it runs none."""
    names = [
        field.name
        for field in pages.model._meta.get_fields()
        if isinstance(field, ParentalManyToManyField | ClusterTaggableManager)
    ]
    inlines = fields.CHOSEN_BY_INLINE.get(pages.model._meta.label_lower, {})
    names += [relation for relation, _ in inlines.values()]
    return pages.prefetch_related(*names)


def public_page_by_path(site: Site, path: str) -> Page | None:
    """Return the specific public page at `path`.

    Which page type lives at a path is kept in the cache per content version (any
    publish, move or deletion moves the version on), so a known path costs one query
    on the page type's table instead of two (the base page, then the specific one).
    """
    url_path = _url_path(site, path)
    # Hashed: the path comes from the client, and cache keys have limits.
    digest = hashlib.sha256(url_path.encode()).hexdigest()
    key = f"content-api:route:{caching.content_version()}:{site.pk}:{digest}"
    content_type_id = caching.get(key)
    if content_type_id is None:
        page = public_pages(site).filter(url_path=url_path).first()
        if page is None:
            return None
        content_type_id = page.content_type_id
        caching.set_many({key: content_type_id}, caching.RESPONSE_TIMEOUT)
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return _with_relations(
        public_pages(site, model=model).filter(url_path=url_path)
    ).first()


def public_page_by_id(site: Site, page_id: int) -> Page | None:
    page = public_pages(site).filter(id=page_id).first()
    if page is None:
        return None
    model = page.specific_class
    if model is None:
        return None
    return _with_relations(public_pages(site, model=model).filter(id=page_id)).first()


def redirect_for_path(site: Site, path: str) -> dict | None:
    old_path = Redirect.normalise_path(path)
    redirect = (
        Redirect.get_for_site(site)
        .filter(old_path=old_path)
        .select_related("redirect_page")
        .first()
    )
    if redirect is None:
        return None
    location = redirect.link
    if location is None:
        return None
    if location.startswith("/"):
        location = site.root_url.rstrip("/") + location
    return {"location": location, "permanent": redirect.is_permanent}


def page_model_for(type_name: str):
    try:
        model = apps.get_model(type_name)
    except (LookupError, ValueError):
        model = None
    if model is None or not issubclass(model, Page):
        raise exceptions.ValidationError(
            {"type": [f"Unknown page type {type_name!r}; use e.g. 'cms.articlepage'."]}
        )
    return model


@dataclass
class Listing:
    pages: list
    count: int
    limit: int
    offset: int


def int_param(params, name: str, default: int, maximum: int | None = None) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise exceptions.ValidationError(
            {name: ["A whole number is required."]}
        ) from None
    if value < 0:
        raise exceptions.ValidationError({name: ["Must be zero or more."]})
    return min(value, maximum) if maximum is not None else value


def page_listing(site: Site, params) -> Listing:
    """Return one page of public pages, filtered and ordered as the client asked."""
    model = page_model_for(params["type"]) if params.get("type") else Page
    pages = public_pages(site, model=model).defer_streamfields()
    field_names = {field.name for field in model._meta.get_fields()}

    if params.get("child_of"):
        parent_id = int_param(params, "child_of", 0)
        parent = Page.objects.filter(id=parent_id).values("path", "depth").first()
        if parent is None:
            raise exceptions.ValidationError({"child_of": ["No such page."]})
        pages = pages.filter(path__startswith=parent["path"], depth=parent["depth"] + 1)
    if params.get("tag"):
        if "tags" not in field_names:
            raise exceptions.ValidationError({"tag": ["This page type has no tags."]})
        pages = pages.filter(tags__slug=params["tag"])
    if params.get("category"):
        if "category" not in field_names:
            raise exceptions.ValidationError(
                {"category": ["This page type has no category."]}
            )
        pages = pages.filter(category__slug=params["category"])
    # Newest first by default, as the site lists: by the date shown where a page
    # type has one (articles), else by first publication.
    newest = "-date" if "date" in field_names else "-first_published_at"
    order = params.get("order") or newest
    if order not in LISTING_ORDERS or order.lstrip("-") not in field_names:
        raise exceptions.ValidationError(
            {"order": [f"Order by one of: {', '.join(sorted(LISTING_ORDERS))}."]}
        )
    # Ties broken in the same direction, as the site does ("-date", "-pk").
    pages = pages.order_by(LISTING_ORDERS[order], "-id" if order[0] == "-" else "id")

    limit = int_param(params, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    offset = int_param(params, "offset", 0)
    if model is Page:
        pages = pages.specific(defer=False)
    rows, count = window(pages, offset, limit)
    return Listing(pages=rows, count=count, limit=limit, offset=offset)
