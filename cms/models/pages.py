"""Page types and the rules for where each may be created."""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from cms import images
from cms.api.preview import AppPreviewMixin
from cms.blocks import BodyStreamBlock
from cms.forms import HONEYPOT_FIELD, HoneypotFormBuilder
from cms.generation_cache import page_data
from cms.models.mixins import (
    HeroMixin,
    ListingMixin,
    PageCacheMixin,
    SocialMixin,
)
from cms.models.snippets import Category
from cms.selectors import (
    active_content_language,
    paginate,
    public_children,
    public_pages,
)
from cms.spam import RATE_LIMIT_MESSAGE, submission_rate_limited

PROMOTE_PANELS = [*Page.promote_panels, *SocialMixin.social_panels]


class HomePage(AppPreviewMixin, PageCacheMixin, HeroMixin, SocialMixin, Page):
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="The content below the hero.",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]
    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("body")]
    promote_panels = PROMOTE_PANELS

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.SectionIndexPage",
        "cms.ArticleIndexPage",
        "cms.LandingPage",
        "cms.FormPage",
    ]
    max_count_per_parent = 1

    @property
    def localized(self):
        """Return this page in the active language as Wagtail's `localized` does (its
        live translation, else itself), which routing asks of the site's root page
        on every request: without a query when the page carries its live
        translations, as the site's cached root page does (cms.chrome.find_site)."""
        translations = getattr(self, "live_translations", None)
        if translations is None:
            return super().localized
        try:
            code = active_content_language()
        except LookupError:
            code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        return translations.get(code, self)

    def get_meta_description(self) -> str:
        return self.search_description or self.hero_text

    def get_social_image(self):
        return self.social_image or self.hero_image


class StandardPage(AppPreviewMixin, PageCacheMixin, ListingMixin, SocialMixin, Page):
    body = StreamField(BodyStreamBlock(), blank=True, help_text="The page's content.")

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    content_panels = [
        *Page.content_panels,
        *ListingMixin.listing_panels,
        FieldPanel("body"),
    ]
    promote_panels = PROMOTE_PANELS

    parent_page_types = ["cms.HomePage", "cms.SectionIndexPage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage", "cms.FormPage"]


class SectionIndexPage(
    AppPreviewMixin, PageCacheMixin, ListingMixin, SocialMixin, Page
):
    body = StreamField(
        BodyStreamBlock(), blank=True, help_text="Optional content above the list."
    )

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [
        *Page.content_panels,
        *ListingMixin.listing_panels,
        FieldPanel("body"),
    ]
    promote_panels = PROMOTE_PANELS

    parent_page_types = ["cms.HomePage", "cms.SectionIndexPage"]
    subpage_types = [
        "cms.StandardPage",
        "cms.SectionIndexPage",
        "cms.ArticleIndexPage",
        "cms.LandingPage",
        "cms.FormPage",
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = paginate(
            request,
            public_children(self).defer_streamfields().specific().order_by("path"),
            cache_as=f"children:{self.pk}",
        )
        context["children"] = children
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageAuthor(Orderable):
    """One person in an article's byline; the editor's order is the byline's."""

    page = ParentalKey(
        "cms.ArticlePage", on_delete=models.CASCADE, related_name="article_authors"
    )
    person = models.ForeignKey(
        "cms.Person",
        on_delete=models.CASCADE,
        related_name="article_authorships",
        help_text="One author; the byline lists them in this order.",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "person"], name="cms_articlepageauthor_unique_person"
            )
        ]

    def __str__(self):
        return str(self.person)


class ArticleIndexPage(
    AppPreviewMixin,
    PageCacheMixin,
    RoutablePageMixin,
    ListingMixin,
    SocialMixin,
    Page,
):
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [*Page.content_panels, *ListingMixin.listing_panels]
    promote_panels = PROMOTE_PANELS

    parent_page_types = ["cms.HomePage", "cms.SectionIndexPage"]
    subpage_types = ["cms.ArticlePage"]

    def get_articles(self):
        """Return this index's live, public articles, newest first, with everything
        a listing shows loaded up front."""
        return (
            public_children(self, ArticlePage)
            .defer_streamfields()
            .select_related("category")
            .order_by("-date", "-pk")
        )

    def render_listing(self, request, articles, **extra):
        context = self.get_context(request)
        shown = "/".join(f"{key}={value.pk}" for key, value in sorted(extra.items()))
        context.update(
            articles=paginate(
                request, articles, cache_as=f"articles:{self.pk}:{shown}"
            ),
            **extra,
        )
        return TemplateResponse(request, self.get_template(request), context)

    @path("")
    def index_route(self, request):
        return self.render_listing(request, self.get_articles())

    @path("tag/<slug:tag>/", name="tag")
    def tag_route(self, request, tag):
        tag_obj = get_object_or_404(Tag, slug=tag)
        return self.render_listing(
            request, self.get_articles().filter(tags=tag_obj), active_tag=tag_obj
        )

    @path("category/<slug:category>/", name="category")
    def category_route(self, request, category):
        # Each language has its own categories, which may share a slug.
        category_obj = get_object_or_404(
            Category, slug=category, locale_id=self.locale_id
        )
        return self.render_listing(
            request,
            self.get_articles().filter(category=category_obj),
            active_category=category_obj,
        )

    @path("feed/rss/", name="rss")
    def rss_route(self, request):
        from cms.feeds import ArticleRssFeed

        return ArticleRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_route(self, request):
        from cms.feeds import ArticleAtomFeed

        return ArticleAtomFeed(self)(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = page_data(
            request,
            f"categories:{self.pk}",
            lambda: list(
                Category.objects.filter(
                    pk__in=public_children(self, ArticlePage).values("category")
                )
            ),
        )
        return context


def today():
    return timezone.localdate()


class ArticlePage(AppPreviewMixin, PageCacheMixin, ListingMixin, SocialMixin, Page):
    date = models.DateField(default=today, help_text="The publication date shown.")
    category = models.ForeignKey(
        "cms.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="One category; articles can be filtered by it.",
    )
    tags = ClusterTaggableManager(
        through=ArticlePageTag, blank=True, help_text="Keywords to filter by."
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="The article.")

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        MultipleChooserPanel(
            "article_authors",
            chooser_field_name="person",
            label="Authors",
            help_text="Who wrote it, in the byline's order.",
        ),
        FieldPanel("tags"),
        *ListingMixin.listing_panels,
        FieldPanel("body"),
    ]
    promote_panels = PROMOTE_PANELS

    parent_page_types = ["cms.ArticleIndexPage"]
    subpage_types = []

    og_type = "article"

    def page_image_specs(self) -> list[tuple[str, str]]:
        # The header shows the listing image.
        return [*super().page_image_specs(), ("listing_image", images.HEADER)]

    def get_related_articles(self, site: Site | None, limit=3):
        """Return up to `limit` public articles of `site` sharing the category or a
        tag."""
        related = (
            public_pages(site, ArticlePage)
            .defer_streamfields()
            .not_page(self)
            .select_related("category")
            .order_by("-date", "-pk")
        )
        condition = models.Q(tags__in=self.tags.all())
        if self.category_id:
            condition |= models.Q(category_id=self.category_id)
        return list(related.filter(condition).distinct()[:limit])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        authors, tags, related, category = page_data(
            request,
            f"article:{self.pk}",
            lambda: (
                [row.person for row in self.article_authors.select_related("person")],
                list(self.tags.all()),
                self.get_related_articles(Site.find_for_request(request)),
                self.category,
            ),
        )
        context["authors"] = authors
        context["tags"] = tags
        context["related_articles"] = related
        context["category"] = category
        context["index_page"] = self.get_parent().specific
        return context

    @property
    def published_at(self) -> dt.datetime:
        return self.first_published_at or timezone.now()


class LandingPage(AppPreviewMixin, PageCacheMixin, HeroMixin, SocialMixin, Page):
    hide_navigation = models.BooleanField(
        default=False,
        help_text="Hide the main navigation so visitors focus on the campaign.",
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="The campaign content.")

    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]
    content_panels = [
        *Page.content_panels,
        *HeroMixin.hero_panels,
        FieldPanel("hide_navigation"),
        FieldPanel("body"),
    ]
    promote_panels = PROMOTE_PANELS

    parent_page_types = ["cms.HomePage", "cms.SectionIndexPage"]
    subpage_types = ["cms.FormPage"]

    def get_social_image(self):
        return self.social_image or self.hero_image


class FormField(AbstractFormField):
    page = ParentalKey(
        "cms.FormPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class FormPage(AppPreviewMixin, PageCacheMixin, SocialMixin, AbstractEmailForm):
    introduction = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown above the form.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown after a successful submission.",
    )

    form_builder = HoneypotFormBuilder
    # Forms carry a CSRF token and show per-visitor errors: never share a copy.
    page_cache_enabled = False
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="Notification email",
        ),
    ]
    promote_panels = PROMOTE_PANELS

    parent_page_types = [
        "cms.HomePage",
        "cms.SectionIndexPage",
        "cms.StandardPage",
        "cms.LandingPage",
    ]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["honeypot_field"] = HONEYPOT_FIELD
        context["rate_limit_message"] = RATE_LIMIT_MESSAGE
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and submission_rate_limited(request, page=self):
            context = self.get_context(request)
            context["form"] = self.get_form(page=self, user=request.user)
            context["rate_limited"] = True
            return TemplateResponse(
                request, self.get_template(request), context, status=429
            )
        return super().serve(request, *args, **kwargs)

    def process_form_submission(self, form):
        # Store the submission, then send the email from the worker once the
        # transaction commits (AbstractEmailForm would send it inside the request).
        from cms.tasks import send_form_submission_email

        submission = self.get_submission_class().objects.create(
            form_data=form.cleaned_data, page=self
        )
        if self.to_address:
            transaction.on_commit(
                lambda: send_form_submission_email.enqueue(submission_id=submission.pk)
            )
        return submission
