"""Invalidate the page cache and purge the CDN when content shown on pages changes.

Signals, because the changes happen inside Wagtail's own views and models."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from cms.page_cache import bump_generation


class _InvalidateOnCommit:
    """The on-commit callback: bump the cache generation, enqueue one CDN purge.

    Deleting a subtree sends one signal per page; they merge into the callback
    already waiting on this transaction, so the worker gets one purge, not one per
    page. (The callback lives in the connection's list, so a rollback drops it.)"""

    def __init__(self, page_ids):
        self.page_ids = None if page_ids is None else set(page_ids)

    def merge(self, page_ids):
        if self.page_ids is not None and page_ids is not None:
            self.page_ids.update(page_ids)
        else:
            self.page_ids = None

    def __call__(self):
        from cms.tasks import frontend_cache_configured, purge_frontend_cache

        bump_generation()
        if frontend_cache_configured():
            ids = None if self.page_ids is None else sorted(self.page_ids)
            purge_frontend_cache.enqueue(page_ids=ids)


def _after_commit(*, page_ids: list[int] | None) -> None:
    # Bumped at once as well as on commit: this transaction's own later reads (and
    # tests, which never commit) see the change; a request that read the old rows
    # in between cannot keep them, as the commit bumps again.
    bump_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _InvalidateOnCommit):
                callback.merge(page_ids)
                return
    transaction.on_commit(_InvalidateOnCommit(page_ids))


def page_changed(sender, instance, **kwargs):
    # Wagtail purges the page itself; its parent's listing shows it too.
    # Menus, related articles and search live on other pages; the generation bump
    # covers our own cache, and the CDN's short max-age covers the rest.
    page_ids = [instance.pk]
    if instance.depth > 1:
        page_ids.append(instance.get_parent().pk)
    _after_commit(page_ids=page_ids)


def page_moved(sender, instance, **kwargs):
    _after_commit(page_ids=None)


def page_deleted(sender, instance, **kwargs):
    _after_commit(page_ids=None)


def site_content_changed(sender, **kwargs):
    """A snippet or setting shown on many pages changed: every page goes stale."""
    _after_commit(page_ids=None)


def settings_changed(sender, created=False, **kwargs):
    # The first page view creates a site's settings with defaults: nothing changed.
    if not created:
        _after_commit(page_ids=None)


def register_signal_handlers():
    from cms.models import Category, NavigationMenu, Person, SiteSettings, Testimonial

    page_published.connect(page_changed, dispatch_uid="cms-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="cms-page-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="cms-page-moved")
    # Sent once per page with sender=Page, whatever the page's type.
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="cms-page-deleted")
    # Saved straight to the live row (no drafts).
    post_save.connect(
        settings_changed, sender=SiteSettings, dispatch_uid="cms-settings"
    )
    # A site's hostname or port is in every page's canonical and social links.
    for model in (PageViewRestriction, Category, Person, Site):
        post_save.connect(
            site_content_changed,
            sender=model,
            dispatch_uid=f"cms-save-{model.__name__}",
        )
    # Drafts do not change the site; publishing, unpublishing and deleting do.
    for model in (NavigationMenu, Testimonial):
        published.connect(
            site_content_changed, sender=model, dispatch_uid=f"cms-pub-{model.__name__}"
        )
        unpublished.connect(
            site_content_changed,
            sender=model,
            dispatch_uid=f"cms-unpub-{model.__name__}",
        )
    # The cached menus and settings (cms/chrome.py): any save, live or not.
    from cms.generation_cache import bump_version
    from cms.models import NavigationMenuItem

    # Sites too: the chrome cache holds each host's site (find_site).
    for model in (NavigationMenu, NavigationMenuItem, SiteSettings, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                bump_version,
                sender=model,
                dispatch_uid=f"cms-chrome-{signal is post_save}-{model.__name__}",
            )
    for model in (
        PageViewRestriction,
        Category,
        Person,
        Site,
        SiteSettings,
        NavigationMenu,
        Testimonial,
    ):
        post_delete.connect(
            site_content_changed,
            sender=model,
            dispatch_uid=f"cms-delete-{model.__name__}",
        )
