"""The content API's views: read-only, public, cacheable."""

from django.apps import apps
from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from drf_spectacular.openapi import AutoSchema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Page, Site

from apps.api.throttling import ClientAddressThrottle
from cms.api import caching, filters, selectors, serializers, snippets
from cms.api.changes import changes_since
from cms.api.errors import ContentNotFound, InvalidFilter, RedirectFound
from cms.api.pages import card_references, document_references
from cms.api.preview import AppPreviewMixin
from cms.api.serializers import page_document


class ContentSchema(AutoSchema):
    """Operation ids, query parameters (the view's filter serializer) and responses
    (its output serializer) come from the view."""

    def get_operation_id(self):
        return self.view.operation_id

    def get_override_parameters(self):
        return [self.view.filter_class] if self.view.filter_class else []

    def get_response_serializers(self):
        return self.view.response_serializer

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
    filter_class = None
    response_serializer = None

    def handle_exception(self, exc):
        """Answer the selectors' domain errors (cms.api.errors) as HTTP problems."""
        if isinstance(exc, InvalidFilter):
            exc = exceptions.ValidationError({exc.field: [exc.message]})
        elif isinstance(exc, ContentNotFound):
            response = super().handle_exception(exceptions.NotFound(str(exc)))
            if isinstance(exc, RedirectFound):
                # Clients navigate to the new address without another request.
                response.data["redirect"] = exc.redirect
            return response
        return super().handle_exception(exc)

    def get_site(self) -> Site:
        return selectors.site_for_request(self.request)

    def get_filters(self) -> dict:
        return filters.validated(self.filter_class, self.request)

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


def document(page: Page, site: Site) -> dict:
    resolved, social_image_id = document_references(page, site=site)
    return page_document(page, resolved=resolved, social_image_id=social_image_id)


def card_list(listing: selectors.Listing, site: Site) -> dict:
    context = {"resolved": card_references(listing.pages, site=site)}
    return serializers.PageCardListSerializer(listing, context=context).data


class PageByPathView(ContentAPIView):
    operation_id = "content_page_by_path"
    filter_class = filters.PathFilter
    response_serializer = serializers.PAGE_DOCUMENT

    def get_data(self, request):
        site = self.get_site()
        path = self.get_filters()["path"]
        return document(selectors.page_at_path(site, path), site)


class PageDetailView(ContentAPIView):
    operation_id = "content_page_detail"
    response_serializer = serializers.PAGE_DOCUMENT

    def get_data(self, request, page_id):
        site = self.get_site()
        return document(selectors.page_by_id(site, page_id), site)


class PageListView(ContentAPIView):
    operation_id = "content_page_list"
    filter_class = filters.PageListFilter
    response_serializer = serializers.PageCardListSerializer

    def get_data(self, request):
        site = self.get_site()
        return card_list(selectors.page_listing(site, **self.get_filters()), site)


class NavigationView(ContentAPIView):
    operation_id = "content_navigation"
    response_serializer = serializers.NavigationSerializer

    def get_data(self, request):
        links, resolved = snippets.navigation(self.get_site())
        context = {"resolved": resolved}
        return serializers.NavigationSerializer(links, context=context).data


class SiteView(ContentAPIView):
    operation_id = "content_site"
    response_serializer = serializers.SiteDocumentSerializer

    def get_data(self, request):
        settings, resolved = snippets.site_settings_with_references(self.get_site())
        context = {"resolved": resolved}
        return serializers.SiteDocumentSerializer(settings, context=context).data


class AnnouncementListView(ContentAPIView):
    operation_id = "content_announcements"
    response_serializer = serializers.AnnouncementListSerializer
    # Announcements start and end on the clock, not on an edit: never reuse a body.
    cache_response = False

    def get_data(self, request):
        results, resolved = snippets.live_announcements(self.get_site())
        return self.response_serializer(
            {"results": results}, context={"resolved": resolved}
        ).data


class FAQListView(ContentAPIView):
    operation_id = "content_faqs"
    response_serializer = serializers.FAQListSerializer

    def get_data(self, request):
        results, resolved = snippets.live_faqs(self.get_site())
        return self.response_serializer(
            {"results": results}, context={"resolved": resolved}
        ).data


class ContentSlotView(ContentAPIView):
    operation_id = "content_slot"
    response_serializer = serializers.ContentSlotDocumentSerializer

    def get_data(self, request, key):
        slot, resolved = snippets.live_slot(self.get_site(), key)
        return self.response_serializer(slot, context={"resolved": resolved}).data


class SearchThrottle(ClientAddressThrottle):
    scope = "content_search"


class SearchView(ContentAPIView):
    operation_id = "content_search"
    filter_class = filters.SearchFilter
    response_serializer = serializers.PageCardListSerializer
    throttle_classes = [SearchThrottle]

    def get_data(self, request):
        params = self.get_filters()
        site = self.get_site()
        query = params.pop("q")
        return card_list(selectors.search(site, query, **params), site)


class ChangesView(ContentAPIView):
    operation_id = "content_changes"
    filter_class = filters.ChangesFilter
    response_serializer = serializers.ChangesSerializer
    cache_response = False

    def get_data(self, request):
        since = self.get_filters()["since"]
        changes = changes_since(self.get_site(), since)
        return serializers.ChangesSerializer(changes).data


class PreviewView(ContentAPIView):
    """The draft an editor is previewing, in the same shape as a live page."""

    operation_id = "content_preview"
    filter_class = filters.PreviewFilter
    response_serializer = serializers.PAGE_DOCUMENT

    def get(self, request):
        params = self.get_filters()
        try:
            model = apps.get_model(params["content_type"])
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, AppPreviewMixin):
            raise exceptions.NotFound("No such preview.")
        page = model.get_page_from_preview_token(params["token"])
        if page is None:
            raise exceptions.NotFound("No such preview, or it has expired.")
        response = Response(document(page, self.get_site()))
        response["Cache-Control"] = "no-store"
        return response
