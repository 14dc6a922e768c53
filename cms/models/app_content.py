"""Content for the apps (SPA and mobile): announcements, FAQs and content slots."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.blocks import BodyStreamBlock

APP_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


@register_snippet
class Announcement(
    TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model
):
    title = models.CharField(max_length=120, help_text="A short headline.")
    message = RichTextField(
        features=APP_RICH_TEXT_FEATURES, help_text="One or two sentences."
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional page to read more.",
    )
    link_url = models.URLField(blank=True, help_text="Or an external link.")
    starts_at = models.DateTimeField(
        null=True, blank=True, help_text="Shown from this time (now if empty)."
    )
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text="Hidden after this time (never if empty)."
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldRowPanel([FieldPanel("link_page"), FieldPanel("link_url")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("message")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=F("starts_at")),
                name="cms_announcement_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.link_page_id and self.link_url:
            raise ValidationError({"link_url": "Choose a page or a URL, not both."})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must come after the start."})


@register_snippet
class FrequentlyAskedQuestion(
    TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model
):
    question = models.CharField(max_length=200, help_text="As a visitor would ask it.")
    answer = RichTextField(features=APP_RICH_TEXT_FEATURES, help_text="The answer.")
    topic = models.CharField(
        max_length=60,
        blank=True,
        help_text="Groups questions in the apps, e.g. 'Bookings'.",
    )
    sort_order = models.PositiveIntegerField(
        default=0, help_text="Lower numbers come first within a topic."
    )

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("sort_order")]),
    ]
    search_fields = [index.SearchField("question"), index.SearchField("answer")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"
        ordering = ["topic", "sort_order", "id"]

    def __str__(self):
        return self.question


@register_snippet
class ContentSlot(TranslatableMixin, DraftStateMixin, RevisionMixin, models.Model):
    key = models.SlugField(
        max_length=60,
        help_text="The stable name the apps ask for, e.g. 'onboarding'. Do not change "
        "it once the apps use it.",
    )
    title = models.CharField(max_length=120, help_text="Where the apps show it.")
    body = StreamField(BodyStreamBlock(), blank=True, help_text="What the apps show.")

    panels = [FieldPanel("key"), FieldPanel("title"), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "locale"], name="cms_contentslot_unique_key_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.key})"
