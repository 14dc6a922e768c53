"""The content API's views: read-only, public, cacheable."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
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
    filter_class = filters.LocaleFilter
    response_serializer = None
    _parameters = None

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

    def dispatch(self, request, *args, **kwargs):
        # Problems too (title and detail) are in the language asked for.
        language = self.requested_language(request)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
        if len(settings.LANGUAGES) > 1:
            response["Content-Language"] = language
        return response

    def requested_language(self, request) -> str:
        """Return the language asked for, before validation: `locale`'s when it is
        a configured language, else the default one."""
        locale = request.GET.get("locale", "").lower()
        return locale if locale in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    def get_site(self) -> Site:
        return selectors.site_for_request(self.request)

    def get_filters(self) -> dict:
        """Return the query parameters, validated by the view's filter serializer
        (all but `locale`: see language())."""
        return {
            name: value
            for name, value in self.validated_parameters().items()
            if name != "locale"
        }

    def validated_parameters(self) -> dict:
        if self._parameters is None:
            params = self.filter_class(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            self._parameters = params.validated_data
        return self._parameters

    def language(self) -> str:
        """Return the language the answer is in: the `locale` parameter's."""
        return self.validated_parameters()["locale"]

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

    def get_data(self, request, **kwargs):
        # Every read (cms.selectors) and path answers in the active language.
        with translation.override(self.language()):
            instance, context = self.read(self.get_site(), **kwargs)
            return self.serialize(instance, context)

    def read(self, site: Site, **kwargs) -> tuple[object, dict]:
        """Return what to serialize, and the serializer's context: the references
        it needs, resolved (serializers run no queries)."""
        raise NotImplementedError

    def serialize(self, instance, context: dict) -> dict:
        return self.response_serializer(instance, context=context).data


class PageDocumentView(ContentAPIView):
    response_serializer = serializers.PAGE_DOCUMENT

    def serialize(self, page, context: dict) -> dict:
        return serializers.page_document(page, context)

    def document(self, page: Page, site: Site) -> tuple[Page, dict]:
        return page, document_references(page, site=site)


class PageByPathView(PageDocumentView):
    """The path is the page's address on the site, and carries its language as
    the site's addresses do (/de/about/ is German, /about/ the default language);
    `locale`, when given, must name the same language."""

    operation_id = "content_page_by_path"
    filter_class = filters.PathFilter

    def requested_language(self, request) -> str:
        return selectors.path_language(request.GET.get("path", ""))

    def language(self) -> str:
        language = selectors.path_language(self.get_filters()["path"])
        if self.request.query_params.get("locale") and (
            self.validated_parameters()["locale"] != language
        ):
            raise InvalidFilter(
                "locale",
                _(
                    "The path is in %(language)s: leave locale out, "
                    "or give %(language)s."
                )
                % {"language": language},
            )
        return language

    def read(self, site):
        path = self.get_filters()["path"]
        return self.document(selectors.page_at_path(site, path), site)


class PageDetailView(PageDocumentView):
    operation_id = "content_page_detail"

    def read(self, site, page_id):
        return self.document(selectors.page_by_id(site, page_id), site)


class PreviewView(PageDocumentView):
    """The draft an editor is previewing, in the same shape as a live page."""

    operation_id = "content_preview"
    filter_class = filters.PreviewFilter

    def get(self, request):
        page = selectors.preview_page(**self.get_filters())
        # In the draft's own language.
        with translation.override(page.locale.language_code):
            instance, context = self.document(page, self.get_site())
            response = Response(self.serialize(instance, context))
        response["Cache-Control"] = "no-store"
        return response


class PageListView(ContentAPIView):
    operation_id = "content_page_list"
    filter_class = filters.PageListFilter
    response_serializer = serializers.PageCardListSerializer

    def read(self, site):
        listing = selectors.page_listing(site, **self.get_filters())
        return listing, {"resolved": card_references(listing.pages, site=site)}


class SearchThrottle(ClientAddressThrottle):
    scope = "content_search"


class SearchView(PageListView):
    operation_id = "content_search"
    filter_class = filters.SearchFilter
    throttle_classes = [SearchThrottle]

    def read(self, site):
        listing = selectors.search(site, **self.get_filters())
        return listing, {"resolved": card_references(listing.pages, site=site)}


class NavigationView(ContentAPIView):
    operation_id = "content_navigation"
    response_serializer = serializers.NavigationSerializer

    def read(self, site):
        links, resolved = snippets.navigation(site)
        return links, {"resolved": resolved}


class SiteView(ContentAPIView):
    operation_id = "content_site"
    response_serializer = serializers.SiteDocumentSerializer

    def read(self, site):
        settings, resolved = snippets.site_settings_with_references(site)
        return settings, {"resolved": resolved}


class AnnouncementListView(ContentAPIView):
    operation_id = "content_announcements"
    response_serializer = serializers.AnnouncementListSerializer
    # Announcements start and end on the clock, not on an edit: never reuse a body.
    cache_response = False

    def read(self, site):
        results, resolved = snippets.live_announcements(site)
        return {"results": results}, {"resolved": resolved}


class FAQListView(ContentAPIView):
    operation_id = "content_faqs"
    response_serializer = serializers.FAQListSerializer

    def read(self, site):
        results, resolved = snippets.live_faqs(site)
        return {"results": results}, {"resolved": resolved}


class ContentSlotView(ContentAPIView):
    operation_id = "content_slot"
    response_serializer = serializers.ContentSlotDocumentSerializer

    def read(self, site, key):
        slot, resolved = snippets.live_slot(site, key)
        return slot, {"resolved": resolved}


class ChangesView(ContentAPIView):
    operation_id = "content_changes"
    filter_class = filters.ChangesFilter
    response_serializer = serializers.ChangesSerializer
    cache_response = False

    def read(self, site):
        return changes_since(site, self.get_filters()["since"]), {}
