"""Public views outside the page tree: search, robots.txt, security.txt, favicon.ico."""

import datetime as dt
import math

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from apps.api.throttling import throttle_wait
from cms import selectors
from cms.api.views import SearchThrottle
from cms.models import SiteSettings

SEARCH_PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    """Search live, public pages; results keep the backend's ranking order."""
    query = (request.GET.get("query") or "").strip()[:MAX_QUERY_LENGTH]
    results = None
    promotions = []
    if query and (wait := throttle_wait(request, [SearchThrottle])) is not None:
        # Full-text queries cost: the same per-address budget as the content API's.
        response = TemplateResponse(
            request,
            "429.html",
            {"detail": _("Too many searches from your address. Try again shortly.")},
            status=429,
        )
        response["Retry-After"] = str(max(1, math.ceil(wait)))
        return response
    if query:
        site = Site.find_for_request(request)
        # Editors' picks are read, never written: a GET does not create Query rows
        # or count hits (anyone could fill the table).
        picks = list(
            SearchPromotion.objects.filter(
                query__query_string=normalise_query_string(query)
            )
            .order_by("sort_order")
            .values_list("page_id", flat=True)
        )
        promoted = selectors.public_pages(site).filter(pk__in=picks).specific()
        promotions = sorted(promoted, key=lambda page: picks.index(page.pk))
        promoted_ids = {page.pk for page in promotions}
        matches = [
            hit
            for hit in selectors.search_public_pages(site, query)
            if hit.pk not in promoted_ids
        ]
        results = selectors.paginate(request, matches, per_page=SEARCH_PAGE_SIZE)
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


@require_GET
@cache_control(max_age=86400, public=True)
def favicon_ico(request):
    """Send browsers and crawlers that ask for /favicon.ico to the icon in the static
    files (pages link their icons; this answers the ones that guess)."""
    return redirect(static("favicons/favicon.ico"))
