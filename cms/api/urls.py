"""The content API, version 1: /api/content/v1/."""

from django.urls import path

from cms.api import views

app_name = "content-api"
urlpatterns = [
    path("pages/", views.PageListView.as_view(), name="page-list"),
    path("pages/by-path/", views.PageByPathView.as_view(), name="page-by-path"),
    path("pages/<int:page_id>/", views.PageDetailView.as_view(), name="page-detail"),
]
