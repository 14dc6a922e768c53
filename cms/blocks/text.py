"""Text blocks: heading, rich text, quote, accordion, statistics."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks

from cms.blocks.representation import rich_text
from cms.blocks.schema import HTML, STRING, obj

TEXT_GROUP = "Text"

# Editors get structure and links, never arbitrary HTML, headings h1 or embeds
# inside prose (those have their own blocks, with their own accessibility rules).
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingValue(blocks.StructValue):
    def anchor_id(self) -> str:
        return self.get("anchor") or slugify(self.get("text") or "")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, help_text="The heading text.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Level 2"), ("h3", "Level 3"), ("h4", "Level 4")],
        default="h2",
        help_text="Level 2 for sections, 3 and 4 for sub-sections. "
        "The page title is the only level 1.",
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text="Optional id for links to this heading (#anchor); "
        "defaults to the heading text.",
    )

    class Meta:
        icon = "title"
        group = TEXT_GROUP
        template = "blocks/heading.html"
        value_class = HeadingValue
        description = "A section heading with a level (h2-h4) and an anchor."
        preview_value = {"text": "Our services", "level": "h2", "anchor": "services"}

    def clean(self, value):
        value = super().clean(value)
        anchor = value.get("anchor")
        if anchor and slugify(anchor) != anchor:
            raise blocks.StructBlockValidationError(
                {
                    "anchor": ValidationError(
                        "Use lowercase letters, digits and hyphens only."
                    )
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        return {
            "text": value["text"],
            "level": int(value["level"][1]),
            "anchor": value.anchor_id(),
        }

    def api_schema(self, schema):
        levels = [int(name[1]) for name, _ in self.child_blocks["level"].field.choices]
        return obj(
            {
                "text": STRING,
                "level": {"type": "integer", "enum": levels},
                "anchor": {
                    **STRING,
                    "description": "The heading's id (#anchor): the one given, "
                    "or the slugified text.",
                },
            }
        )


class RestrictedRichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        group = TEXT_GROUP
        template = "blocks/rich_text.html"
        description = "Paragraphs with bold, italic, lists and links."
        preview_value = (
            "<p>We design and build <b>websites</b> and apps. "
            "<i>Every</i> project starts with a conversation.</p>"
        )

    def get_api_representation(self, value, context=None):
        return rich_text(value, context)

    def api_schema(self, schema):
        return HTML


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, help_text="The quoted words.")
    attribution = blocks.CharBlock(
        required=False, max_length=120, help_text="Who said it (optional)."
    )

    class Meta:
        icon = "openquote"
        group = TEXT_GROUP
        template = "blocks/quote.html"
        description = "A pull quote with an optional attribution."
        preview_value = {
            "quote": "Good design is as little design as possible.",
            "attribution": "Dieter Rams",
        }

    def get_api_representation(self, value, context=None):
        return {"quote": value["quote"], "attribution": value["attribution"] or ""}

    def api_schema(self, schema):
        return obj({"quote": STRING, "attribution": STRING})


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, help_text="The visible summary.")
    answer = RestrictedRichTextBlock(help_text="Shown when the item is opened.")

    class Meta:
        icon = "help"


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional heading above the items."
    )
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        group = TEXT_GROUP
        template = "blocks/accordion.html"
        description = "Questions and answers that open on click (works without JS)."
        preview_value = {
            "title": "Frequently asked questions",
            "items": [
                {
                    "question": "How long does a website take?",
                    "answer": "<p>6-10 weeks.</p>",
                },
                {"question": "Do you host it?", "answer": "<p>Yes, or you can.</p>"},
            ],
        }

    def get_api_representation(self, value, context=None):
        items = self.child_blocks["items"]
        return {
            "title": value["title"] or "",
            "items": items.get_api_representation(value["items"], context),
        }

    def api_schema(self, schema):
        return obj({"title": STRING, "items": schema.block(self.child_blocks["items"])})


class StatisticBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=20, help_text="The figure, e.g. 98% or 1,200.")
    label = blocks.CharBlock(max_length=80, help_text="What the figure counts.")

    class Meta:
        icon = "pick"


class StatisticsBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional heading."
    )
    statistics = blocks.ListBlock(StatisticBlock(), min_num=1, max_num=6)

    class Meta:
        icon = "pick"
        group = TEXT_GROUP
        template = "blocks/statistics.html"
        description = "Up to six highlighted figures with labels."
        preview_value = {
            "title": "In numbers",
            "statistics": [
                {"value": "120+", "label": "sites launched"},
                {"value": "98%", "label": "clients who return"},
                {"value": "12", "label": "years"},
            ],
        }

    def get_api_representation(self, value, context=None):
        statistics = self.child_blocks["statistics"]
        return {
            "title": value["title"] or "",
            "statistics": statistics.get_api_representation(
                value["statistics"], context
            ),
        }

    def api_schema(self, schema):
        return obj(
            {
                "title": STRING,
                "statistics": schema.block(self.child_blocks["statistics"]),
            }
        )
