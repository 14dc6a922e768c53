"""The demo site shows every page type and every block, and renders."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

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
