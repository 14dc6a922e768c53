"""What strangers may learn and how fast they may ask: /readyz, search, API rates."""

import pytest
from django.test import Client
from wagtail.contrib.search_promotions.models import Query

from tests.factories import UserFactory
from tests.ops.wsgi_client import call

pytestmark = pytest.mark.django_db


def test_readyz_gives_strangers_the_status_alone(wsgi_app, settings):
    settings.HEALTH_TRUSTED_IPS = ["10.0.0.0/8"]
    settings.HEALTH_TOKEN = None

    answer = call(wsgi_app, "/readyz")  # from 127.0.0.1, not trusted here

    assert answer.status == 200
    assert answer.body == b'{"status": "ok"}'


def test_readyz_gives_trusted_networks_the_details(settings):
    settings.HEALTH_TRUSTED_IPS = ["10.0.0.0/8"]

    body = Client(REMOTE_ADDR="10.1.2.3").get("/readyz").json()

    assert set(body["checks"]) == {"database", "cache", "migrations", "jobs"}


def test_readyz_gives_the_details_to_whoever_has_the_token(settings):
    settings.HEALTH_TRUSTED_IPS = []
    settings.HEALTH_TOKEN = "t" * 32  # noqa: S105

    right = Client(headers={"X-Health-Token": "t" * 32}).get("/readyz").json()
    wrong = Client(headers={"X-Health-Token": "guess"}).get("/readyz").json()

    assert "checks" in right
    assert wrong == {"status": "ok"}


@pytest.fixture
def rates(settings):
    def set_rates(**rates):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                **rates,
            },
        }

    return set_rates


def test_the_user_rate_does_not_limit_anonymous_clients(rates):
    rates(anon="1000/min", user="5/min")
    client = Client()

    statuses = [client.get("/api/v1/events/").status_code for _ in range(8)]

    assert statuses == [200] * 8


def test_the_user_rate_limits_signed_in_clients(rates):
    rates(anon="1000/min", user="5/min")
    client = Client()
    client.force_login(UserFactory())

    statuses = [client.get("/api/v1/events/").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]


def test_html_search_is_rate_limited_per_address(home_page, rates):
    rates(content_search="3/min")
    client = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(3):
        assert client.get("/search/?query=zebra").status_code == 200

    response = client.get("/search/?query=zebra")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Client(REMOTE_ADDR="203.0.113.51").get("/search/?query=z").status_code == 200


def test_an_anonymous_search_writes_nothing(home_page):
    for word in ["zebra", "okapi", "quagga"]:
        assert Client().get(f"/search/?query={word}").status_code == 200

    assert not Query.objects.exists()
