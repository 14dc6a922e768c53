"""The events API: thin views calling one selector or service each."""

import csv
from contextlib import contextmanager

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.idempotency import HEADER as IDEMPOTENCY_HEADER
from apps.api.idempotency import idempotent
from apps.api.permissions import StaffWithPermissions
from apps.api.problems import Conflict
from apps.events import selectors, services
from apps.events.api import serializers
from apps.events.api.filters import EventFilter
from apps.events.cache import cached, public_key
from apps.events.models import Event
from apps.events.services import RuleViolation


@contextmanager
def rules_as_conflicts():
    """Answer a refused rule with 409 and the rule's own message and code."""
    try:
        yield
    except RuleViolation as exc:
        raise Conflict(detail=exc.message, code=exc.code) from exc


EVENT_EXAMPLE = OpenApiExample(
    "An event",
    value={
        "slug": "garden-tour",
        "title": "Garden tour",
        "summary": "A guided walk through the spring garden.",
        "starts_at": "2026-05-02T10:00:00Z",
        "ends_at": "2026-05-02T12:00:00Z",
        "venue": "The Old Garden",
        "status": "published",
        "capacity": 20,
        "places_left": 7,
        "page_url": "/events/garden-tour/",
    },
    response_only=True,
)
BOOKING_EXAMPLE = OpenApiExample(
    "A confirmed booking",
    value={
        "reference": "K7M2QX9A",
        "status": "confirmed",
        "seats": 2,
        "event": {
            "slug": "garden-tour",
            "title": "Garden tour",
            "starts_at": "2026-05-02T10:00:00Z",
            "ends_at": "2026-05-02T12:00:00Z",
            "venue": "The Old Garden",
            "status": "published",
        },
        "online_url": "",
        "created_at": "2026-04-01T09:30:00Z",
        "confirmed_at": "2026-04-01T09:30:00Z",
        "cancelled_at": None,
    },
    response_only=True,
)


STAFF_EVENT_EXAMPLE = OpenApiExample(
    "An event, as staff see it",
    value={
        "id": 7,
        "slug": "garden-tour",
        "title": "Garden tour",
        "summary": "A guided walk through the spring garden.",
        "starts_at": "2026-05-02T10:00:00Z",
        "ends_at": "2026-05-02T12:00:00Z",
        "venue": "The Old Garden",
        "status": "draft",
        "capacity": 20,
        "places_left": 20,
        "page_url": "/events/garden-tour/",
        "description": "",
        "booking_opens_at": None,
        "booking_closes_at": None,
        "online_url": "",
        "confirmed_seats": 0,
        "created_at": "2026-04-01T09:00:00Z",
        "updated_at": "2026-04-01T09:00:00Z",
    },
    response_only=True,
)
ATTENDEE_EXAMPLE = OpenApiExample(
    "An attendee",
    value={
        "reference": "K7M2QX9A",
        "status": "confirmed",
        "seats": 2,
        "email": "ada@example.com",
        "name": "Ada Lovelace",
        "created_at": "2026-04-01T09:30:00Z",
    },
    response_only=True,
)
DELIVERY_EXAMPLE = OpenApiExample(
    "A delivery that failed once",
    value={
        "id": 12,
        "topic": "booking.created",
        "payload": {"reference": "K7M2QX9A", "status": "confirmed", "seats": 2},
        "url": "https://crm.example.com/hooks/bookings",
        "status": "pending",
        "attempts": 1,
        "last_status_code": 503,
        "last_error": "HTTP 503 Service Unavailable",
        "created_at": "2026-04-01T09:30:00Z",
        "last_attempt_at": "2026-04-01T09:30:01Z",
        "delivered_at": None,
    },
    response_only=True,
)


# --- Public ------------------------------------------------------------------------


@extend_schema(tags=["events"], examples=[EVENT_EXAMPLE])
class EventListView(generics.ListAPIView):
    """Upcoming published events, soonest first, with the places left."""

    serializer_class = serializers.EventOutput
    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend]
    filterset_class = EventFilter

    def get_queryset(self):
        return selectors.listed_events()

    def list(self, request, *args, **kwargs):
        # The whole page is the same for everyone: cache it per language and address.
        key = public_key("list", request.build_absolute_uri())
        return Response(cached(key, lambda: self._page(request, *args, **kwargs)))

    def _page(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs).data


@extend_schema(tags=["events"], examples=[EVENT_EXAMPLE])
class EventDetailView(generics.RetrieveAPIView):
    """One public event (published, or cancelled so that its status shows)."""

    serializer_class = serializers.EventDetailOutput
    permission_classes = [AllowAny]

    def retrieve(self, request, slug):
        def compute():
            event = selectors.event_by_slug(slug)
            return None if event is None else self.get_serializer(event).data

        data = cached(public_key("detail", slug), compute)
        if data is None:
            raise Http404(_("There is no public event with this slug."))
        return Response(data)


# --- Bookings ------------------------------------------------------------------------


class BookingListCreateView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = serializers.BookingOutput

    def get_queryset(self):
        return selectors.bookings_of(self.request.user)

    @extend_schema(
        tags=["bookings"], operation_id="bookings_list", examples=[BOOKING_EXAMPLE]
    )
    def get(self, request, *args, **kwargs):
        """My bookings, newest first."""
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["bookings"],
        operation_id="bookings_create",
        request=serializers.BookingCreateInput,
        responses={
            201: serializers.BookingOutput,
            409: OpenApiResponse(description="A booking rule refused the request."),
        },
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                location=OpenApiParameter.HEADER,
                required=False,
                description="Any unique string (a UUID): a retry with the same key "
                "creates nothing new and answers what the first request answered.",
            )
        ],
        examples=[
            OpenApiExample(
                "Two places",
                value={"event": "garden-tour", "seats": 2},
                request_only=True,
            ),
            BOOKING_EXAMPLE,
        ],
    )
    def post(self, request):
        """Book places: confirmed if they are free, waitlisted if the event is full."""
        return idempotent(request, lambda: self._create(request))

    def _create(self, request):
        data = serializers.BookingCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            with rules_as_conflicts():
                booking = services.booking_create_by_slug(
                    slug=data.validated_data["event"],
                    user=request.user,
                    seats=data.validated_data["seats"],
                )
        except Event.DoesNotExist:
            raise Http404(_("There is no public event with this slug.")) from None
        return Response(
            serializers.BookingOutput(booking).data, status=status.HTTP_201_CREATED
        )


def _my_booking(request, reference):
    # Someone else's booking is a 404, not a 403: its existence is private too.
    booking = selectors.booking_of(request.user, reference)
    if booking is None:
        raise Http404(_("You have no booking with this reference."))
    return booking


@extend_schema(tags=["bookings"], examples=[BOOKING_EXAMPLE])
class BookingDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.BookingOutput)
    def get(self, request, reference):
        """One of my bookings."""
        return Response(serializers.BookingOutput(_my_booking(request, reference)).data)


@extend_schema(tags=["bookings"], examples=[BOOKING_EXAMPLE])
class BookingCancelView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={
            200: serializers.BookingOutput,
            409: OpenApiResponse(description="Already cancelled, or too late."),
        },
    )
    def post(self, request, reference):
        """Cancel one of my bookings; its places go to the waitlist."""
        booking = _my_booking(request, reference)
        with rules_as_conflicts():
            booking = services.booking_cancel(booking=booking)
        return Response(serializers.BookingOutput(booking).data)


# --- Staff ---------------------------------------------------------------------------


class StaffView(APIView):
    permission_classes = [StaffWithPermissions]
    required_permissions = ("events.change_event",)


class StaffListView(generics.ListAPIView):
    permission_classes = [StaffWithPermissions]


def _staff_event(slug):
    return get_object_or_404(selectors.staff_events(), slug=slug)


@extend_schema(tags=["staff"], examples=[STAFF_EVENT_EXAMPLE])
class StaffEventListCreateView(StaffListView):
    required_permissions = ("events.change_event",)
    serializer_class = serializers.EventStaffOutput

    def get_queryset(self):
        return selectors.staff_events()

    @extend_schema(operation_id="staff_events_list")
    def get(self, request, *args, **kwargs):
        """Every event, drafts and cancelled ones included, latest first."""
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="staff_events_create",
        request=serializers.EventStaffInput,
        responses={201: serializers.EventStaffOutput},
        examples=[
            OpenApiExample(
                "A new event",
                value={
                    "title": "Garden tour",
                    "slug": "garden-tour",
                    "starts_at": "2026-05-02T10:00:00Z",
                    "ends_at": "2026-05-02T12:00:00Z",
                    "venue": "The Old Garden",
                    "capacity": 20,
                },
                request_only=True,
            ),
            STAFF_EVENT_EXAMPLE,
        ],
    )
    def post(self, request):
        """Create a draft event."""
        data = serializers.EventStaffInput(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.event_create(**data.validated_data)
        return Response(
            serializers.EventStaffOutput(event).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=["staff"], examples=[STAFF_EVENT_EXAMPLE])
class StaffEventDetailView(StaffView):
    @extend_schema(responses=serializers.EventStaffOutput)
    def get(self, request, slug):
        return Response(serializers.EventStaffOutput(_staff_event(slug)).data)

    @extend_schema(
        request=serializers.EventStaffInput(partial=True),
        examples=[
            OpenApiExample("More places", value={"capacity": 30}, request_only=True),
            STAFF_EVENT_EXAMPLE,
        ],
        responses={200: serializers.EventStaffOutput},
    )
    def patch(self, request, slug):
        """Change some fields; a larger capacity promotes the waitlist."""
        event = _staff_event(slug)
        data = serializers.EventStaffInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        with rules_as_conflicts():
            event = services.event_update(event=event, **data.validated_data)
        return Response(serializers.EventStaffOutput(event).data)


@extend_schema(tags=["staff"], examples=[STAFF_EVENT_EXAMPLE])
class StaffEventPublishView(StaffView):
    @extend_schema(request=None, responses={200: serializers.EventStaffOutput})
    def post(self, request, slug):
        with rules_as_conflicts():
            event = services.event_publish(event=_staff_event(slug))
        return Response(serializers.EventStaffOutput(event).data)


@extend_schema(tags=["staff"], examples=[STAFF_EVENT_EXAMPLE])
class StaffEventCancelView(StaffView):
    @extend_schema(request=None, responses={200: serializers.EventStaffOutput})
    def post(self, request, slug):
        """Cancel the event and all its bookings; every attendee gets an email."""
        with rules_as_conflicts():
            event = services.event_cancel(event=_staff_event(slug))
        return Response(serializers.EventStaffOutput(event).data)


@extend_schema(tags=["staff"], examples=[ATTENDEE_EXAMPLE])
class StaffAttendeeListView(StaffListView):
    """Confirmed, then waitlisted bookings of the event."""

    required_permissions = ("events.view_booking",)
    serializer_class = serializers.AttendeeOutput

    def get_queryset(self):
        return selectors.event_attendees(_staff_event(self.kwargs["slug"]))


@extend_schema(tags=["staff"])
class StaffAttendeeCsvView(StaffView):
    required_permissions = ("events.view_booking",)

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR,
                examples=[
                    OpenApiExample(
                        "Two attendees",
                        value="reference,status,seats,email,name,booked_at\n"
                        "K7M2QX9A,confirmed,2,ada@example.com,Ada Lovelace,"
                        "2026-04-01T09:30:00+00:00\n",
                    )
                ],
            )
        }
    )
    def get(self, request, slug):
        """The attendee list as a CSV file, for spreadsheets and door lists."""
        event = _staff_event(slug)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{event.slug}-attendees.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(["reference", "status", "seats", "email", "name", "booked_at"])
        for booking in selectors.event_attendees(event):
            writer.writerow(
                [
                    booking.reference,
                    booking.status,
                    booking.seats,
                    booking.user.email,
                    _csv_safe(booking.user.get_full_name()),
                    booking.created_at.isoformat(),
                ]
            )
        return response


def _csv_safe(value: str) -> str:
    # A name starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@extend_schema(tags=["staff"], examples=[DELIVERY_EXAMPLE])
class StaffWebhookDeliveryListView(StaffListView):
    """The delivery log of the CRM webhook, newest first."""

    required_permissions = ("events.view_webhookdelivery",)
    serializer_class = serializers.WebhookDeliveryOutput

    def get_queryset(self):
        return selectors.webhook_deliveries()
