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


def test_a_menu_made_in_the_german_admin_has_german_links(client, home_page):
    from tests.cms.i18n import languages
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    form = {
        "location": "footer",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-id": "",
        "items-0-ORDER": "1",
        "items-0-DELETE": "",
        "items-0-label": "Impressum",
        "items-0-link_page": "",
        "items-0-link_document": "",
        "items-0-link_url": "https://example.com/impressum",
        "action-publish": "action-publish",
    }
    with languages():
        response = client.post(
            "/admin/snippets/cms/navigationmenu/add/?locale=de", form
        )

    assert response.status_code == 302
    [item] = NavigationMenuItem.objects.all()
    assert item.menu.locale.language_code == "de"
    assert item.locale.language_code == "de"
