"""Which announcements are on now, and when that answer next changes: one answer
for the site's banner (cms.chrome) and the content API (cms.api.snippets)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from cms.models import Announcement
from cms.selectors import public_snippets


@dataclass(frozen=True)
class OnNow:
    """The live announcements of the active language within their dates, newest
    first, and the next time one of them ends or another starts (None: no change
    is scheduled)."""

    announcements: list
    changes_at: datetime | None


def announcements_on_now(now: datetime | None = None) -> OnNow:
    """Return the announcements on now, from one query: the live ones of the active
    language that have not ended, those that have not started only telling when
    the answer changes."""
    now = now or timezone.now()
    not_ended = public_snippets(Announcement, in_active_language=True).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )
    on_now, changes = [], []
    for announcement in not_ended:
        if announcement.starts_at is not None and announcement.starts_at > now:
            changes.append(announcement.starts_at)
            continue
        on_now.append(announcement)
        if announcement.ends_at is not None:
            changes.append(announcement.ends_at)
    return OnNow(announcements=on_now, changes_at=min(changes, default=None))
