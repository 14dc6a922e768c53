"""StreamField and rich text become typed JSON, as the blocks represent them, with
every reference resolved in bulk."""

import pytest
import wagtail_factories
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from cms.api import richtext, streamfield
from cms.api.references import References, resolve
from cms.blocks import BodyStreamBlock
from tests.cms.api.conftest import content_queries
from tests.factories import make_site

pytestmark = pytest.mark.django_db


BODY = BodyStreamBlock()


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


def cta(page=None, url=""):
    return {"text": "Go", "page": page, "url": url, "style": "primary"}


def card(title, page):
    return {"title": title, "text": "", "image": None, "page": page, "url": ""}


def test_blocks_are_type_id_value_with_pages_resolved(site):
    about = child_page(site, title="About", slug="about")
    reference = {
        "id": about.id,
        "type": "wagtailcore.page",
        "title": "About",
        "path": "/about/",
        "url": "http://testserver/about/",
        "locale": "en",
    }
    raw = [
        {"type": "quote", "id": "q1", "value": {"quote": "Hi", "attribution": ""}},
        {"type": "call_to_action", "id": "c1", "value": cta(page=about.id)},
        {
            "type": "cards",
            "id": "l1",
            "value": {
                "title": "",
                "cards": [{"type": "item", "id": "x", "value": card("A", about.id)}],
            },
        },
    ]

    assert serialize(raw, site) == [
        {"type": "quote", "id": "q1", "value": {"quote": "Hi", "attribution": ""}},
        {
            "type": "call_to_action",
            "id": "c1",
            "value": {"text": "Go", "page": reference, "url": None, "style": "primary"},
        },
        {
            "type": "cards",
            "id": "l1",
            "value": {
                "title": "",
                "cards": [
                    {
                        "title": "A",
                        "text": "",
                        "image": None,
                        "page": reference,
                        "url": None,
                    }
                ],
            },
        },
    ]


def test_references_to_drafts_and_private_pages_are_dropped(site):
    draft = child_page(site, title="Draft", slug="draft", live=False)
    private = child_page(site, title="Private", slug="private")
    below_private = wagtail_factories.PageFactory(parent=private, slug="below")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    cards = [card(str(page.id), page.id) for page in (draft, private, below_private)]
    raw = [
        {"type": "cards", "id": "l", "value": {"title": "", "cards": cards}},
        {"type": "call_to_action", "id": "c", "value": cta(page=draft.id)},
    ]

    links, call = serialize(raw, site)

    assert [c["page"] for c in links["value"]["cards"]] == [None, None, None]
    assert call["value"]["page"] is None


def test_web_only_sections_are_left_out_and_app_only_ones_flattened(site):
    def section(surface, text):
        quote = {"type": "quote", "id": text, "value": {"quote": text}}
        return {"surface": surface, "content": [quote]}

    raw = [
        {"type": "surface_section", "id": "w", "value": section("web", "Web")},
        {"type": "surface_section", "id": "a", "value": section("app", "App")},
    ]

    assert [block["id"] for block in serialize(raw, site)] == ["App"]


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

    def figure(image_id, alt=""):
        value = {"image": image_id, "decorative": False, "alt_text": alt}
        return {"image": value, "caption": ""}

    raw = [
        {"type": "image", "id": "i", "value": figure(image.id)},
        {"type": "image", "id": "p", "value": figure(hidden.id)},
        {"type": "image", "id": "f", "value": figure(image.id, alt="Context")},
    ]

    shown, dropped, in_context = (
        item["value"]["image"] for item in serialize(raw, site)
    )

    assert shown["alt"] == "Boats at dusk"
    assert shown["width"] == image.width
    assert shown["height"] == image.height
    assert "renditions" in shown
    assert dropped is None
    assert in_context["alt"] == "Context"


def test_query_count_does_not_grow_with_references(site, django_assert_max_num_queries):
    pages = [child_page(site, slug=f"p{n}") for n in range(12)]
    images = [wagtail_factories.ImageFactory() for _ in range(12)]

    def raw_for(count):
        cards = [card(str(n), pages[n].id) for n in range(count)]
        return [
            {
                "type": "image",
                "id": f"i{n}",
                "value": {"image": {"image": images[n].id}, "caption": ""},
            }
            for n in range(count)
        ] + [{"type": "cards", "id": "l", "value": {"title": "", "cards": cards}}]

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
