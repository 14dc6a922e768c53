"""Throttles answer a clear 429 problem, per client address and per account."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.apps.api.urls")]


@pytest.fixture
def tight_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "sign_in_address": "3/min",
            "sign_in_account": "2/min",
        },
    }


def post(client, email, address="10.0.0.1"):
    return client.post(
        "/api/throttled/",
        {"email": email},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def test_one_account_is_throttled_from_any_address(client, tight_rates):
    assert post(client, "a@example.com", "10.0.0.1").status_code == 200
    assert post(client, "A@Example.com", "10.0.0.2").status_code == 200

    response = post(client, "a@example.com", "10.0.0.3")

    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    assert response.json()["title"] == "Too Many Requests"
    assert "throttled" in response.json()["detail"]


def test_one_address_is_throttled_whatever_account_it_tries(client, tight_rates):
    for n in range(3):
        assert post(client, f"user{n}@example.com").status_code == 200

    assert post(client, "user9@example.com").status_code == 429
    assert post(client, "user9@example.com", "10.0.0.2").status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_address_throttle(
    client, tight_rates
):
    for n in range(3):
        response = client.post(
            "/api/throttled/",
            {"email": f"user{n}@example.com"},
            content_type="application/json",
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
        assert response.status_code == 200

    response = client.post(
        "/api/throttled/",
        {"email": "user9@example.com"},
        content_type="application/json",
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429
