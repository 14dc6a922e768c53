"""Search engines and social networks get titles, canonical links and structured data;
robots.txt, security.txt and the 404 page behave."""

import json
import re

import pytest
from wagtail.models import Site

from cms.models import ArticlePageAuthor, SiteSettings
from tests.factories.cms import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ImageFactory,
    PersonFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def json_ld(content: bytes) -> list[dict]:
    match = re.search(rb'<script type="application/ld\+json">(.*?)</script>', content)
    return json.loads(match.group(1))["@graph"]


@pytest.fixture
def site_settings(home_page):
    settings = SiteSettings.for_site(Site.objects.get())
    settings.organisation_name = "Northwind"
    settings.default_social_image = ImageFactory(title="Fallback")
    settings.save()
    return settings


def test_article_has_title_suffix_canonical_social_tags_and_json_ld(
    client, home_page, site_settings
):
    index = ArticleIndexPageFactory(parent=home_page, title="News", slug="news")
    article = ArticlePageFactory(
        parent=index, title="Hello", slug="hello", introduction="About hello."
    )
    article.article_authors.add(ArticlePageAuthor(person=PersonFactory(name="Ada")))
    article.save_revision().publish()

    content = client.get(article.url).content

    assert b"<title>Hello | Northwind</title>" in content
    assert b'<meta name="description" content="About hello.">' in content
    assert b'<link rel="canonical" href="http://testserver/news/hello/">' in content
    assert b'<meta property="og:type" content="article">' in content
    assert b'property="og:image" content="http://testserver/' in content
    graph = {item["@type"]: item for item in json_ld(content)}
    assert graph["Organization"]["name"] == "Northwind"
    assert graph["Article"]["headline"] == "Hello"
    assert graph["Article"]["author"] == [{"@type": "Person", "name": "Ada"}]
    names = [item["name"] for item in graph["BreadcrumbList"]["itemListElement"]]
    assert names == ["Home", "News", "Hello"]


def test_breadcrumb_marks_the_current_page(client, home_page):
    page = StandardPageFactory(parent=home_page, title="About", slug="about")

    content = client.get(page.url).content.decode()

    assert '<nav class="breadcrumbs container" aria-label="Breadcrumb">' in content
    assert '<a href="/about/" aria-current="page">About</a>' in content


def test_public_pages_have_no_inline_scripts_or_styles(client, home_page):
    content = client.get("/").content.decode()

    assert "style=" not in content
    assert "<style" not in content
    scripts = re.findall(r"<script([^>]*)>", content)
    assert scripts
    for attributes in scripts:
        assert "src=" in attributes or 'type="application/ld+json"' in attributes


def test_noindex_page_asks_robots_not_to_index(client, home_page):
    page = StandardPageFactory(parent=home_page, noindex=True)

    assert b'<meta name="robots" content="noindex">' in client.get(page.url).content


def test_robots_txt_disallows_everything_outside_production(client, settings):
    settings.ENVIRONMENT = "staging"

    body = client.get("/robots.txt").content.decode()

    assert "Disallow: /\n" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_robots_txt_allows_indexing_in_production(client, settings):
    settings.ENVIRONMENT = "production"

    body = client.get("/robots.txt").content.decode()

    assert "Disallow: /\n" not in body
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_security_txt_names_a_contact_and_an_expiry(client, site_settings):
    site_settings.contact_email = "security@example.com"
    site_settings.save()

    response = client.get("/.well-known/security.txt")

    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Contact: mailto:security@example.com" in body
    assert re.search(r"^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body, re.M)


def test_sitemap_lists_live_pages(client, home_page):
    StandardPageFactory(parent=home_page, slug="about")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert b"<loc>http://testserver/about/</loc>" in response.content


def test_unknown_address_gets_the_friendly_404(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Go to the home page" in response.content


def test_security_txt_works_without_any_site(client, db):
    from wagtail.models import Site

    Site.objects.all().delete()

    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert b"Contact: mailto:" in response.content
