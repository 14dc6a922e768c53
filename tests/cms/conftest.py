"""CMS test fixtures."""

import json

import pytest
from wagtail.documents.models import Document

from tests.factories.cms import (
    ImageFactory,
    StandardPageFactory,
    TestimonialFactory,
)


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Render every request: invalidation runs on commit, which tests inside a
    transaction never reach. tests/cms/test_page_cache.py turns the cache on."""
    settings.CMS_PAGE_CACHE_ENABLED = False


@pytest.fixture
def raw_block_values(home_page):
    """A valid stored value for every block type of the body stream, referring to a
    live page, an image, a document and a published testimonial."""
    image = ImageFactory()
    document = Document.objects.create(title="Report", file="documents/report.pdf")
    testimonial = TestimonialFactory(quote="Great work")
    figure = {
        "image": {"image": image.pk, "decorative": False, "alt_text": "A chart"},
        "caption": "Figure one",
    }
    return {
        "heading": {"text": "Our work", "level": "h3", "anchor": ""},
        "rich_text": f'<p>Hello <a linktype="page" id="{home_page.pk}">home</a></p>',
        "image": figure,
        "gallery": {"title": "Gallery", "images": [figure, figure]},
        "quote": {"quote": "Less is more", "attribution": "Mies"},
        "call_to_action": {
            "text": "Go home",
            "page": home_page.pk,
            "url": "",
            "style": "primary",
        },
        "video": {
            "url": "https://youtu.be/aqz-KE-bpKQ",
            "title": "Bunny",
            "caption": "",
        },
        "accordion": {
            "title": "FAQ",
            "items": [{"question": "Why?", "answer": "<p>Because.</p>"}],
        },
        "cards": {
            "title": "Cards",
            "cards": [
                {
                    "title": "One",
                    "text": "First",
                    "image": image.pk,
                    "page": home_page.pk,
                    "url": "",
                }
            ],
        },
        "statistics": {
            "title": "",
            "statistics": [{"value": "42", "label": "answers"}],
        },
        "table": {
            "caption": "Prices",
            "table": {
                "columns": [
                    {"type": "text", "heading": "Plan"},
                    {"type": "number", "heading": "Price"},
                    {"type": "rich_text", "heading": "Notes"},
                ],
                "rows": [{"values": ["Basic", "9.50", "<p><b>Best</b></p>"]}],
                "caption": "",
            },
        },
        "document": {"document": document.pk, "title": ""},
        "testimonial": {"testimonial": testimonial.pk},
        "upcoming_events": {"title": "Soon", "limit": 2},
        "surface_section": {
            "surface": "web",
            "content": [
                {"type": "heading", "value": {"text": "Web only", "level": "h2"}}
            ],
        },
    }


def api_body(client, parent, stream: list[dict]) -> list[dict]:
    """Publish a page whose body is `stream` (stored data) and return its body as the
    content API sends it."""
    page = StandardPageFactory(parent=parent, body=json.dumps(stream))
    page.save_revision().publish()
    response = client.get(f"/api/content/v1/pages/{page.pk}/")
    assert response.status_code == 200, response.content[:500]
    return response.json()["fields"]["body"]


def api_values(client, parent, raw_values: dict) -> dict:
    """Return what the content API sends for each of these stored block values, by
    block type (one page holds them all)."""
    stream = [
        {"type": name, "id": name, "value": raw} for name, raw in raw_values.items()
    ]
    return {item["id"]: item["value"] for item in api_body(client, parent, stream)}
