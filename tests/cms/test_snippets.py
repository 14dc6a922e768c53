"""Snippets shown on pages can be previewed, and menu links are validated."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from cms.models import NavigationMenu, NavigationMenuItem
from tests.factories.cms import PersonFactory, TestimonialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def preview_request(home_page):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/", HTTP_HOST="testserver")
    request.user = AnonymousUser()
    return request


def test_testimonial_preview_shows_the_draft_words(preview_request):
    testimonial = TestimonialFactory(quote="Draft words", live=False)

    response = testimonial.serve_preview(preview_request, "")

    assert b"Draft words" in response.render().content


def test_person_preview_shows_the_byline(preview_request):
    person = PersonFactory(name="Ada Writer", role="Editor")

    response = person.serve_preview(preview_request, "")

    assert b"Ada Writer" in response.render().content


def test_menu_preview_lists_its_links(preview_request, home_page):
    menu = NavigationMenu(location="footer", live=False)
    menu.items = [NavigationMenuItem(link_url="https://example.com", label="Example")]

    response = menu.serve_preview(preview_request, "")

    assert b"Example" in response.render().content


def test_menu_item_needs_exactly_one_target(home_page):
    with pytest.raises(ValidationError):
        NavigationMenuItem(label="Nothing").clean()
    with pytest.raises(ValidationError):
        NavigationMenuItem(link_page=home_page, link_url="https://example.com").clean()
    NavigationMenuItem(link_page=home_page).clean()


def test_database_refuses_a_menu_item_with_two_targets(home_page):
    menu = NavigationMenu.objects.create(location="main", live=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        NavigationMenuItem.objects.create(
            menu=menu, link_page=home_page, link_url="https://example.com"
        )
