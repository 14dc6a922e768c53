"""Query parameters of the content API, as input serializers: a bad value is a 400
problem with the field's errors, and drf-spectacular documents each parameter."""

import datetime as dt

from django.apps import apps
from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework import serializers
from wagtail.models import Page

from cms.api.selectors import LISTING_ORDERS


class CappedIntegerField(serializers.IntegerField):
    """A count the client may ask for: zero or more, and at most `cap` (a larger
    number asks for everything there is, up to the cap)."""

    def __init__(self, *, cap: int | None = None, **kwargs):
        self.cap = cap
        super().__init__(
            min_value=0,
            required=False,
            error_messages={
                "invalid": "A whole number is required.",
                "min_value": "Must be zero or more.",
            },
            **kwargs,
        )

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return min(value, self.cap) if self.cap is not None else value


def optional(help_text: str):
    return serializers.CharField(required=False, help_text=help_text)


class LocaleFilter(serializers.Serializer):
    """The parameter of every endpoint: the language of the answer. Never the
    Accept-Language header: answers are cached by their address alone."""

    locale = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="A language the site is configured for, e.g. de; by default the "
        "site's default language.",
    )

    def validate_locale(self, value: str) -> str:
        codes = [code for code, _name in settings.LANGUAGES]
        if not value:
            return settings.LANGUAGE_CODE
        if value.lower() not in codes:
            raise serializers.ValidationError(
                f"Unknown language {value!r}; use one of: {', '.join(codes)}."
            )
        return value.lower()

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        values.setdefault("locale", settings.LANGUAGE_CODE)
        return values


class PageListFilter(LocaleFilter):
    type = optional("A page type, e.g. cms.articlepage.")
    child_of = serializers.IntegerField(
        required=False, help_text="Only the children of this page id."
    )
    tag = optional("Only pages with this tag (slug).")
    category = optional("Only pages in this category (slug).")
    order = serializers.ChoiceField(
        choices=sorted(LISTING_ORDERS),
        required=False,
        error_messages={
            "invalid_choice": f"Order by one of: {', '.join(sorted(LISTING_ORDERS))}."
        },
        help_text="Newest first unless told: by date where a page type has one, "
        "else by first publication. Prefix - for descending.",
    )
    limit = CappedIntegerField(cap=100, default=20, help_text="At most 100.")
    offset = CappedIntegerField(default=0, help_text="How many cards to skip.")

    def validate_type(self, value: str):
        """Return the page model the label names."""
        try:
            model = apps.get_model(value)
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, Page):
            raise serializers.ValidationError(
                _("Unknown page type %(type)s; use e.g. cms.articlepage.")
                % {"type": value}
            )
        return model


class PathFilter(LocaleFilter):
    path = serializers.CharField(
        help_text="The page's path, e.g. /about/.",
        error_messages={"required": "This query parameter is required."},
    )


class SearchFilter(LocaleFilter):
    q = serializers.CharField(
        max_length=200,
        help_text="What to search for.",
        error_messages={
            "required": "Give something to search for.",
            "blank": "Give something to search for.",
        },
    )
    limit = CappedIntegerField(cap=50, default=20, help_text="At most 50.")
    offset = CappedIntegerField(default=0, help_text="How many results to skip.")


class AwareDateTimeField(serializers.DateTimeField):
    """An ISO 8601 time with its time zone (a naive time would be guessed)."""

    default_error_messages = {
        "invalid": "An ISO 8601 time is required, e.g. 2026-01-31T12:00:00Z.",
        "naive": "Give a time zone (e.g. Z).",
        "offset": "A time zone offset is less than 16 hours.",
    }

    def to_internal_value(self, value):
        try:
            # A "+" in a query string arrives as a space.
            parsed = parse_datetime(str(value).replace(" ", "+"))
        except ValueError:
            parsed = None
        if parsed is None:
            self.fail("invalid")
        if parsed.tzinfo is None:
            self.fail("naive")
        # Python takes offsets up to 24 hours, PostgreSQL up to 15:59.
        if abs(parsed.utcoffset()) >= dt.timedelta(hours=16):
            self.fail("offset")
        return parsed


class ChangesFilter(LocaleFilter):
    since = AwareDateTimeField(
        help_text="ISO 8601 time, e.g. 2026-01-31T12:00:00Z.",
        error_messages={"required": "An ISO 8601 time is required."},
    )


class PreviewFilter(serializers.Serializer):
    content_type = serializers.CharField(
        help_text="The page type, e.g. cms.standardpage."
    )
    token = serializers.CharField(help_text="The signed token from the preview link.")
