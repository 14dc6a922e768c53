"""Composite stream blocks used by page bodies."""

from wagtail import blocks

from cms.blocks.data import TableBlock, TestimonialBlock, UpcomingEventsBlock
from cms.blocks.links import CallToActionBlock, CardsBlock
from cms.blocks.media import DocumentBlock, FigureBlock, GalleryBlock, VideoBlock
from cms.blocks.text import (
    AccordionBlock,
    HeadingBlock,
    QuoteBlock,
    RestrictedRichTextBlock,
    StatisticsBlock,
)


class BodyStreamBlock(blocks.StreamBlock):
    """Every block an editor may use in a page body (deliberately no raw HTML)."""

    heading = HeadingBlock()
    rich_text = RestrictedRichTextBlock()
    image = FigureBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    video = VideoBlock()
    accordion = AccordionBlock()
    cards = CardsBlock()
    statistics = StatisticsBlock()
    table = TableBlock()
    document = DocumentBlock()
    testimonial = TestimonialBlock()
    upcoming_events = UpcomingEventsBlock()

    class Meta:
        block_counts = {}
