"""Filters for the public event list: a date range and a text search."""

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone

from apps.events.models import Event


class EventFilter(django_filters.FilterSet):
    starts_after = django_filters.DateFilter(
        method="filter_starts_after",
        help_text="Only events starting on or after this date (YYYY-MM-DD).",
    )
    starts_before = django_filters.DateFilter(
        method="filter_starts_before",
        help_text="Only events starting before the end of this date (YYYY-MM-DD).",
    )
    q = django_filters.CharFilter(
        method="filter_text",
        max_length=100,
        help_text="Words to look for in the title, summary or venue.",
    )

    class Meta:
        model = Event
        fields = []

    @staticmethod
    def _day_start(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    def filter_starts_after(self, queryset, name, value):
        return queryset.filter(starts_at__gte=self._day_start(value))

    def filter_starts_before(self, queryset, name, value):
        return queryset.filter(
            starts_at__lt=self._day_start(value + dt.timedelta(days=1))
        )

    def filter_text(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(venue__icontains=word)
            )
        return queryset
