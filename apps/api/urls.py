"""The API root: the OpenAPI document, its docs page and the business API (v1)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

v1 = [
    path("accounts/", include("apps.accounts.api.urls")),
    path("", include("apps.events.api.urls")),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("v1/", include((v1, "v1"))),
]
