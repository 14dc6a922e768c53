import datetime as dt

import factory
from django.db.models import F
from django.utils import timezone

from apps.events.models import Booking, Event, EventTranslation


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


class EventTranslationFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventFactory)
    language = "de"
    title = factory.LazyAttribute(lambda o: f"{o.event.title} (Deutsch)")
    summary = "Eine kurze Zusammenfassung."
    description = ""

    class Meta:
        model = EventTranslation


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking row as stored; go through apps.events.services to apply the rules."""

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    seats = 1
    status = Booking.Status.CONFIRMED
    reference = factory.Sequence(lambda n: f"REF{n:05d}")

    class Meta:
        model = Booking

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        booking = super()._create(model_class, *args, **kwargs)
        if booking.status == Booking.Status.CONFIRMED:
            # Keep the event's counter true, as the services would.
            Event.objects.filter(pk=booking.event_id).update(
                confirmed_seats=F("confirmed_seats") + booking.seats
            )
            booking.event.refresh_from_db(fields=["confirmed_seats"])
        return booking
