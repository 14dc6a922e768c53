"""Data blocks: typed table, testimonial (snippet) and upcoming events (live data)."""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock

from apps.events.cache import cached, public_key
from apps.events.selectors import upcoming_events
from cms.blocks.choosers import SnippetChooserBlock
from cms.blocks.representation import rich_text
from cms.blocks.schema import STRING, array, nullable_scalar, obj

DATA_GROUP = "Data"


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        max_length=200, help_text="Describes the table (read out by screen readers)."
    )
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock()),
            ("number", blocks.DecimalBlock()),
            ("rich_text", blocks.RichTextBlock(features=["bold", "italic", "link"])),
        ]
    )

    class Meta:
        icon = "table"
        group = DATA_GROUP
        template = "blocks/table.html"
        description = "A table with a caption, column headings and typed columns."
        preview_value = {
            "caption": "Opening hours",
            "table": {"columns": [], "rows": []},
        }

    def get_api_representation(self, value, context=None):
        table = value["table"]
        columns = list(table.columns) if table else []
        rows = []
        for row in table.row_data if table else []:
            cells = []
            for column, cell in zip(columns, row["values"], strict=False):
                kind = column["block"].name
                if kind == "rich_text":
                    cells.append(rich_text(cell, context))
                elif kind == "number":
                    # A string keeps the decimal exact in JSON.
                    cells.append(None if cell is None else str(cell))
                else:
                    cells.append(cell)
            rows.append(cells)
        return {
            "caption": value["caption"],
            "columns": [
                {"type": c["block"].name, "heading": c["heading"]} for c in columns
            ],
            "rows": rows,
        }

    def api_schema(self, schema):
        kinds = list(self.child_blocks["table"].child_blocks)
        return obj(
            {
                "caption": STRING,
                "columns": array(
                    obj({"type": {"type": "string", "enum": kinds}, "heading": STRING})
                ),
                "rows": array(
                    array(
                        nullable_scalar(
                            "string",
                            description="By its column's type: text, a decimal "
                            "number as a string (exact), or rich text as HTML.",
                        )
                    )
                ),
            }
        )


class TestimonialBlock(blocks.StructBlock):
    testimonial = SnippetChooserBlock(
        "cms.Testimonial", help_text="Choose a testimonial (edit them under Snippets)."
    )

    class Meta:
        icon = "openquote"
        group = DATA_GROUP
        template = "blocks/testimonial.html"
        description = "A client testimonial chosen from the shared snippets."
        preview_value = {}

    def get_api_representation(self, value, context=None):
        # A draft (never published) testimonial resolves to None: not shown, so not
        # exposed either.
        testimonial = self.child_blocks["testimonial"]
        return {
            "testimonial": testimonial.get_api_representation(
                value.get("testimonial"), context
            )
        }

    def api_schema(self, schema):
        return obj({"testimonial": schema.block(self.child_blocks["testimonial"])})


class UpcomingEventsBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        default="Upcoming events", max_length=120, help_text="Heading above the list."
    )
    limit = blocks.IntegerBlock(
        default=3, min_value=1, max_value=12, help_text="How many events to show."
    )

    class Meta:
        icon = "date"
        group = DATA_GROUP
        template = "blocks/upcoming_events.html"
        description = "The next published events, read live from the events app."
        preview_value = {"title": "Upcoming events", "limit": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        # One query per request and limit, however many of these blocks a page has.
        memo = getattr(request, "_cms_upcoming_events", None)
        if memo is None:
            memo = {}
            if request is not None:
                request._cms_upcoming_events = memo
        limit = value["limit"]
        if limit not in memo:
            # Cached until any event changes, by limit: a page unpickles only the
            # events it shows.
            memo[limit] = cached(
                public_key("upcoming", str(limit)),
                lambda: upcoming_events(limit=limit),
            )
        context["events"] = memo[value["limit"]]
        return context

    def get_api_representation(self, value, context=None):
        # Not the events themselves: they change without the page (whose JSON is
        # cached until content changes), so the apps read them live.
        return {"title": value["title"], "limit": value["limit"]}

    def api_schema(self, schema):
        return obj(
            {"title": STRING, "limit": {"type": "integer", "minimum": 1}},
            description="Show the next `limit` events of GET /api/v1/events/ "
            "(read live: they change without the page).",
        )
