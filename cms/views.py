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
        promotions = [
            pick.page.specific
            for pick in search_query.editors_picks.select_related("page")
            if pick.page.live and pick.page.specific_deferred is not None
        ]
        promoted_ids = {page.pk for page in promotions}
        matches = pages.exclude(pk__in=promoted_ids).search(query)
        results = paginate(request, matches, per_page=SEARCH_PAGE_SIZE)
        # Load the specific pages of this page of results only, keeping the order.
        results.object_list = [page.specific for page in results.object_list]
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
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(max_age=3600, public=True)
def security_txt(request):
    site_settings = SiteSettings.for_request(request)
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
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
