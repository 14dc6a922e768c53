"""Pages by path, by id and as listings: public content only, cacheable, and stable."""

import pytest
import wagtail_factories
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from tests.cms.api.conftest import content_queries
from tests.factories import make_site

pytestmark = pytest.mark.django_db

API = "/api/content/v1"


@pytest.fixture
def home():
    return make_site(title="Home")


def child(parent, **kwargs):
    page = wagtail_factories.PageFactory(parent=parent, **kwargs)
    if page.live:
        page.save_revision().publish()
    return page


def test_page_by_path_returns_the_whole_page(client, home):
    about = child(home, title="About us", slug="about")

    response = client.get(f"{API}/pages/by-path/", {"path": "/about/"})

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == about.id
    assert body["title"] == "About us"
    assert body["path"] == "/about/"
    assert body["url"] == "http://testserver/about/"
    assert body["seo"]["canonical_url"] == "http://testserver/about/"
    assert body["last_published_at"] is not None


def test_page_by_id_matches_page_by_path(client, home):
    about = child(home, slug="about")

    by_id = client.get(f"{API}/pages/{about.id}/").json()
    by_path = client.get(f"{API}/pages/by-path/", {"path": "about"}).json()

    assert by_id == by_path


@pytest.mark.parametrize(
    "kind", ["draft", "scheduled", "private", "below_private", "expired"]
)
def test_non_public_pages_are_not_found(client, home, kind):
    from django.utils import timezone

    private = child(home, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    pages = {
        "draft": child(home, slug="draft", live=False),
        "scheduled": child(
            home,
            slug="scheduled",
            live=False,
            go_live_at=timezone.now() + timezone.timedelta(days=1),
        ),
        "private": private,
        "below_private": child(private, slug="below"),
        "expired": child(
            home, slug="expired", expire_at=timezone.now() - timezone.timedelta(1)
        ),
    }
    page = pages[kind]

    by_id = client.get(f"{API}/pages/{page.id}/")
    by_path = client.get(
        f"{API}/pages/by-path/", {"path": page.url_path[len(home.url_path) - 1 :]}
    )

    assert by_id.status_code == 404
    assert by_path.status_code == 404
    assert by_id["Content-Type"] == "application/problem+json"


def test_a_redirected_path_answers_404_with_the_target(client, home):
    new = child(home, slug="new-home")
    Redirect.objects.create(old_path="/old", redirect_page=new, is_permanent=True)

    response = client.get(f"{API}/pages/by-path/", {"path": "/old/"})

    assert response.status_code == 404
    assert response.json()["redirect"] == {
        "location": "http://testserver/new-home/",
        "permanent": True,
    }


def test_missing_path_parameter_is_a_clear_400(client, home):
    response = client.get(f"{API}/pages/by-path/")

    assert response.status_code == 400
    assert response.json()["errors"] == {"path": ["This query parameter is required."]}


def test_listing_returns_cards_of_public_children(client, home):
    for n in range(3):
        child(home, title=f"Child {n}", slug=f"child-{n}")
    child(home, slug="draft", live=False)

    response = client.get(
        f"{API}/pages/", {"child_of": home.id, "order": "title", "limit": 2}
    )

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 3
    assert [card["title"] for card in body["results"]] == ["Child 0", "Child 1"]
    assert set(body["results"][0]) == {
        "id",
        "type",
        "title",
        "teaser",
        "path",
        "url",
        "locale",
        "translations",
        "date",
        "image",
    }


@pytest.mark.parametrize(
    "params",
    [
        {"type": "nosuch.model"},
        {"type": "accounts.user"},
        {"limit": "many"},
        {"offset": "-1"},
        {"order": "password"},
        {"child_of": "999999"},
        {"tag": "x"},
    ],
)
def test_bad_listing_parameters_are_400_problems(client, home, params):
    response = client.get(f"{API}/pages/", params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]


def test_listing_query_count_is_the_same_for_5_and_50(
    client, home, django_assert_max_num_queries
):
    for n in range(50):
        child(home, slug=f"p{n}")

    with django_assert_max_num_queries(60) as small:
        client.get(f"{API}/pages/", {"limit": 5, "x": 1})
    with django_assert_max_num_queries(60) as large:
        client.get(f"{API}/pages/", {"limit": 50, "x": 2})

    assert len(content_queries(small)) <= 8
    assert len(content_queries(large)) <= len(content_queries(small))


def test_responses_are_identical_with_or_without_credentials(client, home):
    from tests.factories import UserFactory

    child(home, slug="about")
    anonymous = client.get(f"{API}/pages/by-path/", {"path": "/about/"})
    client.force_login(UserFactory(is_superuser=True))
    signed_in = client.get(
        f"{API}/pages/by-path/",
        {"path": "/about/"},
        headers={"authorization": "Token abc"},
    )

    assert signed_in.content == anonymous.content
    assert "Cookie" not in signed_in.get("Vary", "")
    assert "Cookie" not in anonymous.get("Vary", "")


def test_etag_answers_304_and_changes_when_content_changes(
    client, home, django_capture_on_commit_callbacks
):
    about = child(home, slug="about", title="About")
    first = client.get(f"{API}/pages/{about.id}/")
    assert "max-age=" in first["Cache-Control"]
    assert "stale-while-revalidate=" in first["Cache-Control"]

    again = client.get(
        f"{API}/pages/{about.id}/", headers={"if-none-match": first["ETag"]}
    )
    assert again.status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        about.title = "About us"
        about.save_revision().publish()
    changed = client.get(
        f"{API}/pages/{about.id}/", headers={"if-none-match": first["ETag"]}
    )
    assert changed.status_code == 200
    assert changed.json()["title"] == "About us"


def test_saving_a_draft_keeps_cached_answers_valid(
    client, home, django_capture_on_commit_callbacks
):
    about = child(home, slug="about", title="About")
    first = client.get(f"{API}/pages/{about.id}/")

    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Draft title"
        about.save_revision()  # an editor's draft, or Wagtail's autosave
    again = client.get(
        f"{API}/pages/{about.id}/", headers={"if-none-match": first["ETag"]}
    )

    assert again.status_code == 304
