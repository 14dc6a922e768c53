"""Query parameters: bad values are 400 problems naming the field; blank ones are
left out; counts are capped."""

import pytest
import wagtail_factories

from tests.factories import make_site

pytestmark = pytest.mark.django_db

API = "/api/content/v1"


@pytest.fixture
def home():
    home = make_site(title="Home")
    for n in range(3):
        page = wagtail_factories.PageFactory(parent=home, slug=f"p{n}")
        page.save_revision().publish()
    return home


def test_blank_parameters_are_left_out(client, home):
    response = client.get(
        f"{API}/pages/", {"type": "", "order": "", "limit": "", "tag": ""}
    )

    assert response.status_code == 200
    assert response.json()["limit"] == 20


def test_a_limit_past_the_cap_is_capped(client, home):
    response = client.get(f"{API}/pages/", {"limit": 1000})

    assert response.status_code == 200
    assert response.json()["limit"] == 100


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "many"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"order": "password"}, "order"),
        ({"type": "accounts.user"}, "type"),
        ({"child_of": "x"}, "child_of"),
        ({"order": "date"}, "order"),  # a page type without a date
    ],
)
def test_bad_listing_parameters_name_the_field(client, home, params, field):
    response = client.get(f"{API}/pages/", params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == [field]


def test_a_search_query_past_200_characters_is_400(client, home):
    response = client.get(f"{API}/search/", {"q": "x" * 201})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["q"]


def test_since_accepts_a_plus_sign_that_arrived_as_a_space(client, home):
    # "+01:00" unencoded in a query string reads as " 01:00".
    response = client.get(f"{API}/changes/?since=2026-01-31T12:00:00+01:00")

    assert response.status_code == 200
    assert response.json()["since"] == "2026-01-31T12:00:00+01:00"


def test_since_without_a_time_zone_is_400(client, home):
    response = client.get(f"{API}/changes/", {"since": "2026-01-31T12:00:00"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"since": ["Give a time zone (e.g. Z)."]}


def test_a_preview_without_its_token_is_400(client, home):
    response = client.get(f"{API}/preview/", {"content_type": "cms.standardpage"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["token"]


def test_since_with_an_offset_of_16_hours_or_more_is_400(client, home):
    response = client.get(f"{API}/changes/", {"since": "0100-05-27T09:06:53-19:40"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["since"]
