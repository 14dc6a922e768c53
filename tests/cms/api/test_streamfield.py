"""StreamField and rich text become typed JSON with every reference resolved in bulk."""

import pytest
import wagtail_factories
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from cms.api import richtext, streamfield
from cms.api.references import References, resolve
from tests.cms.api.conftest import content_queries
from tests.factories import make_site

pytestmark = pytest.mark.django_db


class CallToAction(blocks.StructBlock):
    label = blocks.CharBlock()
    page = blocks.PageChooserBlock(required=False)
    surface = blocks.ChoiceBlock(
        choices=[("all", "All"), ("web", "Web"), ("app", "App")], default="all"
    )


BODY = blocks.StreamBlock(
    [
        ("heading", blocks.CharBlock()),
        ("text", blocks.RichTextBlock()),
        ("image", ImageChooserBlock()),
        ("figure", ImageBlock()),
        ("download", DocumentChooserBlock()),
        ("cta", CallToAction()),
        ("links", blocks.ListBlock(blocks.PageChooserBlock())),
    ]
)


def serialize(raw, site):
    references = References()
    streamfield.collect(BODY, raw, references)
    return streamfield.render(BODY, raw, resolve(references, site=site))


@pytest.fixture
def site():
    home = make_site()
    return home.get_site()


def child_page(site, **kwargs):
    return wagtail_factories.PageFactory(parent=site.root_page, **kwargs)


def test_blocks_are_type_id_value_with_pages_resolved(site):
    about = child_page(site, title="About", slug="about")
    raw = [
        {"type": "heading", "id": "h1", "value": "Hello"},
        {"type": "cta", "id": "c1", "value": {"label": "Go", "page": about.id}},
        {"type": "links", "id": "l1", "value": [{"type": "item", "value": about.id}]},
    ]

    assert serialize(raw, site) == [
        {"type": "heading", "id": "h1", "value": "Hello"},
        {
            "type": "cta",
            "id": "c1",
            "value": {
                "label": "Go",
                "page": {
                    "id": about.id,
                    "type": "wagtailcore.page",
                    "title": "About",
                    "path": "/about/",
                    "url": "http://testserver/about/",
                },
            },
        },
        {
            "type": "links",
            "id": "l1",
            "value": [
                {
                    "id": about.id,
                    "type": "wagtailcore.page",
                    "title": "About",
                    "path": "/about/",
                    "url": "http://testserver/about/",
                }
            ],
        },
    ]


def test_references_to_drafts_and_private_pages_are_dropped(site):
    draft = child_page(site, title="Draft", slug="draft", live=False)
    private = child_page(site, title="Private", slug="private")
    below_private = wagtail_factories.PageFactory(parent=private, slug="below")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    raw = [
        {"type": "links", "id": "l", "value": [draft.id, private.id, below_private.id]},
        {"type": "cta", "id": "c", "value": {"label": "x", "page": draft.id}},
    ]

    links, cta = serialize(raw, site)

    assert links["value"] == [None, None, None]
    assert cta["value"]["page"] is None


def test_web_only_blocks_are_left_out(site):
    raw = [
        {"type": "cta", "id": "w", "value": {"label": "Web", "surface": "web"}},
        {"type": "cta", "id": "a", "value": {"label": "App", "surface": "app"}},
    ]

    assert [block["id"] for block in serialize(raw, site)] == ["a"]


def test_unknown_block_types_in_stored_data_are_skipped(site):
    raw = [{"type": "removed_block", "id": "x", "value": 1}]

    assert serialize(raw, site) == []


def test_images_have_size_alt_and_focal_point_and_private_ones_are_dropped(site):
    image = wagtail_factories.ImageFactory(title="Harbour", description="Boats at dusk")
    private_collection = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type="login"
    )
    hidden = wagtail_factories.ImageFactory(collection=private_collection)
    raw = [
        {"type": "image", "id": "i", "value": image.id},
        {"type": "image", "id": "p", "value": hidden.id},
        {
            "type": "figure",
            "id": "f",
            "value": {"image": image.id, "decorative": False, "alt_text": "Context"},
        },
    ]

    shown, dropped, figure = serialize(raw, site)

    assert shown["value"]["alt"] == "Boats at dusk"
    assert shown["value"]["width"] == image.width
    assert shown["value"]["height"] == image.height
    assert "renditions" in shown["value"]
    assert dropped["value"] is None
    assert figure["value"]["alt"] == "Context"


def test_query_count_does_not_grow_with_references(site, django_assert_max_num_queries):
    pages = [child_page(site, slug=f"p{n}") for n in range(12)]
    images = [wagtail_factories.ImageFactory() for _ in range(12)]

    def raw_for(count):
        return [
            {"type": "image", "id": f"i{n}", "value": images[n].id}
            for n in range(count)
        ] + [{"type": "links", "id": "l", "value": [page.id for page in pages[:count]]}]

    Page.objects.first()  # warm the content-type cache
    with django_assert_max_num_queries(30) as few:
        serialize(raw_for(2), site)
    with django_assert_max_num_queries(30) as many:
        serialize(raw_for(12), site)

    assert len(content_queries(few)) <= 6
    assert len(content_queries(many)) <= len(content_queries(few))


def test_rich_text_links_become_absolute_and_private_links_are_unwrapped(site):
    about = child_page(site, title="About", slug="about")
    draft = child_page(site, slug="draft", live=False)
    document = wagtail_factories.DocumentFactory(title="Brochure")
    html = (
        f'<p><a linktype="page" id="{about.id}">About us</a> and '
        f'<a linktype="page" id="{draft.id}">a draft</a>, '
        f'<a linktype="document" id="{document.id}">the brochure</a>, '
        '<a href="/contact/">contact</a>, <a href="https://example.org/">out</a>.</p>'
        '<embed embedtype="media" url="https://www.youtube.com/watch?v=x"/>'
    )
    references = References()
    richtext.collect(html, references)
    rendered = richtext.render(html, resolve(references, site=site))

    assert (
        f'<a href="http://testserver/about/" data-page-id="{about.id}">About us</a>'
        in rendered
    )
    assert "a draft," in rendered and "draft/" not in rendered
    assert f'data-document-id="{document.id}">the brochure</a>' in rendered
    assert '<a href="http://testserver/contact/">contact</a>' in rendered
    assert '<a href="https://example.org/">out</a>' in rendered
    assert "linktype" not in rendered and "embedtype" not in rendered
