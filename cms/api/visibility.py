"""What the content API may show: live, public content of one site, nothing else.

The view restrictions (of pages and of collections) are read once per content
version and kept in the cache: any change to them moves the version on."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)


def restrictions_key(version: str) -> str:
    return f"content-api:restrictions:{version}"


def _restricted_paths() -> dict[str, list[str]]:
    from cms.api import caching

    key = restrictions_key(caching.content_version())
    paths = caching.get(key)
    if paths is None:
        paths = {
            "pages": list(
                PageViewRestriction.objects.values_list("page__path", flat=True)
            ),
            "collections": list(
                Collection.objects.filter(
                    id__in=CollectionViewRestriction.objects.values("collection_id")
                ).values_list("path", flat=True)
            ),
        }
        caching.set_many({key: paths}, caching.RESPONSE_TIMEOUT)
    return paths


def _under_any(paths: list[str], field: str) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def public_pages(site: Site, model=Page) -> QuerySet[Page]:
    """Return the live pages of `site` a visitor may see: not view-restricted (nor
    below a restricted page), and not past their expiry time even if the clock has
    not unpublished them yet."""
    now = timezone.now()
    return (
        model.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .exclude(_under_any(_restricted_paths()["pages"], "path"))
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


def private_collections_q(prefix: str = "collection__") -> Q:
    """Return a filter for objects in a view-restricted collection (or below one)."""
    return _under_any(_restricted_paths()["collections"], f"{prefix}path")
