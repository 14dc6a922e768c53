"""Page fields shared by several page types, declared once with their panels.

Abstract mixins rather than Wagtail's swappable base page model (WAGTAIL_PAGE_MODEL):
see the README ("Shared page fields")."""

from django.db import models
from django.utils.translation import get_language
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Site

from cms import generation_cache, images, preload
from cms.blocks import CallToActionBlock

PAGE_IMAGE_FIELDS = ("hero_image", "listing_image", "social_image")


class PageCacheMixin:
    """Serve anonymous GETs from the page cache (cms/page_cache.py), and render with
    every reference the page shows loaded in bulk first (cms/preload.py)."""

    page_cache_enabled = True

    def serve(self, request, *args, **kwargs):
        from cms.page_cache import serve_cached

        parent = super()

        def render():
            return self.render_preloaded(
                request, parent.serve(request, *args, **kwargs)
            )

        return serve_cached(self, request, render)

    def get_view_restrictions(self):
        """Return Wagtail's answer, evaluated once per page instance: its serve hook
        and the page cache both ask while one request is served."""
        memo = self.__dict__.get("_cms_view_restrictions")
        if memo is None:
            memo = super().get_view_restrictions()
            list(memo)  # evaluate now: `.exists()` and iteration reuse the result
            self._cms_view_restrictions = memo
        return memo

    def collect_references(self, wanted: preload.Wanted) -> None:
        """Add what this page's own fields show: StreamFields and page images."""
        for field in self._meta.get_fields():
            if isinstance(field, StreamField):
                preload.collect_stream(getattr(self, field.name), wanted)
        for name, spec in self.page_image_specs():
            wanted.image(getattr(self, f"{name}_id", None), spec)

    def page_image_specs(self) -> list[tuple[str, str]]:
        """Return the page's image fields with the spec its templates show each in."""
        specs = []
        social = self.get_social_image_field() if hasattr(self, "noindex") else None
        if social:
            specs.append((social, images.SOCIAL))
        if getattr(self, "hero_image_id", None):
            specs.append(("hero_image", images.HERO))
        return specs

    def render_preloaded(self, request, response):
        """Render a TemplateResponse with its references loaded in one pass: the
        page's StreamFields (choosers, rich-text links), its images and the
        listing images of the cards it shows, each kind in one query."""
        context = getattr(response, "context_data", None)
        if context is None or getattr(response, "is_rendered", True):
            return response
        # The rendered body is cached until the site changes (includes/body.html:
        # Wagtail's {% wagtailpagecache %}, which previews skip).
        context["data_cache_prefix"] = generation_cache.prefix(request)
        context["data_cache_timeout"] = generation_cache.TIMEOUT
        wanted = preload.Wanted()
        self.collect_references(wanted)
        listed = []
        for key in LISTING_CONTEXT_KEYS:
            items = context.get(key)
            if items:
                items = list(getattr(items, "object_list", items))
                listed += items
                for item in items:
                    wanted.image(getattr(item, "listing_image_id", None), images.CARD)
        site = Site.find_for_request(request)
        loaded = generation_cache.page_data(
            request,
            # Per language: links lead to the visitor's language (cms.preload.load).
            f"preload:{site.pk if site else 0}:{get_language()}:{wanted.key()}",
            lambda: preload.load(wanted, site),
        )
        loaded.request = request
        for name in PAGE_IMAGE_FIELDS:
            if getattr(self, f"{name}_id", None):
                setattr(self, name, loaded.image(getattr(self, f"{name}_id")))
        for item in listed:
            if getattr(item, "listing_image_id", None):
                item.listing_image = loaded.image(item.listing_image_id)
        with preload.active(loaded):
            response.render()
        return response


# Context variables holding pages shown as cards (with their listing image).
LISTING_CONTEXT_KEYS = ("children", "articles", "related_articles")


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

    def get_social_image_field(self) -> str | None:
        """Return the name of the field holding the social image, if any."""
        for name in ("social_image", "listing_image", "hero_image"):
            if getattr(self, f"{name}_id", None):
                return name
        return None

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
