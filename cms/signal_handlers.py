"""Every receiver of the CMS, each connected for an explicit sender: what a change
visitors could see does to the caches and the CDN, and what publishing does ahead of
the first visitor (renditions, a document's size).

A change moves the content version on (cms/generation_cache.py: pages, the content
API and what rendering reads all go stale at once), and the CDN is purged: the page
and its parent's listing, or every live page when something every page shows changed
(cms.tasks.purge_frontend_cache), plus the content API's addresses that show it
(cms/api/publishing.py). Drafts, revisions, logs and renditions change nothing
visitors see. Signals, because the changes happen inside Wagtail's own views and
models."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, get_page_models
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from cms.api import publishing
from cms.generation_cache import bump_content_version

# The apps whose rows visitors can see, and the models among them that never show.
CONTENT_APPS = (
    "cms",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
)
UNSEEN_MODELS = {
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
# Shown on every page (chrome, cards, restrictions, links): a change purges them all.
SHOWN_ON_EVERY_PAGE = {
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "cms.announcement",  # the banner
    "cms.category",
    "cms.person",
    "cms.sitesettings",
    "cms.navigationmenu",
    "cms.navigationmenuitem",
    "cms.testimonial",
}
# What saving a revision or a lock writes to a snippet's row: nothing public.
REVISION_FIELDS = {
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


class _InvalidateOnCommit:
    """The on-commit callback: move the content version on, enqueue one CDN purge.

    Deleting a subtree sends one signal per page; they merge into the callback
    already waiting on this transaction, so the worker gets one purge, not one per
    page. (The callback lives in the connection's list, so a rollback drops it.)"""

    def __init__(self, page_ids):
        self.page_ids = page_ids

    def merge(self, page_ids):
        if self.page_ids is None or page_ids is None:
            self.page_ids = None
        else:
            self.page_ids |= page_ids

    def __call__(self):
        from cms.tasks import frontend_cache_configured, purge_frontend_cache

        bump_content_version(again_on_commit=False)
        if frontend_cache_configured() and self.page_ids != set():
            ids = None if self.page_ids is None else sorted(self.page_ids)
            purge_frontend_cache.enqueue(page_ids=ids)


def content_changed(*, purge: set[int] | None) -> None:
    """Make every cache stale now and on commit, and purge these pages from the CDN
    on commit (every live page if None, none if empty)."""
    # Now as well as on commit: this transaction's own later reads (and tests, which
    # never commit) see the change; a request that read the old rows in between
    # cannot keep them, as the commit moves the version on again.
    bump_content_version(again_on_commit=False)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _InvalidateOnCommit):
                callback.merge(purge)
                return
    transaction.on_commit(_InvalidateOnCommit(purge))


def page_published_or_unpublished(sender, instance, **kwargs):
    # Wagtail purges the page itself; its parent's listing shows it too. Menus,
    # related articles and search live on other pages: the content version covers
    # our own caches, and the CDN's short max-age covers the rest.
    purge = {instance.pk}
    if instance.depth > 1:
        purge.add(instance.get_parent().pk)
    content_changed(purge=purge)


def page_moved_or_deleted(sender, **kwargs):
    content_changed(purge=None)


def snippet_published_or_unpublished(sender, instance, **kwargs):
    seen_everywhere = sender._meta.label_lower in SHOWN_ON_EVERY_PAGE
    content_changed(purge=None if seen_everywhere else set())


def content_saved(sender, instance, created=False, update_fields=None, **kwargs):
    # Snippets with drafts change what visitors see when published or unpublished
    # (above), not while not live, nor when only a revision is recorded on their row
    # (an editor's draft, Wagtail's autosave). Pages have their own signals.
    revision_only = update_fields is not None and set(update_fields) <= REVISION_FIELDS
    if isinstance(instance, DraftStateMixin) and (revision_only or not instance.live):
        return
    label = sender._meta.label_lower
    if created and label == "cms.sitesettings":
        return  # made with defaults by the first page view: nothing changed
    # A snippet's publishing purges the CDN (above), once: its save only the caches.
    seen_everywhere = label in SHOWN_ON_EVERY_PAGE
    purge_all = seen_everywhere and not isinstance(instance, DraftStateMixin)
    content_changed(purge=None if purge_all else set())


def content_deleted(sender, **kwargs):
    label = sender._meta.label_lower
    content_changed(purge=None if label in SHOWN_ON_EVERY_PAGE else set())


def content_models() -> list:
    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.label_lower not in UNSEEN_MODELS
    ]


def _connect(signal_name: str, receiver, model) -> None:
    signal = SIGNALS[signal_name]
    uid = f"cms-{signal_name}-{receiver.__name__}-{model._meta.label_lower}"
    signal.connect(receiver, sender=model, dispatch_uid=uid)


SIGNALS = {
    "page_published": page_published,
    "page_unpublished": page_unpublished,
    "post_page_move": post_page_move,
    "page_slug_changed": page_slug_changed,
    "published": published,
    "unpublished": unpublished,
    "post_save": post_save,
    "post_delete": post_delete,
    "pre_delete": pre_delete,
    "pre_save": pre_save,
}


def register_signal_handlers():
    from cms.models import SiteSettings

    for model in get_page_models():
        _connect("page_published", page_published_or_unpublished, model)
        _connect("page_unpublished", page_published_or_unpublished, model)
        _connect("post_page_move", page_moved_or_deleted, model)
        _connect("page_published", publishing.page_was_published, model)
        _connect("page_unpublished", publishing.page_was_unpublished, model)
        _connect("post_page_move", publishing.page_was_moved, model)
        _connect("page_slug_changed", publishing.page_slug_was_changed, model)
    # Sent once per page with sender=Page, whatever the page's type.
    _connect("post_delete", page_moved_or_deleted, Page)
    _connect("pre_delete", publishing.page_will_be_deleted, Page)

    for model in content_models():
        if issubclass(model, Page):
            continue  # the page signals above
        _connect("post_save", content_saved, model)
        _connect("post_delete", content_deleted, model)
        if issubclass(model, DraftStateMixin):
            for name in ("published", "unpublished"):
                _connect(name, snippet_published_or_unpublished, model)
                _connect(name, publishing.snippet_was_published, model)

    _connect("post_save", publishing.settings_saved, SiteSettings)
    _connect("post_save", publishing.image_saved, get_image_model())
    _connect("pre_save", publishing.document_size_recorded, get_document_model())
