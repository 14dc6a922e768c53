"""Public views outside the page tree: search, robots.txt, security.txt."""

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

from cms.models import SiteSettings
from cms.models.pages import paginate
from cms.search import plain_text

SEARCH_PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    """Search live, public pages; results keep the backend's ranking order."""
    query = (request.GET.get("query") or "").strip()[:MAX_QUERY_LENGTH]
    results = None
    promotions = []
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        search_query = Query.get(query)
        search_query.add_hit()
        promoted = pages.filter(
            pk__in=search_query.editors_picks.values("page_id")
        ).specific()
        order = {
            page_id: position
            for position, page_id in enumerate(
                search_query.editors_picks.order_by("sort_order").values_list(
                    "page_id", flat=True
                )
            )
        }
        promotions = sorted(promoted, key=lambda page: order[page.pk])
        promoted_ids = {page.pk for page in promotions}
        text = plain_text(query)
        matches = pages.exclude(pk__in=promoted_ids)
        matches = matches.search(text) if text else matches.none()
        results = paginate(request, matches, per_page=SEARCH_PAGE_SIZE)
        # Load the specific pages of this page of results only (a query per page
        # type, not per result), keeping the backend's ranking order.
        ids = [page.pk for page in results.object_list]
        by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        results.object_list = [by_id[pk] for pk in ids if pk in by_id]
        for page in results.object_list:
            # Not every page type has an introduction (the home page has none).
            page.summary = page.search_description or getattr(page, "introduction", "")
    return TemplateResponse(
        request,
        "cms/search.html",
        {"query": query, "results": results, "promotions": promotions},
    )


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *"]
    if settings.ENVIRONMENT == "production":
        lines.append("Disallow: /admin/")
    else:
        # Staging, review apps and laptops must never be indexed.
        lines.append("Disallow: /")
    # The address the sitemap's own links use (the Site follows BASE_URL), not the
    # Host header this request happened to arrive with.
    lines.append(f"Sitemap: {settings.BASE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(max_age=3600, public=True)
def security_txt(request):
    try:
        site_settings = SiteSettings.for_request(request)
    except SiteSettings.DoesNotExist:  # no Wagtail site matches this host
        site_settings = SiteSettings()
    contact = site_settings.security_contact or (
        f"mailto:{site_settings.contact_email}"
        if site_settings.contact_email
        else f"mailto:{settings.DEFAULT_FROM_EMAIL}"
    )
    expires = (timezone.now() + dt.timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: en",
        f"Canonical: {settings.BASE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
