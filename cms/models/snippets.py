"""Snippets: navigation menus, people, testimonials and categories.

Snippets whose content appears on pages as written by an editor (menus, testimonials,
people) keep revisions and have previews; menus and testimonials also have drafts, so
a change goes live only when published. Categories are taxonomy (a name and a slug),
so they only need to be translatable."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index


class Category(TranslatableMixin, models.Model):
    name = models.CharField(max_length=80, help_text="Shown on articles and filters.")
    slug = models.SlugField(
        max_length=80, help_text="Used in the category's address (/category/<slug>/)."
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name_plural = "categories"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="cms_category_unique_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class Person(TranslatableMixin, PreviewableMixin, RevisionMixin, models.Model):
    name = models.CharField(max_length=120, help_text="Full name, as shown in bylines.")
    role = models.CharField(
        max_length=120, blank=True, help_text="Job title, e.g. 'Lead designer'."
    )
    bio = models.TextField(blank=True, max_length=600, help_text="A short biography.")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square portrait works best.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name_plural = "people"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "cms/previews/person.html"


class Testimonial(
    TranslatableMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, models.Model
):
    quote = models.TextField(max_length=600, help_text="What the client said.")
    name = models.CharField(max_length=120, help_text="Who said it.")
    organisation = models.CharField(
        max_length=120, blank=True, help_text="Their company or role (optional)."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional portrait.",
    )

    panels = [
        FieldPanel("quote"),
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("quote"), index.SearchField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}: {self.quote[:40]}"

    def get_preview_template(self, request, mode_name):
        return "cms/previews/testimonial.html"


class NavigationMenu(
    TranslatableMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    class Location(models.TextChoices):
        MAIN = "main", "Main navigation"
        FOOTER = "footer", "Footer"

    location = models.CharField(
        max_length=20,
        choices=Location.choices,
        help_text="Where the menu is shown; one menu per location and language.",
    )

    panels = [
        FieldPanel("location"),
        InlinePanel("items", label="Links", heading="Links"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["location"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "locale"],
                name="cms_navigationmenu_unique_location_per_locale",
            )
        ]

    def __str__(self):
        return self.get_location_display()

    def get_preview_template(self, request, mode_name):
        return "cms/previews/navigation_menu.html"


class NavigationMenuItem(TranslatableMixin, Orderable):
    """One link of a menu. Translatable, so wagtail-localize offers its label (and
    its address, as an override) for translation with the menu; a plain child
    would be copied into every language as it is."""

    menu = ParentalKey(NavigationMenu, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(
        max_length=60,
        blank=True,
        help_text="Link text; defaults to the target's title.",
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A page on this site.",
    )
    link_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Or a document to download.",
    )
    link_url = models.URLField(blank=True, help_text="Or an external address.")

    panels = [
        FieldPanel("label"),
        FieldPanel("link_page"),
        FieldPanel("link_document"),
        FieldPanel("link_url"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(link_page__isnull=False, link_document__isnull=True, link_url="")
                    | Q(
                        link_page__isnull=True, link_document__isnull=False, link_url=""
                    )
                    | (
                        Q(link_page__isnull=True, link_document__isnull=True)
                        & ~Q(link_url="")
                    )
                ),
                name="cms_navigationmenuitem_exactly_one_target",
            )
        ]

    def __str__(self):
        return self.get_label()

    def clean(self):
        targets = [
            bool(self.link_page_id),
            bool(self.link_document_id),
            bool(self.link_url),
        ]
        if sum(targets) != 1:
            message = "Choose exactly one of a page, a document or a URL."
            raise ValidationError(
                {"link_page": message, "link_document": message, "link_url": message}
            )
        if not self.label and self.link_url:
            raise ValidationError({"label": "Give external links a label."})

    def get_label(self) -> str:
        if self.label:
            return self.label
        if self.link_page_id:
            return self.link_page.title
        if self.link_document_id:
            return self.link_document.title
        return self.link_url

    def get_url(self, request=None) -> str:
        if self.link_page_id:
            return self.link_page.get_url(request=request) or ""
        if self.link_document_id:
            return self.link_document.url
        return self.link_url
