"""Root URLs: admin, APIs and site files once; the pages visitors read (Wagtail's
page tree last, as it catches all) in every language, the default one unprefixed
(/about/, /de/about/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from apps.accounts.views import page_password
from cms.urls import site_files

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("apps.api.urls")),
    path("api/content/v1/", include("cms.api.urls")),
    *site_files,
    # Wagtail's page-password address, through the sign-in attempt limiter.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password,
    ),
]

if settings.SERVE_MEDIA:
    from config.media import serve_image

    urlpatterns += [path(f"{settings.MEDIA_URL[1:]}<path:path>", serve_image)]

urlpatterns += i18n_patterns(
    path("events/", include("apps.events.urls")),
    path("", include("cms.urls")),
    path("accounts/", include("apps.accounts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# problem+json for API addresses, the site's HTML pages elsewhere.
handler400 = "apps.api.problems.bad_request"
handler403 = "apps.api.problems.permission_denied"
handler404 = "apps.api.problems.page_not_found"
handler500 = "apps.api.problems.server_error"
