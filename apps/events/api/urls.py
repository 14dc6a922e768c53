from django.urls import path

from apps.events.api import views

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("bookings/", views.BookingListCreateView.as_view(), name="booking-list"),
    path(
        "bookings/<str:reference>/",
        views.BookingDetailView.as_view(),
        name="booking-detail",
    ),
    path(
        "bookings/<str:reference>/cancel/",
        views.BookingCancelView.as_view(),
        name="booking-cancel",
    ),
    path(
        "staff/events/",
        views.StaffEventListCreateView.as_view(),
        name="staff-event-list",
    ),
    path(
        "staff/events/<slug:slug>/",
        views.StaffEventDetailView.as_view(),
        name="staff-event-detail",
    ),
    path(
        "staff/events/<slug:slug>/publish/",
        views.StaffEventPublishView.as_view(),
        name="staff-event-publish",
    ),
    path(
        "staff/events/<slug:slug>/cancel/",
        views.StaffEventCancelView.as_view(),
        name="staff-event-cancel",
    ),
    path(
        "staff/events/<slug:slug>/attendees/",
        views.StaffAttendeeListView.as_view(),
        name="staff-attendee-list",
    ),
    path(
        "staff/events/<slug:slug>/attendees.csv",
        views.StaffAttendeeCsvView.as_view(),
        name="staff-attendee-csv",
    ),
    path(
        "staff/webhook-deliveries/",
        views.StaffWebhookDeliveryListView.as_view(),
        name="staff-webhook-delivery-list",
    ),
]
