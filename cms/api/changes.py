"""What changed since a moment: the mobile app syncs its offline content from this."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Site

from cms.api.references import page_path, page_type
from cms.models import (
    Announcement,
    ContentSlot,
    FrequentlyAskedQuestion,
    NavigationMenu,
)
from cms.selectors import active_content_language, public_pages, restricted

SYNCED_SNIPPETS = [Announcement, ContentSlot, FrequentlyAskedQuestion, NavigationMenu]


def changes_since(site: Site, since) -> dict:
    """Return pages and snippets published, changed or removed after `since`.

    Anything logged since then that is or was public is reported: still public
    means "changed" (fetch it again); unpublished, expired, made private or deleted
    means "removed" (drop it). Pages that were never public, other sites' pages and
    snippets never published are left out: a client cannot hold them."""
    until = timezone.now()
    language = active_content_language()
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
    removed_pages = _once_public_pages(site, page_ids - public.keys(), since, language)
    changed_snippets, removed_snippets = _snippet_changes(since, language)
    return {
        "since": since,
        "until": until,
        "pages": {
            "changed": [
                {
                    "id": row["id"],
                    "type": page_type(row["content_type_id"]),
                    "path": page_path(row["url_path"], site, language),
                    "last_published_at": row["last_published_at"],
                }
                for row in sorted(public.values(), key=lambda row: row["id"])
            ],
            "removed": sorted(removed_pages),
        },
        "snippets": {"changed": changed_snippets, "removed": removed_snippets},
    }


def _once_public_pages(
    site: Site, page_ids: set[int], since, language: str
) -> set[int]:
    """Return which of these pages, not public now, a client may hold: this site's
    pages in this language that were live once (if a view restriction hides them,
    before one came after `since`), and deleted pages that were published once (a
    deleted page's site and language are not recorded)."""
    if not page_ids:
        return set()
    rows = list(
        Page.objects.filter(id__in=page_ids)
        .annotate(is_restricted=restricted())
        .values("id", "path", "first_published_at", "is_restricted")
    )
    roots = _tree_roots(site, language)
    once_public = set()
    restricted_rows = []
    for row in rows:
        if not row["path"].startswith(roots) or row["first_published_at"] is None:
            continue
        if row["is_restricted"]:
            restricted_rows.append(row)
        else:
            once_public.add(row["id"])
    if restricted_rows:
        # Public before a restriction hid it: live before the restriction came, and
        # that after `since` (an older restriction hid it from the client all along).
        restrictions = PageLogEntry.objects.filter(
            timestamp__gt=since, action__startswith="wagtail.view_restriction."
        ).values_list("page__path", "timestamp")
        once_public |= {
            row["id"]
            for row in restricted_rows
            for path, timestamp in restrictions
            if path
            and row["path"].startswith(path)
            and row["first_published_at"] < timestamp
        }
    deleted = page_ids - {row["id"] for row in rows}
    if deleted:
        once_public |= set(
            PageLogEntry.objects.filter(
                page_id__in=deleted, action="wagtail.publish"
            ).values_list("page_id", flat=True)
        )
    return once_public


def _tree_roots(site: Site, language: str) -> tuple[str, ...]:
    """Return the tree paths of the site's root page in this language (its own, or
    its translation's); no query on a one-language site."""
    root = site.root_page
    if not settings.WAGTAIL_I18N_ENABLED:
        return (root.path,)
    return tuple(
        Page.objects.filter(
            translation_key=root.translation_key, locale__language_code=language
        ).values_list("path", flat=True)
    )


def _snippet_changes(since, language: str) -> tuple[list[dict], list[dict]]:
    """Return the synced snippets in this language changed (live) and removed
    (published once, now unpublished or deleted) after `since`: one query per model
    with changes. A deleted snippet's language is not recorded: it is reported in
    every language's feed (a client drops what it does not hold)."""
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
    changed, removed = [], []
    for content_type_id, ids in sorted(logged.items()):
        model = by_content_type[content_type_id]
        label = model._meta.label_lower
        rows = model.objects.filter(pk__in=ids).values_list(
            "pk", "live", "first_published_at", "locale__language_code"
        )
        states = {
            pk: (live, first_published_at)
            for pk, live, first_published_at, _language in rows
        }
        deleted = ids - states.keys()
        ids = {pk for pk, *_state, code in rows if code == language} | deleted
        published_deleted = (
            {
                int(object_id)
                for object_id in ModelLogEntry.objects.filter(
                    content_type_id=content_type_id,
                    object_id__in=[str(ref) for ref in deleted],
                    action="wagtail.publish",
                ).values_list("object_id", flat=True)
            }
            if deleted
            else set()
        )
        for object_id in sorted(ids):
            live, first_published_at = states.get(object_id, (False, None))
            if live:
                changed.append({"type": label, "id": object_id})
            elif first_published_at or object_id in published_deleted:
                removed.append({"type": label, "id": object_id})
    return changed, removed
