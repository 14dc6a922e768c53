"""What changed since a moment: the mobile app syncs its offline content from this."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from cms.api.references import page_path, page_type
from cms.models import (
    Announcement,
    ContentSlot,
    FrequentlyAskedQuestion,
    NavigationMenu,
)
from cms.selectors import public_pages

SYNCED_SNIPPETS = [Announcement, ContentSlot, FrequentlyAskedQuestion, NavigationMenu]


def changes_since(site: Site, since) -> dict:
    """Return pages and snippets published, changed or removed after `since`.

    Anything logged since then is reported: still public means "changed" (fetch it
    again), gone, unpublished or made private means "removed" (drop it)."""
    until = timezone.now()
    page_ids = set(
        PageLogEntry.objects.filter(timestamp__gt=since).values_list(
            "page_id", flat=True
        )
    )
    public = {
        row["id"]: row
        for row in public_pages(site)
        .filter(id__in=page_ids)
        .values("id", "url_path", "content_type_id", "last_published_at")
    }
    content_types = ContentType.objects.get_for_models(*SYNCED_SNIPPETS)
    by_content_type = {ct.id: model for model, ct in content_types.items()}
    snippet_entries = set(
        ModelLogEntry.objects.filter(
            timestamp__gt=since, content_type_id__in=list(by_content_type)
        ).values_list("content_type_id", "object_id")
    )
    logged: dict[int, set[int]] = {}
    for content_type_id, object_id in snippet_entries:
        logged.setdefault(content_type_id, set()).add(int(object_id))
    changed_snippets, removed_snippets = [], []
    # One query per snippet model, whatever the number of changes.
    for content_type_id, ids in sorted(logged.items()):
        model = by_content_type[content_type_id]
        label = model._meta.label_lower
        live = set(
            model.objects.filter(pk__in=ids, live=True).values_list("pk", flat=True)
        )
        for object_id in sorted(ids):
            (changed_snippets if object_id in live else removed_snippets).append(
                {"type": label, "id": object_id}
            )
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "pages": {
            "changed": [
                {
                    "id": row["id"],
                    "type": page_type(row["content_type_id"]),
                    "path": page_path(row["url_path"], site),
                    "last_published_at": row["last_published_at"].isoformat()
                    if row["last_published_at"]
                    else None,
                }
                for row in sorted(public.values(), key=lambda row: row["id"])
            ],
            "removed": sorted(page_id for page_id in page_ids if page_id not in public),
        },
        "snippets": {"changed": changed_snippets, "removed": removed_snippets},
    }
