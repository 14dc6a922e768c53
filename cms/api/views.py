"""The content API's views: read-only, public, cacheable."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site

from cms.api import caching, selectors
from cms.api.pages import page_cards, page_document


class ContentAPIView(APIView):
    """Anonymous on purpose: no session, no token. The answer is the same for everyone
    (byte-identical with or without a cookie), so it carries no `Vary: Cookie` and a
    CDN may cache it."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    cache_response = True

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if isinstance(exc, selectors.RedirectFound):
            # Clients navigate to the new address without another request.
            response.data["redirect"] = exc.redirect
        return response

    def get_site(self) -> Site:
        site = Site.find_for_request(self.request)
        if site is None:
            raise exceptions.NotFound("No site is configured for this host.")
        return site

    def get(self, request, *args, **kwargs):
        version = caching.content_version()
        full_path = request.get_full_path()
        etag = caching.etag_for(version, f"{request.get_host()}{full_path}")
        if etag in request.headers.get("If-None-Match", ""):
            return self._cacheable(HttpResponse(status=304), etag)
        key = caching.response_key(version, f"{request.get_host()}{full_path}")
        body = cache.get(key) if self.cache_response else None
        if body is None:
            response = Response(self.get_data(request, *args, **kwargs))
            response = self.finalize_response(request, response, *args, **kwargs)
            response.render()
            if response.status_code == 200 and self.cache_response:
                cache.set(key, response.content, caching.RESPONSE_TIMEOUT)
            return self._cacheable(response, etag)
        response = HttpResponse(body, content_type="application/json")
        return self._cacheable(response, etag)

    def _cacheable(self, response, etag: str):
        response["ETag"] = etag
        patch_cache_control(
            response,
            public=True,
            max_age=settings.CONTENT_API_MAX_AGE,
            stale_while_revalidate=settings.CONTENT_API_STALE_WHILE_REVALIDATE,
        )
        return response

    def get_data(self, request, *args, **kwargs):
        raise NotImplementedError


class PageByPathView(ContentAPIView):
    def get_data(self, request):
        site = self.get_site()
        path = request.query_params.get("path")
        if not path:
            raise exceptions.ValidationError(
                {"path": ["This query parameter is required."]}
            )
        page = selectors.public_page_by_path(site, path)
        if page is None:
            redirect = selectors.redirect_for_path(site, path)
            if redirect is not None:
                raise selectors.RedirectFound(redirect)
            raise exceptions.NotFound(f"No public page at {path}.")
        return page_document(page, site=site)


class PageDetailView(ContentAPIView):
    def get_data(self, request, page_id):
        site = self.get_site()
        page = selectors.public_page_by_id(site, page_id)
        if page is None:
            raise exceptions.NotFound(f"No public page with id {page_id}.")
        return page_document(page, site=site)


class PageListView(ContentAPIView):
    def get_data(self, request):
        site = self.get_site()
        listing = selectors.page_listing(site, request.query_params)
        return {
            "count": listing.count,
            "limit": listing.limit,
            "offset": listing.offset,
            "results": page_cards(listing.pages, site=site),
        }
