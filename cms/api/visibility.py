"""What the content API may show: live, public content of one site, nothing else."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Page, Site


def public_pages(site: Site, model=Page) -> QuerySet[Page]:
    """Return the live pages of `site` a visitor may see: not view-restricted (nor
    below a restricted page), and not past their expiry time even if the clock has
    not unpublished them yet."""
    now = timezone.now()
    return (
        model.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


def private_collections_q(prefix: str = "collection__") -> Q:
    """Return a filter for objects in a view-restricted collection (or below one)."""
    paths = Collection.objects.filter(
        id__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition
