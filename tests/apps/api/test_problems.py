"""Every API error is an RFC 9457 problem document."""

import pytest
from django.test import Client

from tests.factories import UserFactory

PROBLEM = "application/problem+json"

# The default throttles count requests in the cache, which may be the database.
pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.apps.api.urls")
def test_validation_errors_are_400_problems_with_messages_per_field(client):
    response = client.post(
        "/api/validate/",
        {"email": "not-an-email", "seats": 0, "items": [{"name": "far too long"}]},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["type"] == "urn:problem-type:validation-error"
    assert body["title"] == "Bad Request"
    assert body["status"] == 400
    assert body["instance"] == "/api/validate/"
    assert body["errors"]["email"] == ["Enter a valid email address."]
    assert body["errors"]["seats"] == [
        "Ensure this value is greater than or equal to 1."
    ]
    assert body["errors"]["items.0.name"] == [
        "Ensure this field has no more than 5 characters."
    ]
    assert "email: Enter a valid email address." in body["detail"]


@pytest.mark.urls("tests.apps.api.urls")
def test_object_level_errors_are_listed_under_non_field_errors(client):
    response = client.post(
        "/api/validate/",
        {"email": "a@example.com", "seats": 5},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Too many seats for this email."]
    }


@pytest.mark.urls("tests.apps.api.urls")
def test_django_validation_errors_from_services_become_400_problems(client):
    response = client.post("/api/django-validate/")

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"] == {"seats": ["Only 2 places are left."]}


@pytest.mark.urls("tests.apps.api.urls")
def test_malformed_json_is_a_400_problem(client):
    response = client.post(
        "/api/validate/", "{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "parse_error"


@pytest.mark.urls("tests.apps.api.urls")
def test_wrong_method_is_a_405_problem(client):
    response = client.delete("/api/validate/")

    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Method Not Allowed"
    assert response.json()["detail"] == 'Method "DELETE" not allowed.'


@pytest.mark.urls("tests.apps.api.urls")
def test_a_bug_under_api_answers_a_500_problem_without_details():
    client = Client(raise_request_exception=False)

    response = client.get("/api/broken/")

    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == 500
    assert "a bug" not in response.content.decode()


@pytest.mark.urls("tests.apps.api.urls")
def test_a_bug_outside_api_answers_the_html_error_page():
    client = Client(raise_request_exception=False)

    response = client.get("/page/broken/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_unknown_api_address_is_a_404_problem(client):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["instance"] == "/api/v1/no-such-thing/"


def test_unknown_page_address_is_still_the_html_404_page(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.urls("tests.apps.api.urls")
def test_unauthenticated_request_to_a_protected_view_is_a_problem(client, settings):
    from rest_framework.permissions import IsAuthenticated

    from tests.apps.api import urls

    urls.UserListView.permission_classes = [IsAuthenticated]
    try:
        response = client.get("/api/users/")
    finally:
        urls.UserListView.permission_classes = []
    UserFactory()

    # 401 with a challenge, so a client knows to sign in rather than give up.
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "not_authenticated"


def test_a_csrf_refusal_under_api_is_a_problem_not_an_html_page(client, home_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    # No API view matches, so the request reaches a CSRF-protected Django view.
    response = client.patch(
        "/api/v1/staff/events/%C3%8F/", {}, content_type="application/json"
    )

    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert "CSRF" in response.json()["detail"]


def test_a_csrf_refusal_on_a_page_is_still_the_html_page(home_page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/sign-in/", {})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
