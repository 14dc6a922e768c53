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


class ContentStreamBlock(blocks.StreamBlock):
    """Every content block an editor may use (deliberately no raw HTML)."""

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


class SurfaceSectionBlock(blocks.StructBlock):
    """Blocks shown on one surface only: the website, or the apps (content API)."""

    # The content API flattens an "app" section into the stream around it and drops
    # a "web" one (BodyStreamBlock.for_apps); the site's templates do the opposite.
    is_surface_section = True

    surface = blocks.ChoiceBlock(
        choices=[("web", "Website only"), ("app", "Apps only")],
        default="app",
        help_text="Where these blocks appear. Everything outside a section appears "
        "on both.",
    )
    content = ContentStreamBlock(help_text="The blocks shown only there.")

    class Meta:
        icon = "mobile-alt"
        group = "Layout"
        template = "blocks/surface_section.html"
        label = "Website-only or app-only section"
        description = (
            "Blocks only the website or only the apps show, e.g. an app-store "
            "badge for the site, or a tip for app users."
        )
        preview_value = {
            "surface": "web",
            "content": [
                (
                    "rich_text",
                    "<p>Only visitors of the website see this paragraph.</p>",
                )
            ],
        }


class BodyStreamBlock(ContentStreamBlock):
    """A page body: the content blocks, and sections for one surface only."""

    surface_section = SurfaceSectionBlock()

    def for_apps(self, value) -> list:
        """Return the blocks the apps get: an apps-only section's blocks take its
        place in the stream, a website-only section's are left out."""
        children = []
        for child in value or []:
            if not getattr(child.block, "is_surface_section", False):
                children.append(child)
            elif child.value["surface"] == "app":
                children.extend(child.value["content"])
        return children

    def get_api_representation(self, value, context=None):
        return super().get_api_representation(self.for_apps(value), context)

    def api_schema(self, schema):
        # The sections' blocks are in the stream itself: its items are the others.
        return schema.stream(self, exclude={"surface_section"})
