"""Page fields shared by several page types, declared once with their panels.

Abstract mixins rather than Wagtail's swappable base page model (WAGTAIL_PAGE_MODEL):
see the README ("Shared page fields")."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from cms.blocks import CallToActionBlock


class PageCacheMixin:
    """Serve anonymous GETs from the page cache (cms/page_cache.py)."""

    page_cache_enabled = True

    def serve(self, request, *args, **kwargs):
        from cms.page_cache import serve_cached

        parent = super()
        return serve_cached(
            self, request, lambda: parent.serve(request, *args, **kwargs)
        )


class ListingMixin(models.Model):
    """What index pages, cards, search results and feeds show for a page."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="One or two sentences shown under the title and in listings.",
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in listings and cards; the social image falls back to it.",
    )

    listing_panels = [FieldPanel("introduction"), FieldPanel("listing_image")]

    class Meta:
        abstract = True


class SocialMixin(models.Model):
    """Search engine and social sharing fields, shown on the Promote tab."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For Open Graph and Twitter cards (1200x630 works best). "
        "Defaults to the listing image, then to the site's default social image.",
    )
    noindex = models.BooleanField(
        default=False,
        help_text="Ask search engines not to index this page; it also leaves the "
        "sitemap.",
    )

    social_panels = [
        MultiFieldPanel(
            [FieldPanel("social_image"), FieldPanel("noindex")],
            heading="Social sharing and indexing",
        )
    ]

    og_type = "website"

    class Meta:
        abstract = True

    def get_social_image(self):
        return self.social_image or getattr(self, "listing_image", None)

    def get_meta_description(self) -> str:
        return self.search_description or getattr(self, "introduction", "") or ""

    def get_sitemap_urls(self, request=None):
        if self.noindex:
            return []
        return super().get_sitemap_urls(request=request)


class HeroMixin(models.Model):
    """The large banner at the top of the home page and landing pages."""

    hero_heading = models.CharField(
        max_length=120,
        blank=True,
        help_text="The large heading at the top. Defaults to the page title.",
    )
    hero_text = models.TextField(
        blank=True,
        help_text="One or two sentences under the heading.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide image (at least 1600 px); set its focal point in the "
        "image editor.",
    )
    # A one-block stream so the hero's button reuses the call-to-action block and its
    # "page or URL, exactly one" rule.
    hero_cta = StreamField(
        [("call_to_action", CallToActionBlock())],
        blank=True,
        max_num=1,
        help_text="An optional button under the hero text.",
    )

    hero_panels = [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta"),
            ],
            heading="Hero",
        )
    ]

    class Meta:
        abstract = True
