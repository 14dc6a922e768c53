"""Business API responses are personal: no browser, proxy or CDN may store them.

Profiles, exports, bookings, tokens (a new token is in the response body) and sign-in
answers all live under /api/v1/, so every response there that does not set its own
Cache-Control gets `private, no-store`. The content API (/api/content/v1/) is public
and sets its own."""

from django.conf import settings


class PersonalResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(settings.BUSINESS_API_PREFIX):
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response
