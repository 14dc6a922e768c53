"""The content API, version 1: /api/content/v1/."""

from django.urls import path

from cms.api import views

app_name = "content-api"
urlpatterns = [
    path("pages/", views.PageListView.as_view(), name="page-list"),
    path("pages/by-path/", views.PageByPathView.as_view(), name="page-by-path"),
    path("pages/<int:page_id>/", views.PageDetailView.as_view(), name="page-detail"),
    path("navigation/", views.NavigationView.as_view(), name="navigation"),
    path("site/", views.SiteView.as_view(), name="site"),
    path("announcements/", views.AnnouncementListView.as_view(), name="announcements"),
    path("faqs/", views.FAQListView.as_view(), name="faqs"),
    path("slots/<slug:key>/", views.ContentSlotView.as_view(), name="slot"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("preview/", views.PreviewView.as_view(), name="preview"),
]
