import datetime as dt

import factory
from django.utils import timezone

from apps.events.models import Event


class EventFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "A short summary."
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    venue = "The Hall"
    capacity = 10
    status = Event.Status.PUBLISHED

    class Meta:
        model = Event
