"""Staff and editors are managed as users of the one user model in the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_lists_users_by_email(admin_client):
    UserFactory(email="editor@example.com")

    response = admin_client.get("/admin/users/")

    assert response.status_code == 200
    assert b"editor@example.com" in response.content


def test_the_admin_creates_an_editor_in_a_group(admin_client):
    editors = Group.objects.get(name="Editors")

    response = admin_client.post(
        "/admin/users/new/",
        {
            "email": "New.Editor@Example.com",
            "first_name": "New",
            "last_name": "Editor",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "is_active": "on",
            "groups": [editors.pk],
        },
    )

    assert response.status_code == 302, response.content[:2000]
    user = get_user_model().objects.get(email__iexact="new.editor@example.com")
    assert list(user.groups.all()) == [editors]
    # The administrator vouched for the address: the editor can sign in.
    assert user.email_verified
    signed_in = Client().post(
        "/admin/login/",
        {"username": "new.editor@example.com", "password": "a-long-enough-passphrase"},
    )
    assert signed_in.status_code == 302


def test_the_admin_sign_in_links_to_the_sites_one_password_reset(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert b'href="/accounts/password-reset/"' in response.content
    assert b"/admin/password_reset/" not in response.content
    assert client.get("/admin/password_reset/").status_code == 404
