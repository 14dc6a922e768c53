"""Per-site settings editors change under Settings > Site settings."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class SocialLinkValue(blocks.StructValue):
    def platform_label(self) -> str:
        """Return the network's name as spelled in the choices ("GitHub")."""
        choices = dict(self.block.child_blocks["platform"].field.choices)
        return choices.get(self["platform"], self["platform"])


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(
        choices=[
            ("linkedin", "LinkedIn"),
            ("mastodon", "Mastodon"),
            ("bluesky", "Bluesky"),
            ("github", "GitHub"),
            ("instagram", "Instagram"),
            ("youtube", "YouTube"),
            ("facebook", "Facebook"),
            ("x", "X"),
        ],
        help_text="The network.",
    )
    url = blocks.URLBlock(help_text="The profile's address.")

    class Meta:
        icon = "link"
        value_class = SocialLinkValue


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="Used in titles, the footer and structured data; "
        "defaults to the site name.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header and in structured data (SVG not supported).",
    )
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used for social cards when a page has no image of its own.",
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        blank=True,
        help_text="Profiles linked from the footer and structured data.",
    )
    contact_email = models.EmailField(blank=True, help_text="Public contact address.")
    contact_phone = models.CharField(
        max_length=40, blank=True, help_text="Public phone number, with country code."
    )
    address = models.TextField(blank=True, help_text="Postal address, one line each.")
    analytics_id = models.CharField(
        max_length=40,
        blank=True,
        help_text="Analytics property id. Never rendered on server-rendered pages "
        "(no consent banner here); exposed to the apps, which ask for consent.",
    )
    security_contact = models.CharField(
        max_length=200,
        blank=True,
        help_text="For /.well-known/security.txt: a mailto: or https: address. "
        "Defaults to mailto: the contact email.",
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("organisation_name"),
                    FieldPanel("logo"),
                    FieldPanel("default_social_image"),
                    FieldPanel("social_links"),
                ],
                heading="Organisation",
            ),
            ObjectList(
                [
                    FieldPanel("contact_email"),
                    FieldPanel("contact_phone"),
                    FieldPanel("address"),
                    FieldPanel("security_contact"),
                ],
                heading="Contact",
            ),
            # The banner at the top of every page shows the announcements on now
            # (Snippets > Announcements), which are translatable: settings are not.
            ObjectList([FieldPanel("analytics_id")], heading="Analytics"),
        ]
    )

    class Meta:
        verbose_name = "site settings"

    def __str__(self):
        return self.organisation_name or str(self.site)
