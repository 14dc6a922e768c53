"""Events people can book places at."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text=_("Used in the URL.")
    )
    summary = models.CharField(
        max_length=300, blank=True, help_text=_("One or two sentences for listings.")
    )
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField(help_text=_("When the event starts."))
    ends_at = models.DateTimeField(help_text=_("When the event ends."))
    venue = models.CharField(
        max_length=200, blank=True, help_text=_("Where it takes place, if in person.")
    )
    online_url = models.URLField(
        blank=True, help_text=_("The link to join, if online; shown to attendees only.")
    )
    capacity = models.PositiveIntegerField(
        help_text=_("How many places can be booked.")
    )
    booking_opens_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Bookings open at this time (now if empty).")
    )
    booking_closes_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Bookings close at this time (the start if empty)."),
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="events_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="events_event_capacity_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})
