"""The site answering a request comes from the cache (cms.chrome.find_site): no query
for the site or its root page on a warm request, and a changed site is seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.factories.cms import StandardPageFactory

pytestmark = pytest.mark.django_db


def site_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries if '"wagtailcore_site"' in q["sql"]]


def test_a_warm_request_looks_up_no_site(client, home_page):
    page = StandardPageFactory(parent=home_page)
    assert site_queries(client, page.url)  # the first request fills the cache

    assert site_queries(client, page.url) == []
    assert site_queries(client, "/") == []


def test_a_changed_site_is_used_by_the_next_request(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.example.org"]
    page = StandardPageFactory(parent=home_page)
    client.get(page.url)

    site = Site.objects.get(is_default_site=True)
    site.hostname = "www.example.org"
    site.site_name = "Renamed"
    site.save()

    response = client.get(page.url, HTTP_HOST="www.example.org")
    assert response.status_code == 200
    assert response.wsgi_request._wagtail_site.site_name == "Renamed"
    assert b"http://www.example.org/" in response.content  # canonical link
