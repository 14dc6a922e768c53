"""Page fields shared by several page types, declared once with their panels.

Abstract mixins rather than Wagtail's swappable base page model (WAGTAIL_PAGE_MODEL):
see the README ("Shared page fields")."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction

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
        """Return the view restrictions of this page and its ancestors in one query
        (Wagtail's own makes two), memoised for the request: Wagtail's serve hook
        and the page cache both ask."""
        memo = getattr(self, "_cms_view_restrictions", None)
        if memo is not None:
            return memo
        if self.alias_of_id:
            return super().get_view_restrictions()
        if getattr(self, "has_view_restriction", None) is False and (
            not self._aliased_ancestor()
        ):
            # Routing found none on this page's path (ChildRouteMixin).
            self._cms_view_restrictions = PageViewRestriction.objects.none()
            return self._cms_view_restrictions

        steplen = Page.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        # An aliased ancestor uses its source page's restrictions, as in Wagtail.
        aliased = Page.objects.filter(path__in=paths, alias_of__isnull=False)
        memo = PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True)
            | Q(page__in=aliased.values("alias_of_id"))
        )
        list(memo)  # evaluate now: `.exists()` and iteration reuse the result
        self._cms_view_restrictions = memo
        return memo

    def _aliased_ancestor(self) -> bool:
        """Return whether an ancestor may be an alias (whose source's restrictions
        apply, which a path check does not see): True unless routing loaded every
        ancestor below the root and none is."""
        current = self
        while current.depth > 2:
            current = getattr(current, "_cached_parent_obj", None)
            if current is None or current.alias_of_id:
                return True
        return bool(current.alias_of_id)

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
        loaded = generation_cache.page_data(
            request, f"preload:{wanted.key()}", lambda: preload.load(wanted)
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


class ChildRouteMixin:
    """Route to a child page with fewer queries than Wagtail's routing.

    Wagtail finds the child, then loads it again as its specific type: two queries
    per level, and two more for the view restrictions. Here, when this page allows
    one child type, the child is loaded as that type in one query; either way the
    query also says whether a view restriction applies to the child or an ancestor
    (`has_view_restriction`), so a public page needs no restriction query. Placed
    after RoutablePageMixin, so a page's own sub-routes still win; a child of
    another type falls back to the generic lookup. The child found is cached until
    the site changes (cms/generation_cache.py), so a warm route costs no query."""

    child_route_select_related: tuple[str, ...] = ()

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug = path_components[0]
        # The child as it was when the site last changed: a publish, move, deletion
        # or view restriction bumps the generation in the key (no SQL when warm).
        child = generation_cache.page_data(
            request, f"route:{self.pk}:{slug}", lambda: self.find_child(slug)
        )
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail does: no parent query later
        return child.route(request, path_components[1:])

    def find_child(self, slug: str):
        """Return the child page with this slug as its specific type (None if there
        is none), with `has_view_restriction` set, in one query."""
        from wagtail.models import Page

        models = self.allowed_subpage_models()
        restricted = Exists(
            PageViewRestriction.objects.filter(
                page__path=Substr(OuterRef("path"), 1, Length("page__path"))
            )
        )
        child = None
        if len(models) == 1:
            child = (
                models[0]
                .objects.child_of(self)
                .filter(slug=slug)
                .select_related(*self.child_route_select_related)
                .annotate(has_view_restriction=restricted)
                .first()
            )
        if child is None:
            # Every allowed type's table LEFT JOINed (reverse parent links): the
            # child comes out as its specific type from the same query.
            names = [
                model._meta.model_name
                for model in models
                if model._meta.get_parent_list() == [Page]
            ]
            base = (
                Page.objects.child_of(self)
                .filter(slug=slug)
                .select_related(*names)
                .annotate(has_view_restriction=restricted)
                .first()
            )
            if base is None:
                return None
            name = base.specific_class._meta.model_name if base.specific_class else ""
            child = getattr(base, name, None) if name in names else None
            if child is None:
                child = base.specific
            child.has_view_restriction = base.has_view_restriction
        return child


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
