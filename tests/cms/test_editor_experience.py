"""Editors get help text on every field the project declares."""

from django.apps import apps
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    Page,
    RevisionMixin,
    TranslatableMixin,
)

# Fields Wagtail declares (with its own labels and help), not the project.
WAGTAIL_FIELDS = {
    field.name
    for base in (
        Page,
        AbstractEmailForm,
        AbstractFormField,
        BaseSiteSetting,
        DraftStateMixin,
        Orderable,
        RevisionMixin,
        TranslatableMixin,
    )
    for field in base._meta.get_fields()
} | {"id", "page_ptr", "content_object", "tag", "menu", "page"}


def test_every_project_field_has_help_text():
    missing = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("cms").get_models()
        for field in model._meta.get_fields()
        if field.concrete
        and not field.auto_created
        and field.name not in WAGTAIL_FIELDS
        and not field.help_text
    ]

    assert missing == []
