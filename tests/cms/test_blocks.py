"""Every block in the library renders, validates and has a JSON API representation."""

import pytest
from wagtail.blocks import StructBlockValidationError

from cms.blocks import (
    BodyStreamBlock,
    CallToActionBlock,
    CardBlock,
    HeadingBlock,
    VideoBlock,
)
from cms.blocks.media import video_embed_url
from tests.cms.conftest import api_values
from tests.factories import EventFactory
from tests.factories.cms import TestimonialFactory

pytestmark = pytest.mark.django_db

BLOCKS = BodyStreamBlock.base_blocks


def test_every_block_has_editor_metadata_and_a_template():
    for name, block in BLOCKS.items():
        meta = block.meta
        assert meta.icon, name
        assert meta.group, name
        assert block.get_description(), name
        assert meta.template == f"blocks/{name}.html" or meta.template.startswith(
            "blocks/"
        ), name
        assert hasattr(meta, "preview_value"), name


def test_every_block_preview_renders():
    for name, block in BLOCKS.items():
        html = block.render(block.get_preview_value())
        assert isinstance(html, str), name


@pytest.mark.parametrize("name", sorted(set(BLOCKS) - {"surface_section"}))
def test_block_validates_renders_and_has_json_api_representation(
    name, raw_block_values, home_page, client
):
    EventFactory(title="Open day")
    block = BLOCKS[name]
    value = block.to_python(raw_block_values[name])

    cleaned = block.clean(value)
    html = block.render(cleaned)
    (item,) = api_values(client, home_page, {name: raw_block_values[name]}).values()

    assert html.strip()
    assert item is not None


def test_api_representations_are_typed_and_resolve_references(
    raw_block_values, home_page, client
):
    sent = api_values(client, home_page, raw_block_values)

    image = sent["image"]["image"]
    assert image["alt"] == "A chart"
    assert {"id", "width", "height", "renditions"} <= set(image)
    assert sent["call_to_action"]["page"]["id"] == home_page.pk
    assert sent["call_to_action"]["url"] is None
    assert sent["heading"] == {"text": "Our work", "level": 3, "anchor": "our-work"}
    assert 'href="http://testserver/"' in sent["rich_text"]
    assert sent["table"]["rows"] == [["Basic", "9.50", "<p><b>Best</b></p>"]]
    assert sent["document"]["title"] == "Report"
    assert sent["testimonial"]["testimonial"]["quote"] == "Great work"
    assert sent["upcoming_events"] == {"title": "Soon", "limit": 2}
    assert sent["video"]["embed_url"] == (
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    )


def test_upcoming_events_block_shows_only_published_future_events(raw_block_values):
    from apps.events.models import Event

    EventFactory(title="Open day")
    EventFactory(title="Secret draft", status=Event.Status.DRAFT)
    block = BLOCKS["upcoming_events"]

    html = block.render(block.to_python(raw_block_values["upcoming_events"]))

    assert "Open day" in html
    assert "Secret draft" not in html


def test_draft_testimonial_is_neither_rendered_nor_exposed(home_page, client):
    testimonial = TestimonialFactory(quote="Not yet approved", live=False)
    block = BLOCKS["testimonial"]
    raw = {"testimonial": testimonial.pk}

    assert "Not yet approved" not in block.render(block.to_python(raw))
    assert api_values(client, home_page, {"testimonial": raw}) == {
        "testimonial": {"testimonial": None}
    }


def call_to_action(**value):
    block = CallToActionBlock()
    return block.clean(
        block.to_python(
            {"text": "Go", "page": None, "url": "", "style": "primary", **value}
        )
    )


def test_call_to_action_accepts_a_page_or_a_url(home_page):
    assert call_to_action(page=home_page.pk).href() == "/"
    assert call_to_action(url="https://example.com").href() == "https://example.com"


def test_call_to_action_rejects_both_page_and_url(home_page):
    with pytest.raises(StructBlockValidationError) as error:
        call_to_action(page=home_page.pk, url="https://example.com")
    assert "not both" in str(error.value.block_errors["url"])


def test_call_to_action_rejects_neither_page_nor_url():
    with pytest.raises(StructBlockValidationError) as error:
        call_to_action()
    assert "Choose a page or enter a URL" in str(error.value.block_errors["page"])


def test_card_link_is_optional_but_not_both(home_page):
    block = CardBlock()
    base = {"title": "Card", "text": "", "image": None, "page": None, "url": ""}
    assert block.clean(block.to_python(base))["title"] == "Card"
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python(
                {**base, "page": home_page.pk, "url": "https://example.com"}
            )
        )


def test_heading_anchor_must_be_a_slug():
    block = HeadingBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"text": "Hi", "level": "h2", "anchor": "Not OK!"}))
    assert "lowercase" in str(error.value.block_errors["anchor"])


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=abc123",
            "https://www.youtube-nocookie.com/embed/abc123",
        ),
        ("https://youtu.be/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://example.com/video.mp4", None),
        ("https://youtu.be/<script>", None),
    ],
)
def test_video_urls_become_privacy_friendly_players(url, embed):
    assert video_embed_url(url) == embed


def test_video_block_rejects_other_sites():
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(
            block.to_python(
                {"url": "https://example.com/v", "title": "V", "caption": ""}
            )
        )
    assert "YouTube or Vimeo" in str(error.value.block_errors["url"])


def test_body_has_no_raw_html_block():
    from wagtail.blocks import RawHTMLBlock

    def all_blocks(block):
        yield block
        for child in getattr(block, "child_blocks", {}).values():
            yield from all_blocks(child)
        if hasattr(block, "child_block"):
            yield from all_blocks(block.child_block)

    assert not any(
        isinstance(block, RawHTMLBlock) for block in all_blocks(BodyStreamBlock())
    )
