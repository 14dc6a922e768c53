"""HTTP caching of the content API: a content version, ETags, and cached responses.

Any change to content (a page, snippet, setting, image, document or redirect saved or
deleted) moves the content version on. ETags and cached response bodies carry the
version, so a GET can answer 304, or the body it already serialized, before loading
anything, and nothing stale survives a change.
"""

import hashlib
import logging
import uuid

from django.apps import apps as global_apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

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


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS:
        return
    if meta.apps is not global_apps:
        return  # a historical model, saved by a data migration
    if meta.label_lower in IGNORED_MODELS:
        return
    # After commit: a reader between the bump and the commit would otherwise cache
    # the old content under the new version.
    transaction.on_commit(bump_content_version)
