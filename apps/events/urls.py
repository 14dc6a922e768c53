from django.urls import path

from apps.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/event.ics", views.event_calendar, name="calendar"),
    path("<slug:slug>/book/", views.event_book, name="book"),
    path("<slug:slug>/cancel/", views.event_cancel_booking, name="cancel"),
]
