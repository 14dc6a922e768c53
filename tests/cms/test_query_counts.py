"""Rendering a page costs a fixed number of queries, whatever the amount of content.

Each test renders a small and a large version of the same page under one bound. The
page cache is off (tests/cms/conftest.py), so every request renders. The bounds
include the database cache's own queries (Wagtail's rendition and site-root caches),
which Redis would not make."""

import pytest

from cms.models import NavigationMenu, NavigationMenuItem
from tests.factories.cms import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    CategoryFactory,
    ImageFactory,
    PersonFactory,
    SectionIndexPageFactory,
    StandardPageFactory,
    TestimonialFactory,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12


def body(size, target):
    testimonial = TestimonialFactory()
    blocks = []
    for n in range(size):
        blocks += [
            ("heading", {"text": f"Section {n}", "level": "h2", "anchor": ""}),
            # External links: Wagtail expands internal links once per rich-text
            # value (see the README), which would make this grow with blocks.
            ("rich_text", '<p>Text <a href="https://example.com">link</a></p>'),
            (
                "call_to_action",
                {"text": "Go", "page": target, "url": "", "style": "primary"},
            ),
            ("testimonial", {"testimonial": testimonial}),
            (
                "cards",
                {
                    "title": "",
                    "cards": [
                        {
                            "title": "A",
                            "text": "",
                            "image": None,
                            "page": target,
                            "url": "",
                        }
                    ],
                },
            ),
            ("upcoming_events", {"title": "Events", "limit": 3}),
        ]
    return blocks


def build_menu(home_page, size):
    pages = [StandardPageFactory(parent=home_page) for _ in range(size)]
    for location in ("main", "footer"):
        menu = NavigationMenu(location=location, live=True)
        menu.items = [
            NavigationMenuItem(link_page=page, sort_order=n)
            for n, page in enumerate(pages)
        ]
        menu.save()
    return pages


def render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_home_page_queries_do_not_grow_with_blocks_or_menu_items(
    client, home_page, django_assert_max_num_queries, size
):
    targets = build_menu(home_page, size)
    home_page.hero_image = ImageFactory()
    home_page.body = body(size, targets[0])
    home_page.save_revision().publish()
    render(client, "/")  # creates the renditions once

    with django_assert_max_num_queries(32):
        response = render(client, "/")
    assert response.content.count(b"Section ") == size


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_article_index_queries_do_not_grow_with_articles(
    client, home_page, django_assert_max_num_queries, size
):
    build_menu(home_page, 3)
    index = ArticleIndexPageFactory(parent=home_page)
    category = CategoryFactory()
    author = PersonFactory()
    for _ in range(size):
        article = ArticlePageFactory(
            parent=index, listing_image=ImageFactory(), category=category
        )
        article.authors.add(author)
        article.tags.add("news", "wagtail")
        article.save_revision().publish()
    render(client, index.url)

    with django_assert_max_num_queries(32):
        response = render(client, index.url)
    assert len(response.context["articles"]) == size


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_section_index_queries_do_not_grow_with_children(
    client, home_page, django_assert_max_num_queries, size
):
    build_menu(home_page, 3)
    section = SectionIndexPageFactory(parent=home_page)
    for _ in range(size):
        StandardPageFactory(parent=section, listing_image=ImageFactory())
    render(client, section.url)

    with django_assert_max_num_queries(30):
        response = render(client, section.url)
    assert len(response.context["children"]) == size


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_article_queries_do_not_grow_with_blocks_authors_tags_or_related(
    client, home_page, django_assert_max_num_queries, size
):
    build_menu(home_page, 3)
    index = ArticleIndexPageFactory(parent=home_page)
    category = CategoryFactory()
    for _ in range(size):
        ArticlePageFactory(
            parent=index, category=category, listing_image=ImageFactory()
        ).save_revision().publish()
    article = ArticlePageFactory(
        parent=index, category=category, listing_image=ImageFactory()
    )
    article.body = body(size, home_page)
    for _ in range(size):
        article.authors.add(PersonFactory())
    article.tags.add(*[f"tag{n}" for n in range(size)])
    article.save_revision().publish()
    render(client, article.url)

    with django_assert_max_num_queries(45):
        response = render(client, article.url)
    assert response.content.count(b"Section ") == size
