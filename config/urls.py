"""Root URLs: admin, APIs, and Wagtail's page tree last (it catches all)."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from apps.accounts.views import page_password

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("events/", include("apps.events.urls")),
    path("api/", include("apps.api.urls")),
    path("api/content/v1/", include("cms.api.urls")),
    path("", include("cms.urls")),
    path("accounts/", include("apps.accounts.urls")),
]

if settings.SERVE_MEDIA:
    from config.media import serve_image

    urlpatterns += [path(f"{settings.MEDIA_URL[1:]}<path:path>", serve_image)]

urlpatterns += [
    # Wagtail's page-password address, through the sign-in attempt limiter.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password,
    ),
    path("", include(wagtail_urls)),
]

# problem+json for API addresses, the site's HTML pages elsewhere.
handler400 = "apps.api.problems.bad_request"
handler403 = "apps.api.problems.permission_denied"
handler404 = "apps.api.problems.page_not_found"
handler500 = "apps.api.problems.server_error"
