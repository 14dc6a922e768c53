"""Input and output shapes of the events API; no rules live here."""

from rest_framework import serializers

from apps.events.models import Booking, Event, WebhookDelivery
from apps.events.services import MAX_SEATS_PER_BOOKING


class EventOutput(serializers.ModelSerializer):
    # In the request's language, each falling back to the default language's.
    title = serializers.CharField(source="localized.title", read_only=True)
    summary = serializers.CharField(source="localized.summary", read_only=True)
    places_left = serializers.IntegerField(read_only=True)
    page_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "summary",
            "starts_at",
            "ends_at",
            "venue",
            "status",
            "capacity",
            "places_left",
            "page_url",
        ]


class EventDetailOutput(EventOutput):
    description = serializers.CharField(source="localized.description", read_only=True)
    booking_closes_at = serializers.DateTimeField(
        source="booking_closes", read_only=True
    )

    class Meta(EventOutput.Meta):
        fields = [
            *EventOutput.Meta.fields,
            "description",
            "booking_opens_at",
            "booking_closes_at",
        ]


class EventTranslationShape(serializers.Serializer):
    """An event's words in one more language, as staff read and write them."""

    # A plain string, not an enum: the service checks it against the configured
    # languages, and the API's description must not change with the configuration.
    language = serializers.CharField(
        max_length=15, help_text="A configured language's code, not the default's."
    )
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")


class EventStaffOutput(EventDetailOutput):
    # Staff see the stored values: the default language's words, and an empty
    # closing time for "when the event starts".
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    booking_closes_at = serializers.DateTimeField(read_only=True, allow_null=True)
    translations = EventTranslationShape(many=True, read_only=True)

    class Meta(EventDetailOutput.Meta):
        fields = [
            "id",
            *EventDetailOutput.Meta.fields,
            "translations",
            "online_url",
            "confirmed_seats",
            "created_at",
            "updated_at",
        ]


class EventStaffInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=200)
    summary = serializers.CharField(max_length=300, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online_url = serializers.URLField(required=False, allow_blank=True)
    capacity = serializers.IntegerField(min_value=1, max_value=100_000)
    booking_opens_at = serializers.DateTimeField(required=False, allow_null=True)
    booking_closes_at = serializers.DateTimeField(required=False, allow_null=True)
    translations = EventTranslationShape(
        many=True,
        required=False,
        help_text="The event's words in the site's other languages; replaces the "
        "translations it had.",
    )


class BookingEventOutput(serializers.ModelSerializer):
    title = serializers.CharField(source="localized.title", read_only=True)

    class Meta:
        model = Event
        fields = ["slug", "title", "starts_at", "ends_at", "venue", "status"]


class BookingOutput(serializers.ModelSerializer):
    event = BookingEventOutput(read_only=True)
    online_url = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = [
            "reference",
            "status",
            "seats",
            "event",
            "online_url",
            "created_at",
            "confirmed_at",
            "cancelled_at",
        ]

    def get_online_url(self, booking) -> str:
        # The joining link is for people holding a place, not the waitlist.
        if booking.status == Booking.Status.CONFIRMED:
            return booking.event.online_url
        return ""


class BookingCreateInput(serializers.Serializer):
    event = serializers.SlugField(max_length=200, help_text="The event's slug.")
    seats = serializers.IntegerField(
        min_value=1, max_value=MAX_SEATS_PER_BOOKING, default=1
    )


class AttendeeOutput(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)

    class Meta:
        model = Booking
        fields = ["reference", "status", "seats", "email", "name", "created_at"]


class WebhookDeliveryOutput(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "topic",
            "payload",
            "url",
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "created_at",
            "last_attempt_at",
            "delivered_at",
        ]
