"""Server-rendered event pages on the marketing site."""

from django.http import Http404
from django.shortcuts import render

from apps.events import selectors


def event_list(request):
    return render(
        request, "events/event_list.html", {"events": selectors.upcoming_events()}
    )


def event_detail(request, slug):
    event = selectors.event_by_slug(slug)
    if event is None:
        raise Http404("No such event")
    return render(request, "events/event_detail.html", {"event": event})
