"""The demo site shows every page type and every block, and renders."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Site

from apps.events.models import Event
from cms.blocks import BodyStreamBlock
from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    FormPage,
    HomePage,
    LandingPage,
    NavigationMenu,
    SectionIndexPage,
    SiteSettings,
    StandardPage,
)

pytestmark = pytest.mark.django_db


def test_demo_site_has_every_page_type_and_block(client):
    call_command("load_demo_content")

    for model in (
        HomePage,
        StandardPage,
        SectionIndexPage,
        ArticleIndexPage,
        ArticlePage,
        LandingPage,
        FormPage,
    ):
        assert model.objects.live().exists(), model
    used = {
        block.block_type
        for model in (HomePage, StandardPage, ArticlePage)
        for page in model.objects.all()
        for block in page.body
    }
    assert used == set(BodyStreamBlock.base_blocks)
    assert set(
        NavigationMenu.objects.filter(live=True).values_list("location", flat=True)
    ) == {"main", "footer"}
    site = Site.objects.get(is_default_site=True)
    assert SiteSettings.for_site(site).organisation_name

    for page in Page.objects.live().specific():
        if page.depth > 1:
            response = client.get(page.url, headers={"host": site.hostname})
            assert response.status_code == 200, page.url


def test_demo_events_are_upcoming_listed_linked_and_on_the_home_page(client):
    call_command("load_demo_content")
    host = {"host": Site.objects.get(is_default_site=True).hostname}

    upcoming = Event.objects.filter(
        status=Event.Status.PUBLISHED, starts_at__gt=timezone.now()
    )
    assert upcoming.count() >= 3
    listing = client.get("/events/", headers=host).content.decode()
    home = client.get("/", headers=host).content.decode()
    for event in upcoming:
        assert event.get_absolute_url() in listing
    assert upcoming.order_by("starts_at").first().get_absolute_url() in home
    assert f'href="{settings.BASE_URL}/events/"' in home  # the main menu


def test_a_second_run_leaves_current_events_alone_and_moves_ended_ones(client):
    call_command("load_demo_content")
    first = dict(Event.objects.values_list("slug", "starts_at"))
    ended = Event.objects.order_by("slug").first()
    Event.objects.filter(pk=ended.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=30),
        ends_at=timezone.now() - dt.timedelta(days=30, hours=-2),
    )

    call_command("load_demo_content")

    second = dict(Event.objects.values_list("slug", "starts_at"))
    assert second.keys() == first.keys()
    assert {k: v for k, v in second.items() if k != ended.slug} == {
        k: v for k, v in first.items() if k != ended.slug
    }
    assert second[ended.slug] > timezone.now()
