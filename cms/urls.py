"""Public CMS URLs outside the page tree (included by config/urls.py): search, in
each language (/de/search/), and the site's own files, once for all languages."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from cms import views
from cms.sitemap import PublicPagesSitemap

app_name = "cms"
urlpatterns = [
    path("search/", views.search, name="search"),
]

site_files = [
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"wagtail": PublicPagesSitemap}},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("favicon.ico", views.favicon_ico, name="favicon"),
]
