"""Every page type renders for visitors and only lives where it is allowed."""

import pytest
from wagtail.models import Page

from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageAuthor,
    FormPage,
    HomePage,
    LandingPage,
    NavigationMenu,
    NavigationMenuItem,
    SectionIndexPage,
    StandardPage,
)
from tests.factories.cms import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    CategoryFactory,
    FormFieldFactory,
    FormPageFactory,
    LandingPageFactory,
    PersonFactory,
    SectionIndexPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "parents", "children"),
    [
        (
            HomePage,
            {Page},
            {StandardPage, SectionIndexPage, ArticleIndexPage, LandingPage, FormPage},
        ),
        (
            StandardPage,
            {HomePage, SectionIndexPage, StandardPage},
            {StandardPage, FormPage},
        ),
        (
            SectionIndexPage,
            {HomePage, SectionIndexPage},
            {StandardPage, SectionIndexPage, ArticleIndexPage, LandingPage, FormPage},
        ),
        (ArticleIndexPage, {HomePage, SectionIndexPage}, {ArticlePage}),
        (ArticlePage, {ArticleIndexPage}, set()),
        (LandingPage, {HomePage, SectionIndexPage}, {FormPage}),
        (FormPage, {HomePage, SectionIndexPage, StandardPage, LandingPage}, set()),
    ],
)
def test_page_type_parents_and_children(model, parents, children):
    assert set(model.allowed_parent_page_models()) == parents
    assert set(model.allowed_subpage_models()) == children


def test_every_page_type_renders(client, home_page):
    section = SectionIndexPageFactory(parent=home_page)
    standard = StandardPageFactory(parent=section)
    news = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(parent=news, category=CategoryFactory())
    article.article_authors.add(
        ArticlePageAuthor(person=PersonFactory(name="Ada Writer"))
    )
    article.tags.add("wagtail")
    article.save_revision().publish()
    landing = LandingPageFactory(parent=home_page, hide_navigation=True)
    form_page = FormPageFactory(parent=home_page)
    FormFieldFactory(page=form_page, label="Your name")

    for page in (home_page, section, standard, news, article, landing, form_page):
        response = client.get(page.url)
        assert response.status_code == 200, page
        assert page.title.encode() in response.content

    assert b"Ada Writer" in client.get(article.url).content

    menu = NavigationMenu(location="main", live=True)
    menu.items = [NavigationMenuItem(link_page=standard, sort_order=0)]
    menu.save()
    assert b'aria-label="Main"' in client.get(home_page.url).content
    assert b'aria-label="Main"' not in client.get(landing.url).content
    assert client.get(news.url + "tag/wagtail/").status_code == 200
    assert client.get(news.url + "tag/unknown/").status_code == 404
    assert (
        client.get(news.url + f"category/{article.category.slug}/").status_code == 200
    )
    assert client.get(news.url + "feed/rss/")["Content-Type"].startswith(
        "application/rss+xml"
    )
    assert client.get(news.url + "feed/atom/")["Content-Type"].startswith(
        "application/atom+xml"
    )
    assert client.get("/search/?query=article").status_code == 200
