"""Who may call every endpoint of /api/v1/: anonymous, owner, another user, staff."""

import pytest
from knox.models import AuthToken

from tests.apps.api_helpers import PASSWORD, event_manager
from tests.factories import BookingFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "other", "staff"]
NEW_PASSWORD = "a-much-longer-new-passphrase"

# (method, path template, body, expected status per role)
ENDPOINTS = [
    ("get", "/api/v1/events/", None, (200, 200, 200, 200)),
    ("get", "/api/v1/events/{slug}/", None, (200, 200, 200, 200)),
    ("get", "/api/v1/bookings/", None, (401, 200, 200, 200)),
    ("post", "/api/v1/bookings/", {"event": "{free_slug}"}, (401, 201, 201, 201)),
    ("get", "/api/v1/bookings/{ref}/", None, (401, 200, 404, 404)),
    ("post", "/api/v1/bookings/{ref}/cancel/", None, (401, 200, 404, 404)),
    ("get", "/api/v1/staff/events/", None, (401, 403, 403, 200)),
    (
        "post",
        "/api/v1/staff/events/",
        {
            "title": "New",
            "slug": "new",
            "starts_at": "2031-01-01T10:00:00Z",
            "ends_at": "2031-01-01T12:00:00Z",
            "capacity": 5,
        },
        (401, 403, 403, 201),
    ),
    ("get", "/api/v1/staff/events/{slug}/", None, (401, 403, 403, 200)),
    (
        "patch",
        "/api/v1/staff/events/{slug}/",
        {"title": "Renamed"},
        (401, 403, 403, 200),
    ),
    ("post", "/api/v1/staff/events/{draft_slug}/publish/", None, (401, 403, 403, 200)),
    ("post", "/api/v1/staff/events/{slug}/cancel/", None, (401, 403, 403, 200)),
    ("get", "/api/v1/staff/events/{slug}/attendees/", None, (401, 403, 403, 200)),
    ("get", "/api/v1/staff/events/{slug}/attendees.csv", None, (401, 403, 403, 200)),
    ("get", "/api/v1/staff/webhook-deliveries/", None, (401, 403, 403, 200)),
    ("get", "/api/v1/accounts/session/", None, (200, 200, 200, 200)),
    (
        "post",
        "/api/v1/accounts/sign-up/",
        {"email": "new@example.com", "password": NEW_PASSWORD},
        (201, 201, 201, 201),
    ),
    (
        "post",
        "/api/v1/accounts/verify-email/",
        {"token": "forged"},
        (400, 400, 400, 400),
    ),
    (
        "post",
        "/api/v1/accounts/sign-in/",
        {"email": "{owner_email}", "password": PASSWORD},
        (200, 200, 200, 200),
    ),
    ("post", "/api/v1/accounts/sign-out/", None, (401, 204, 204, 204)),
    (
        "post",
        "/api/v1/accounts/tokens/",
        {"email": "{owner_email}", "password": PASSWORD},
        (201, 201, 201, 201),
    ),
    ("get", "/api/v1/accounts/tokens/", None, (401, 200, 200, 200)),
    ("delete", "/api/v1/accounts/tokens/", None, (401, 204, 204, 204)),
    ("delete", "/api/v1/accounts/tokens/{token_key}/", None, (401, 204, 404, 404)),
    ("get", "/api/v1/accounts/me/", None, (401, 200, 200, 200)),
    ("patch", "/api/v1/accounts/me/", {"first_name": "Ada"}, (401, 200, 200, 200)),
    ("get", "/api/v1/accounts/me/export/", None, (401, 200, 200, 200)),
    (
        "post",
        "/api/v1/accounts/me/delete/",
        {"password": PASSWORD},
        (401, 204, 204, 204),
    ),
    (
        "post",
        "/api/v1/accounts/password/change/",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        (401, 200, 200, 200),
    ),
    (
        "post",
        "/api/v1/accounts/password/reset/",
        {"email": "{owner_email}"},
        (202, 202, 202, 202),
    ),
    (
        "post",
        "/api/v1/accounts/password/reset/confirm/",
        {"uid": "MQ", "token": "forged", "new_password": NEW_PASSWORD},
        (400, 400, 400, 400),
    ),
]


def fill(value, names):
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, dict):
        return {key: fill(item, names) for key, item in value.items()}
    return value


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    ENDPOINTS,
    ids=[f"{m.upper()} {p}" for m, p, _, _ in ENDPOINTS],
)
def test_permission_matrix(client, role, method, path, body, expected):
    owner = UserFactory(email="owner@example.com")
    users = {
        "anonymous": None,
        "owner": owner,
        "other": UserFactory(),
        "staff": event_manager(),
    }
    booking = BookingFactory(user=owner, event=EventFactory(slug="booked"))
    token, _ = AuthToken.objects.create(user=owner)
    names = {
        "slug": "booked",
        "free_slug": EventFactory(slug="free").slug,
        "draft_slug": EventFactory(slug="draft", status="draft").slug,
        "ref": booking.reference,
        "token_key": token.token_key,
        "owner_email": owner.email,
    }
    if users[role] is not None:
        client.force_login(users[role])

    response = getattr(client, method)(
        fill(path, names),
        fill(body, names) if body is not None else None,
        content_type="application/json",
    )

    assert response.status_code == expected[ROLES.index(role)], response.content
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"


def test_staff_without_the_event_permissions_is_refused(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.get("/api/v1/staff/events/")

    assert response.status_code == 403
    assert "permission to manage events" in response.json()["detail"]


def test_every_endpoint_of_the_schema_is_in_the_matrix(client):
    document = client.get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    ).json()
    import re

    documented = {
        (method, re.sub(r"\{[^}]+\}", "{}", path))
        for path, item in document["paths"].items()
        if path.startswith("/api/v1/")
        for method in item
    }
    tested = {(m, re.sub(r"\{[^}]+\}", "{}", p)) for m, p, _, _ in ENDPOINTS}

    assert documented == tested
