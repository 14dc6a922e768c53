import datetime as dt

import pytest
from django.utils import timezone

from apps.events.models import Event
from apps.events.selectors import upcoming_events
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_upcoming_events_are_published_unfinished_and_soonest_first():
    now = timezone.now()
    later = EventFactory(starts_at=now + dt.timedelta(days=9))
    sooner = EventFactory(starts_at=now + dt.timedelta(days=2))
    EventFactory(status=Event.Status.DRAFT)
    EventFactory(status=Event.Status.CANCELLED)
    EventFactory(starts_at=now - dt.timedelta(days=3))  # over

    assert upcoming_events() == [sooner, later]
    assert upcoming_events(limit=1) == [sooner]
