"""Wagtail page models."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import RichTextBlock
from wagtail.fields import StreamField
from wagtail.models import Page


class HomePage(Page):
    hero_heading = models.CharField(
        max_length=120,
        blank=True,
        help_text="The large heading at the top. Defaults to the page title.",
    )
    hero_text = models.TextField(
        blank=True,
        help_text="One or two sentences under the heading.",
    )
    body = StreamField(
        [("rich_text", RichTextBlock(features=["bold", "italic", "link", "ol", "ul"]))],
        blank=True,
        help_text="The content below the hero.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
