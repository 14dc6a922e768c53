"""Model fields for API clients, in two passes like StreamField (collect, render)."""

import datetime as dt
from decimal import Decimal

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from cms.api import richtext, streamfield
from cms.api.references import References, Resolved

# Fields that list what an inline chose (an Orderable edited with MultipleChooserPanel),
# by model and API name: the inline, and the field each of its rows chooses with. The
# API shows the chosen items in the editor's order, as it would a many-to-many field.
CHOSEN_BY_INLINE: dict[str, dict[str, tuple[str, str]]] = {
    "cms.articlepage": {"authors": ("article_authors", "person")},
}


def chosen_by_inline(model_or_obj, name: str) -> tuple[str, str] | None:
    """Return (inline, chooser field) if the API field `name` is an inline's choices."""
    return CHOSEN_BY_INLINE.get(model_or_obj._meta.label_lower, {}).get(name)


def _raw_stream(value):
    raw = getattr(value, "raw_data", None)
    return list(raw) if raw is not None else []


def collect(obj, name: str, references: References) -> None:
    if inline := chosen_by_inline(obj, name):
        relation, chooser = inline
        for row in getattr(obj, relation).all():
            collect(row, chooser, references)
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
        if ref_id is None:
            return
        target = field.related_model
        if issubclass(target, AbstractImage):
            references.images.add(ref_id)
        elif issubclass(target, AbstractDocument):
            references.documents.add(ref_id)
        elif issubclass(target, Page):
            references.pages.add(ref_id)
        else:
            references.snippets[target._meta.label_lower].add(ref_id)
    elif isinstance(field, ParentalManyToManyField):
        label = field.related_model._meta.label_lower
        references.snippets[label].update(
            related.pk for related in getattr(obj, name).all()
        )


def render(obj, name: str, resolved: Resolved):
    if inline := chosen_by_inline(obj, name):
        relation, chooser = inline
        return [
            item
            for row in getattr(obj, relation).all()
            if (item := render(row, chooser, resolved)) is not None
        ]
    field = obj._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        # By id: reading the attribute would load the related object (a query).
        ref_id = getattr(obj, field.attname)
        target = field.related_model
        if issubclass(target, AbstractImage):
            return resolved.images.get(ref_id)
        if issubclass(target, AbstractDocument):
            return resolved.documents.get(ref_id)
        if issubclass(target, Page):
            return resolved.pages.get(ref_id)
        return resolved.snippets.get((target._meta.label_lower, ref_id))
    value = getattr(obj, name)
    if isinstance(field, StreamField):
        return streamfield.render(field.stream_block, _raw_stream(value), resolved)
    if isinstance(field, RichTextField):
        return richtext.render(value or "", resolved)
    if isinstance(field, ParentalManyToManyField):
        label = field.related_model._meta.label_lower
        return [
            snippet
            for related in value.all()
            if (snippet := resolved.snippets.get((label, related.pk))) is not None
        ]
    if isinstance(field, ClusterTaggableManager):
        # From the prefetched tags (cms.api.selectors); names() would query again.
        return sorted(tag.name for tag in value.all())
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
