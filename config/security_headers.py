"""Security headers: CSP and Permissions-Policy, which Django does not set itself, and
Django's own on every response, its refusals included."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.exception import response_for_exception
from django.middleware import security

# The admin's policy: same origins, but inline scripts and styles allowed, because
# Wagtail's admin templates still use them. Public pages never get this policy.
ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https:"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with a separate policy for the Wagtail admin."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(
            settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES
        ):
            parts.config = ADMIN_POLICY
            # A nonce next to 'unsafe-inline' would make browsers ignore the latter.
            parts.nonce = None
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RefusedHostMiddleware:
    """Refuse a Host that ALLOWED_HOSTS does not list here, just outside Django's
    SecurityMiddleware, with its headers and the ones above: otherwise whichever
    middleware first asks for the host (the HTTPS redirect, CommonMiddleware) raises,
    and the 400 leaves without the headers of the middleware it skipped."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.security = security.SecurityMiddleware(get_response)

    def __call__(self, request):
        try:
            request.get_host()
        except DisallowedHost as exc:
            response = response_for_exception(request, exc)
            return self.security.process_response(request, response)
        return self.get_response(request)
