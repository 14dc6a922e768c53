"""The content API's views: read-only, public, cacheable."""

from django.apps import apps
from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_datetime
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Page, Site

from apps.api.throttling import ClientAddressThrottle
from cms.api import caching, selectors, snippets
from cms.api.changes import changes_since
from cms.api.pages import page_cards, page_document
from cms.api.preview import AppPreviewMixin
from cms.selectors import search_public_pages


def query(name: str, description: str, kind=OpenApiTypes.STR, required=False):
    return OpenApiParameter(
        name, kind, OpenApiParameter.QUERY, required=required, description=description
    )


class ContentSchema(AutoSchema):
    """Operation ids and parameters come from the view; the typed response schemas
    are added by cms.api.schema.add_content_schemas."""

    def get_operation_id(self):
        return self.view.operation_id

    def get_override_parameters(self):
        return list(getattr(self.view, "parameters", []))

    def get_response_serializers(self):
        return OpenApiTypes.OBJECT

    def get_tags(self):
        return ["content"]


class ContentAPIView(APIView):
    """Anonymous on purpose: no session, no token. The answer is the same for everyone
    (byte-identical with or without a cookie), so it carries no `Vary: Cookie` and a
    CDN may cache it."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    cache_response = True
    schema = ContentSchema()
    operation_id = ""
    parameters = []

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if isinstance(exc, selectors.RedirectFound):
            # Clients navigate to the new address without another request.
            response.data["redirect"] = exc.redirect
        return response

    def get_site(self) -> Site:
        site = selectors.site_for_request(self.request)
        if site is None:
            raise exceptions.NotFound("No site is configured for this host.")
        return site

    def get(self, request, *args, **kwargs):
        # One read of the content version for the whole request, and one round trip
        # for the cached body and the site a miss needs.
        with caching.request_scope() as version:
            return self._get(request, version, *args, **kwargs)

    def _get(self, request, version: str, *args, **kwargs):
        host = request.get_host()
        full_path = request.get_full_path()
        etag = caching.etag_for(version, f"{host}{full_path}")
        if etag in request.headers.get("If-None-Match", ""):
            return self._cacheable(HttpResponse(status=304), etag)
        key = caching.response_key(version, f"{host}{full_path}")
        caching.fetch([key, selectors.site_key(version, host)])
        body = caching.get(key) if self.cache_response else None
        if body is None:
            response = Response(self.get_data(request, *args, **kwargs))
            response = self.finalize_response(request, response, *args, **kwargs)
            response.render()
            if response.status_code == 200 and self.cache_response:
                caching.set_many({key: response.content}, caching.RESPONSE_TIMEOUT)
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
    operation_id = "content_page_by_path"
    parameters = [query("path", "The page's path, e.g. /about/.", required=True)]

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
    operation_id = "content_page_detail"

    def get_data(self, request, page_id):
        site = self.get_site()
        page = selectors.public_page_by_id(site, page_id)
        if page is None:
            raise exceptions.NotFound(f"No public page with id {page_id}.")
        return page_document(page, site=site)


class PageListView(ContentAPIView):
    operation_id = "content_page_list"
    parameters = [
        query("type", "A page type, e.g. cms.articlepage."),
        query("child_of", "Only the children of this page id.", OpenApiTypes.INT),
        query("tag", "Only pages with this tag (slug)."),
        query("category", "Only pages in this category (slug)."),
        query(
            "order",
            "title, date, first_published_at or last_published_at; "
            "prefix - for descending.",
        ),
        query("limit", "How many cards (at most 100).", OpenApiTypes.INT),
        query("offset", "How many cards to skip.", OpenApiTypes.INT),
    ]

    def get_data(self, request):
        site = self.get_site()
        listing = selectors.page_listing(site, request.query_params)
        return {
            "count": listing.count,
            "limit": listing.limit,
            "offset": listing.offset,
            "results": page_cards(listing.pages, site=site),
        }


class NavigationView(ContentAPIView):
    operation_id = "content_navigation"

    def get_data(self, request):
        return snippets.navigation(self.get_site())


class SiteView(ContentAPIView):
    operation_id = "content_site"

    def get_data(self, request):
        return snippets.site_document(self.get_site())


class AnnouncementListView(ContentAPIView):
    operation_id = "content_announcements"
    # Announcements start and end on the clock, not on an edit: never reuse a body.
    cache_response = False

    def get_data(self, request):
        return {"results": snippets.live_announcements(self.get_site())}


class FAQListView(ContentAPIView):
    operation_id = "content_faqs"

    def get_data(self, request):
        return {"results": snippets.live_faqs(self.get_site())}


class ContentSlotView(ContentAPIView):
    operation_id = "content_slot"

    def get_data(self, request, key):
        slot = snippets.live_slot(self.get_site(), key)
        if slot is None:
            raise exceptions.NotFound(f"No published content slot {key!r}.")
        return slot


class SearchThrottle(ClientAddressThrottle):
    scope = "content_search"


class SearchView(ContentAPIView):
    operation_id = "content_search"
    parameters = [
        query("q", "What to search for.", required=True),
        query("limit", "How many results (at most 50).", OpenApiTypes.INT),
        query("offset", "How many results to skip.", OpenApiTypes.INT),
    ]
    throttle_classes = [SearchThrottle]

    def get_data(self, request):
        query = (request.query_params.get("q") or "").strip()
        if not query:
            raise exceptions.ValidationError({"q": ["Give something to search for."]})
        if len(query) > 200:
            raise exceptions.ValidationError({"q": ["At most 200 characters."]})
        site = self.get_site()
        limit = selectors.int_param(request.query_params, "limit", 20, 50)
        offset = selectors.int_param(request.query_params, "offset", 0)
        hits = search_public_pages(site, query)
        window = hits[offset : offset + limit]
        specific = {
            page.id: page
            for page in Page.objects.filter(id__in=[hit.id for hit in window])
            .defer_streamfields()
            .specific()
        }
        return {
            "count": len(hits),
            "limit": limit,
            "offset": offset,
            "results": page_cards(
                [specific[hit.id] for hit in window if hit.id in specific], site=site
            ),
        }


class ChangesView(ContentAPIView):
    operation_id = "content_changes"
    parameters = [
        query("since", "ISO 8601 time, e.g. 2026-01-31T12:00:00Z.", required=True)
    ]
    cache_response = False

    def get_data(self, request):
        raw = request.query_params.get("since", "")
        try:
            # A "+" in a query string arrives as a space.
            since = parse_datetime(raw.replace(" ", "+")) if raw else None
        except ValueError:
            since = None
        if since is None:
            raise exceptions.ValidationError(
                {"since": ["An ISO 8601 time is required, e.g. 2026-01-31T12:00:00Z."]}
            )
        if since.tzinfo is None:
            raise exceptions.ValidationError({"since": ["Give a time zone (e.g. Z)."]})
        return changes_since(self.get_site(), since)


class PreviewView(ContentAPIView):
    operation_id = "content_preview"
    parameters = [
        query("content_type", "The page type, e.g. cms.standardpage.", required=True),
        query("token", "The signed token from the preview link.", required=True),
    ]
    """The draft an editor is previewing, in the same shape as a live page."""

    def get(self, request):
        token = request.query_params.get("token", "")
        content_type = request.query_params.get("content_type", "")
        try:
            model = apps.get_model(content_type)
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, AppPreviewMixin) or not token:
            raise exceptions.NotFound("No such preview.")
        page = model.get_page_from_preview_token(token)
        if page is None:
            raise exceptions.NotFound("No such preview, or it has expired.")
        response = Response(page_document(page, site=self.get_site()))
        response["Cache-Control"] = "no-store"
        return response
