"""HTTP caching of the content API: a content version, ETags, and cached responses.

Any change visitors could see (a page or snippet published, unpublished, moved or
deleted; a setting, image, document, redirect or view restriction saved or deleted)
moves the content version on; drafts and autosaves do not. ETags and cached response
bodies carry the version, so a GET can answer 304, or the body it already serialized,
before loading anything, and nothing stale survives a change.
"""

import contextvars
import hashlib
import logging
import uuid
from contextlib import contextmanager

from django.apps import apps as global_apps
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
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
    # Made by the generate_renditions task, which makes the caches stale once when
    # it is done, not once per rendition.
    "wagtailimages.rendition",
}
CONTENT_APPS = {
    "cms",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
}


# What one request has already read from the cache: the version it started with, and
# the values it fetched in bulk. Everything a request reads then belongs to one
# version, and each key costs one round trip to the cache at most.
_request_cache: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "content_api_request_cache", default=None
)


def _read_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # While the cache is out, a new version per request: no ETag matches.
        start = uuid.uuid4().hex[:12]
        cache.add(VERSION_KEY, start, timeout=None)
        version = cache.get(VERSION_KEY, start)
    return version


def content_version() -> str:
    scope = _request_cache.get()
    if scope is None:
        return _read_version()
    if scope["version"] is None:
        scope["version"] = _read_version()
    return scope["version"]


@contextmanager
def request_scope():
    """Read the content version once for everything inside, and keep what
    `fetch` and `get` read from the cache for the rest of the block."""
    token = _request_cache.set({"version": None, "values": {}, "asked": set()})
    try:
        yield content_version()
    finally:
        _request_cache.reset(token)


def is_database_cache() -> bool:
    """Return whether the cache is Django's database cache (no REDIS_URL): there a
    cache read costs a query, as much as loading what it would hold."""
    return isinstance(caches["default"], DatabaseCache)


def fetch(keys) -> None:
    """Read these keys in one round trip, for `get` to answer from memory later
    (outside a request scope, this does nothing)."""
    scope = _request_cache.get()
    if scope is None:
        return
    keys = [key for key in keys if key not in scope["asked"]]
    if keys:
        scope["values"].update(cache.get_many(keys))
        scope["asked"].update(keys)


def get(key):
    """Return the cached value of `key`, or None; fetched keys cost no round trip."""
    scope = _request_cache.get()
    if scope is not None and key in scope["asked"]:
        return scope["values"].get(key)
    return cache.get(key)


def get_many(keys) -> dict:
    """Return the cached values of these keys (missing ones left out), one round
    trip for the keys not fetched yet."""
    scope = _request_cache.get()
    if scope is None:
        return cache.get_many(keys)
    fetch(keys)
    return {key: scope["values"][key] for key in keys if key in scope["values"]}


def set_many(values: dict, timeout: int) -> None:
    if not values:
        return
    cache.set_many(values, timeout)
    scope = _request_cache.get()
    if scope is not None:
        scope["values"].update(values)
        scope["asked"].update(values)


def bump_content_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)


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
