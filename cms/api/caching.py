"""HTTP caching of the content API: a content version, ETags, and cached responses.

Any change visitors could see (a page or snippet published, unpublished, moved or
deleted; a setting, image, document, redirect or view restriction saved or deleted)
moves the content version on; drafts and autosaves do not. ETags and cached response
bodies carry the version, so a GET can answer 304, or the body it already serialized,
before loading anything, and nothing stale survives a change.
"""

import hashlib
import logging
import uuid

from django.apps import apps as global_apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

logger = logging.getLogger(__name__)

VERSION_KEY = "content-api:version"
RESPONSE_TIMEOUT = 3600
# Models whose rows change often without changing what visitors see.
IGNORED_MODELS = {
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.commentreply",
    "wagtailcore.comment",
    "wagtailcore.pagelocaleactivity",
    "wagtailcore.uploadedfile",
}
CONTENT_APPS = {
    "cms",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
}


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version() -> None:
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)
    except Exception:  # noqa: BLE001 - an editor's save must not fail on the cache
        logger.exception("Could not move the content version on; API caches may lag")


def etag_for(version: str, full_path: str) -> str:
    digest = hashlib.sha256(f"{version}:{full_path}".encode()).hexdigest()[:24]
    return f'"{digest}"'


def response_key(version: str, full_path: str) -> str:
    digest = hashlib.sha256(full_path.encode()).hexdigest()
    return f"content-api:response:{version}:{digest}"


def _is_content(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS:
        return False
    if meta.apps is not global_apps:
        return False  # a historical model, saved by a data migration
    return meta.label_lower not in IGNORED_MODELS


def _bump_after_commit() -> None:
    # After commit: a reader between the bump and the commit would otherwise cache
    # the old content under the new version.
    transaction.on_commit(bump_content_version)


@receiver(post_save)
def content_saved(sender, instance, **kwargs):
    # Pages and draftable snippets change what visitors see when published, not
    # when an editor's draft (or Wagtail's autosave) is saved: see below.
    if isinstance(instance, Page | DraftStateMixin):
        return
    if _is_content(sender):
        _bump_after_commit()


@receiver(post_delete)
def content_deleted(sender, **kwargs):
    if _is_content(sender):
        _bump_after_commit()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(published)
@receiver(unpublished)
def content_published(sender, **kwargs):
    _bump_after_commit()
