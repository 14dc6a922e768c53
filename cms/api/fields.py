"""Model fields for API clients, in two passes like StreamField (collect, render)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.fields import RichTextField, StreamField

from cms.api import richtext, streamfield
from cms.api.references import References, Resolved


def chooser_of_rows(model_or_obj, name: str) -> models.ForeignKey | None:
    """Return the field each row of `name` chooses with, if `name` is an inline of
    choices: a child relation (rows with a ParentalKey to the model, an Orderable
    edited with MultipleChooserPanel or InlinePanel) whose rows hold one reference
    each, a single ForeignKey besides the parent. The API lists what the rows chose,
    in the editor's order, as it would a many-to-many field."""
    try:
        relation = model_or_obj._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not (relation.one_to_many and isinstance(relation.remote_field, ParentalKey)):
        return None
    choosers = [
        field
        for field in relation.related_model._meta.get_fields()
        if isinstance(field, models.ForeignKey) and field is not relation.remote_field
    ]
    return choosers[0] if len(choosers) == 1 else None


def _raw_stream(value):
    raw = getattr(value, "raw_data", None)
    return list(raw) if raw is not None else []


def collect(obj, name: str, references: References) -> None:
    if chooser := chooser_of_rows(obj, name):
        for row in getattr(obj, name).all():
            collect(row, chooser.name, references)
        return
    field = obj._meta.get_field(name)
    if isinstance(field, StreamField):
        streamfield.collect(
            field.stream_block, _raw_stream(getattr(obj, name)), references
        )
    elif isinstance(field, RichTextField):
        richtext.collect(getattr(obj, name), references)
    elif isinstance(field, models.ForeignKey):
        ref_id = getattr(obj, field.attname)
        if ref_id is not None:
            references.add(field.related_model, ref_id)


def render(obj, name: str, resolved: Resolved):
    if chooser := chooser_of_rows(obj, name):
        return [
            item
            for row in getattr(obj, name).all()
            if (item := render(row, chooser.name, resolved)) is not None
        ]
    field = obj._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        # By id: reading the attribute would load the related object (a query).
        return resolved.get(field.related_model, getattr(obj, field.attname))
    value = getattr(obj, name)
    if isinstance(field, StreamField):
        return streamfield.render(field.stream_block, _raw_stream(value), resolved)
    if isinstance(field, RichTextField):
        return richtext.render(value or "", resolved)
    if isinstance(field, ClusterTaggableManager):
        # From the prefetched tags (cms.api.selectors); names() would query again.
        return sorted(tag.name for tag in value.all())
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
