"""The language of each request.

Pages take theirs from the address (/de/... ; no prefix is the default language), the
business API (/api/v1/) from Accept-Language, everything else (the admin, which follows
each editor's own preference, and the content API) is in the default language.

Accept-Language never changes what a page address shows, so the page cache and CDNs
key pages by the URL alone (no `Vary: Accept-Language`, unlike Django's
LocaleMiddleware). It only redirects a first visit to the site's root, once, to the
visitor's preferred language: that redirect alone varies on it and is never shared."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


def is_multilingual() -> bool:
    return len(settings.LANGUAGES) > 1


def home_url() -> str:
    """Return the home page's address in the active language (/ or /de/)."""
    return reverse("wagtail_serve", args=[""])


def request_language(request) -> str:
    """Return the language this request is answered in."""
    if not is_multilingual():
        return settings.LANGUAGE_CODE
    if request.path_info.startswith(settings.BUSINESS_API_PREFIX):
        # Accept-Language, or the language the visitor chose on the site (cookie).
        return translation.get_language_from_request(request)
    return (
        translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    )


def first_visit_redirect(request) -> str | None:
    """Return the language a first visit to the site's root is redirected to: the
    visitor's preferred one, when that is not the default; else None.

    "First": without the language cookie, which the redirect sets, so the visitor's
    later choice of the default language (the switcher's link to /) is respected."""
    if (
        not is_multilingual()
        or request.method not in ("GET", "HEAD")
        or request.path_info != "/"
        or settings.LANGUAGE_COOKIE_NAME in request.COOKIES
    ):
        return None
    preferred = translation.get_language_from_request(request)
    return None if preferred == settings.LANGUAGE_CODE else preferred


class LanguageMiddleware:
    """Activate the request's language (request_language), or redirect a first visit
    (first_visit_redirect)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_language = first_visit_redirect(request)
        if redirect_language is not None:
            return self._redirect(request, redirect_language)
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if is_multilingual():
            if request.path_info.startswith(settings.BUSINESS_API_PREFIX):
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
            response.headers.setdefault("Content-Language", language)
        return response

    def _redirect(self, request, language):
        query = request.get_full_path()[len(request.path) :]
        response = HttpResponseRedirect(f"{request.path}{language}/{query}")
        # The one answer that depends on Accept-Language: a CDN must not give it to
        # a visitor who prefers another language, nor keep it at all.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
        remember_language(request, response, language)
        return response


def remember_language(request, response, language: str) -> None:
    """Set the language cookie: the business API answers the visitor in it, and the
    site's root no longer redirects them by Accept-Language."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
