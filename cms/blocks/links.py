"""Link blocks: call to action and a grid of cards."""

from django.core.exceptions import ValidationError
from wagtail import blocks

from cms import images
from cms.blocks.choosers import ImageChooserBlock, PageChooserBlock
from cms.blocks.schema import STRING, nullable_scalar, obj

LINKS_GROUP = "Links and promotion"


class LinkValue(blocks.StructValue):
    def href(self) -> str:
        page = self.get("page")
        if page is not None:
            return page.url or ""
        return self.get("url") or ""


def _exactly_one_target(value, *, required: bool):
    page, url = value.get("page"), value.get("url")
    if page and url:
        message = "Choose a page or enter a URL, not both."
        raise blocks.StructBlockValidationError(
            {"page": ValidationError(message), "url": ValidationError(message)}
        )
    if required and not page and not url:
        message = "Choose a page or enter a URL."
        raise blocks.StructBlockValidationError(
            {"page": ValidationError(message), "url": ValidationError(message)}
        )


def link_representation(block, value, context) -> dict:
    """Return a link's target: the page (None if the visitor may not see it, or
    none was chosen) and the external URL (None if none was entered)."""
    page = block.child_blocks["page"]
    return {
        "page": page.get_api_representation(value.get("page"), context),
        "url": value.get("url") or None,
    }


def link_schema(block, schema) -> dict:
    return {
        "page": schema.block(block.child_blocks["page"]),
        "url": nullable_scalar("string", format="uri"),
    }


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=60, help_text="The button label, e.g. 'Book a call'."
    )
    page = PageChooserBlock(
        required=False, help_text="A page on this site (or enter a URL instead)."
    )
    url = blocks.URLBlock(
        required=False, help_text="An external address (or choose a page instead)."
    )
    style = blocks.ChoiceBlock(
        choices=[("primary", "Primary"), ("secondary", "Secondary")],
        default="primary",
        help_text="Primary for the main action of a page.",
    )

    class Meta:
        icon = "link"
        group = LINKS_GROUP
        template = "blocks/call_to_action.html"
        value_class = LinkValue
        description = "A button linking to a page or an external URL (exactly one)."
        preview_value = {
            "text": "Get in touch",
            "url": "https://example.com/contact",
            "style": "primary",
        }

    def clean(self, value):
        value = super().clean(value)
        _exactly_one_target(value, required=True)
        return value

    def get_api_representation(self, value, context=None):
        return {
            "text": value["text"],
            **link_representation(self, value, context),
            "style": value["style"],
        }

    def api_schema(self, schema):
        return obj(
            {
                "text": STRING,
                **link_schema(self, schema),
                "style": schema.block(self.child_blocks["style"]),
            }
        )


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100, help_text="The card's heading.")
    text = blocks.TextBlock(
        required=False, max_length=300, help_text="A short summary."
    )
    image = ImageChooserBlock(required=False, help_text="Optional; shown at the top.")
    page = PageChooserBlock(required=False, help_text="Optional link to a page.")
    url = blocks.URLBlock(required=False, help_text="Or an external link.")

    class Meta:
        icon = "form"
        value_class = LinkValue

    def clean(self, value):
        value = super().clean(value)
        _exactly_one_target(value, required=False)
        return value

    def get_api_representation(self, value, context=None):
        image = self.child_blocks["image"]
        return {
            "title": value["title"],
            "text": value.get("text") or "",
            "image": image.get_api_representation(value.get("image"), context),
            **link_representation(self, value, context),
        }

    def api_schema(self, schema):
        return obj(
            {
                "title": STRING,
                "text": STRING,
                "image": schema.block(self.child_blocks["image"]),
                **link_schema(self, schema),
            }
        )


class CardsBlock(blocks.StructBlock):
    # The renditions its template shows (cms/preload.py loads only these).
    picture_spec = images.CARD

    title = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional heading."
    )
    cards = blocks.ListBlock(CardBlock(), min_num=1, max_num=12)

    class Meta:
        icon = "table"
        group = LINKS_GROUP
        template = "blocks/cards.html"
        description = "A grid of cards, each with a title, text, image and link."
        preview_value = {
            "title": "What we do",
            "cards": [
                {
                    "title": "Strategy",
                    "text": "Find what matters.",
                    "url": "https://example.com",
                },
                {"title": "Design", "text": "Make it clear.", "url": ""},
                {"title": "Build", "text": "Ship it well.", "url": ""},
            ],
        }

    def get_api_representation(self, value, context=None):
        cards = self.child_blocks["cards"]
        return {
            "title": value.get("title") or "",
            "cards": cards.get_api_representation(value["cards"], context),
        }

    def api_schema(self, schema):
        return obj({"title": STRING, "cards": schema.block(self.child_blocks["cards"])})
