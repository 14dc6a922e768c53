"""Events people can book places at, their bookings, and deliveries to the CRM."""

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class EventText(NamedTuple):
    """An event's words in one language."""

    title: str
    summary: str
    description: str


def translation_language_choices() -> list[tuple[str, str]]:
    """Return the languages an event can be translated into: the site's languages but
    the default, which the event's own fields are written in. A callable, so that
    migrations never freeze the configured list."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


class Event(ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("Used in the URL.")
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for listings."),
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(
        _("starts at"), help_text=_("When the event starts.")
    )
    ends_at = models.DateTimeField(_("ends at"), help_text=_("When the event ends."))
    venue = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("Where it takes place, if in person."),
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("The link to join, if online; shown to attendees only."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("How many places can be booked.")
    )
    booking_opens_at = models.DateTimeField(
        _("booking opens at"),
        null=True,
        blank=True,
        help_text=_("Bookings open at this time (now if empty)."),
    )
    booking_closes_at = models.DateTimeField(
        _("booking closes at"),
        null=True,
        blank=True,
        help_text=_("Bookings close at this time (the start if empty)."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    # Kept by the booking services under the event's row lock, so that "places
    # left" needs no counting query and the database itself refuses overbooking.
    confirmed_seats = models.PositiveIntegerField(
        _("confirmed places"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_seats__lte=F("capacity")),
                name="events_event_never_overbooked",
            ),
            models.CheckConstraint(
                condition=Q(booking_closes_at__isnull=True)
                | Q(booking_opens_at__isnull=True)
                | Q(booking_closes_at__gt=F("booking_opens_at")),
                name="events_event_booking_window_ordered",
            ),
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

    def clean(self):
        super().clean()
        if self.capacity is not None and self.capacity < self.confirmed_seats:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(seats)s places are already booked: the capacity cannot "
                        "be lower."
                    )
                    % {"seats": self.confirmed_seats}
                }
            )
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError(
                {"ends_at": _("The event cannot end before it starts.")}
            )
        if (
            self.booking_opens_at
            and self.booking_closes_at
            and self.booking_closes_at <= self.booking_opens_at
        ):
            raise ValidationError(
                {"booking_closes_at": _("Bookings must close after they open.")}
            )

    @property
    def localized(self) -> EventText:
        """Return the title, summary and description in the active language; each
        falls back to the event's own (the default language's) where it has none.

        Reads the prefetched translations (the selectors prefetch them on a
        multilingual site); the default language never reads them at all."""
        own = EventText(self.title, self.summary, self.description)
        language = get_language()
        if not language or language == settings.LANGUAGE_CODE:
            return own
        for translation in self.translations.all():
            if translation.language == language:
                return EventText(
                    translation.title or own.title,
                    translation.summary or own.summary,
                    translation.description or own.description,
                )
        return own

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_seats, 0)

    @property
    def booking_closes(self):
        return self.booking_closes_at or self.starts_at


class EventTranslation(models.Model):
    """An event's title, summary and description in one more of the site's
    languages. Bookings, places and dates stay on the one event."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(
        _("language"), max_length=15, choices=translation_language_choices
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("Empty: the listing shows the summary in the default language."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Empty: the page shows the description in the default language."),
    )

    class Meta:
        ordering = ["language"]
        verbose_name = _("event translation")
        verbose_name_plural = _("event translations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "language"],
                name="events_eventtranslation_one_per_language",
                violation_error_message=_(
                    "The event already has a translation into this language."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("event"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bookings",
        verbose_name=_("user"),
    )
    seats = models.PositiveSmallIntegerField(_("places"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, db_index=True
    )
    reference = models.CharField(
        _("reference"),
        max_length=12,
        unique=True,
        editable=False,
        help_text=_("Quoted by attendees."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="events_booking_one_active_per_user",
                violation_error_message=_("You already have a booking for this event."),
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1), name="events_booking_seats_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled"]),
                name="events_booking_status_valid",
            ),
        ]
        indexes = [
            # The waitlist: oldest first, per event.
            models.Index(fields=["event", "status", "created_at"]),
        ]

    def __str__(self):
        return f"{self.reference} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


class WebhookDelivery(models.Model):
    """One message to the CRM and what happened when we sent it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed (gave up)")

    topic = models.CharField(
        _("topic"), max_length=100, help_text=_("For example booking.created.")
    )
    payload = models.JSONField(_("payload"))
    url = models.URLField(_("URL"), max_length=500)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(
        _("last status code"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.topic} #{self.pk} ({self.get_status_display()})"
