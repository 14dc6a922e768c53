"""Server-rendered event pages: listing, detail, calendar file, book and cancel.

Booking and cancelling are plain POST forms, so they work without JavaScript."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.events import selectors, services
from apps.events.cache import cached, public_key
from apps.events.calendar import event_ics
from apps.events.models import Booking
from apps.events.structured_data import event_json_ld


def _public_event(slug):
    event = cached(
        public_key("page-event", slug), lambda: selectors.event_by_slug(slug)
    )
    if event is None:
        raise Http404("No such event")
    return event


def event_list(request):
    events = cached(public_key("page-list"), selectors.upcoming_events)
    return render(request, "events/event_list.html", {"events": events})


def event_detail(request, slug):
    event = _public_event(slug)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "booking": selectors.active_booking_of(request.user, event),
            "json_ld": event_json_ld(event),
            "max_seats": range(
                1, min(services.MAX_SEATS_PER_BOOKING, event.capacity) + 1
            ),
        },
    )


def event_calendar(request, slug):
    event = _public_event(slug)
    response = HttpResponse(
        event_ics(event), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _sign_in_first(request, event):
    query = urlencode({"next": event.get_absolute_url()})
    return redirect(f"{reverse('accounts:sign-in')}?{query}")


@require_POST
def event_book(request, slug):
    event = _public_event(slug)
    if not request.user.is_authenticated:
        return _sign_in_first(request, event)
    try:
        seats = int(request.POST.get("seats", "1"))
    except ValueError:
        seats = 0
    try:
        booking = services.booking_create(event=event, user=request.user, seats=seats)
    except services.RuleViolation as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if booking.status == Booking.Status.CONFIRMED:
            messages.success(
                request,
                _(
                    "Your booking is confirmed. Your reference is %(reference)s; "
                    "we have emailed you the details."
                )
                % {"reference": booking.reference},
            )
        else:
            messages.info(
                request,
                _(
                    "The event is full: you are on the waitlist (reference "
                    "%(reference)s). We will email you if a place frees up."
                )
                % {"reference": booking.reference},
            )
    return redirect(event.get_absolute_url())


@require_POST
def event_cancel_booking(request, slug):
    event = _public_event(slug)
    if not request.user.is_authenticated:
        return _sign_in_first(request, event)
    booking = selectors.active_booking_of(request.user, event)
    if booking is None:
        messages.error(request, _("You have no booking for this event."))
    else:
        try:
            services.booking_cancel(booking=booking)
        except services.RuleViolation as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your booking is cancelled."))
    return redirect(event.get_absolute_url())
