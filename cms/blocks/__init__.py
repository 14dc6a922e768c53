"""The StreamField block library: leaf blocks by theme, composite streams last."""

from cms.blocks.data import TableBlock, TestimonialBlock, UpcomingEventsBlock
from cms.blocks.links import CallToActionBlock, CardBlock, CardsBlock
from cms.blocks.media import DocumentBlock, FigureBlock, GalleryBlock, VideoBlock
from cms.blocks.streams import BodyStreamBlock
from cms.blocks.text import (
    AccordionBlock,
    HeadingBlock,
    QuoteBlock,
    RestrictedRichTextBlock,
    StatisticsBlock,
)

__all__ = [
    "AccordionBlock",
    "BodyStreamBlock",
    "CallToActionBlock",
    "CardBlock",
    "CardsBlock",
    "DocumentBlock",
    "FigureBlock",
    "GalleryBlock",
    "HeadingBlock",
    "QuoteBlock",
    "RestrictedRichTextBlock",
    "StatisticsBlock",
    "TableBlock",
    "TestimonialBlock",
    "UpcomingEventsBlock",
    "VideoBlock",
]
