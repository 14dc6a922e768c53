"""Every content API endpoint on the demo site: public content only, absolute URLs,
images with sizes, and bodies that match the OpenAPI document (see conftest.py)."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.models import (
    Announcement,
    ArticlePage,
    ContentSlot,
    FrequentlyAskedQuestion,
    NavigationMenu,
    NavigationMenuItem,
    StandardPage,
)
from tests.cms.api.conftest import content_queries
from tests.cms.test_search import SEARCH_SYNTAX

pytestmark = pytest.mark.django_db

API = "/api/content/v1"
BAD_MARKUP = re.compile(r"linktype=|embedtype=|(?:href|src)=\"/(?!/)")


@pytest.fixture
def demo():
    call_command("load_demo_content", verbosity=0)


def walk(value, path="$"):
    if isinstance(value, dict):
        yield path, value
        for key, child in value.items():
            yield from walk(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from walk(child, f"{path}[{index}]")
    else:
        yield path, value


def assert_clean(document):
    """No Wagtail-internal markup, no relative URL, every image fully described."""
    for path, value in walk(document):
        if isinstance(value, str):
            assert not BAD_MARKUP.search(value), f"{path}: {value[:200]}"
        if isinstance(value, dict):
            url = value.get("url")
            if isinstance(url, str) and url:
                assert url.startswith(("http://", "https://")), f"{path}.url={url}"
            if "renditions" in value:
                assert {"width", "height", "alt"} <= set(value), path
                assert value["width"] > 0 and value["height"] > 0


def all_public_paths():
    return [
        page.url_path.removeprefix("/home")
        for page in Page.objects.live().public().filter(depth__gte=2)
    ]


def test_every_public_page_is_clean_and_matches_the_schema(client, demo):
    paths = all_public_paths()
    assert len(paths) >= 10
    for path in paths:
        response = client.get(f"{API}/pages/by-path/", {"path": path})
        assert response.status_code == 200, path
        assert_clean(response.json())


def test_a_page_with_every_block_type_round_trips(client, demo):
    from cms.blocks import BodyStreamBlock

    # Surface sections are flattened into the stream by the API (own test).
    every_type = set(BodyStreamBlock().child_blocks) - {"surface_section"}
    page = next(
        page
        for page in StandardPage.objects.live()
        if {block.block_type for block in page.body} >= every_type
    )
    response = client.get(f"{API}/pages/{page.id}/")

    body = response.json()["fields"]["body"]
    assert {block["type"] for block in body} >= every_type
    assert_clean(body)


def test_page_with_every_block_stays_within_a_query_budget(
    client, demo, django_assert_max_num_queries
):
    page = StandardPage.objects.live().order_by("-id").first()
    with django_assert_max_num_queries(60) as captured:
        client.get(f"{API}/pages/{page.id}/")
    content = content_queries(captured)
    assert len(content) <= 12, "\n".join(content)


def test_navigation_drops_links_to_pages_that_are_not_public(client, demo):
    menu = NavigationMenu.objects.get(location="main")
    about = Page.objects.get(slug="about")
    PageViewRestriction.objects.create(page=about, restriction_type="login")

    response = client.get(f"{API}/navigation/")

    labels = [link["label"] for link in response.json()["main"]]
    assert labels, "the demo main menu is empty"
    assert "About" not in labels
    assert all(link["url"].startswith("http") for link in response.json()["main"])
    assert menu.items.count() > len(labels)


def test_draft_menus_are_not_shown(client, demo):
    NavigationMenu.objects.filter(location="footer").update(live=False)

    assert client.get(f"{API}/navigation/").json()["footer"] == []


def test_site_settings_are_exposed_without_private_fields(client, demo):
    body = client.get(f"{API}/site/").json()

    assert body["organisation_name"]
    assert "security_contact" not in body
    assert_clean(body)


def test_announcements_are_live_and_within_their_dates(client, demo):
    now = timezone.now()
    day = timezone.timedelta(days=1)
    Announcement.objects.create(title="Now", message="<p>On</p>", live=True)
    Announcement.objects.create(
        title="Later", message="<p>x</p>", starts_at=now + day, live=True
    )
    Announcement.objects.create(
        title="Over", message="<p>x</p>", ends_at=now - day, live=True
    )
    Announcement.objects.create(title="Draft", message="<p>x</p>", live=False)

    response = client.get(f"{API}/announcements/")

    titles = {a["title"] for a in response.json()["results"]}
    assert "Now" in titles
    assert not titles & {"Later", "Over", "Draft"}


def test_faqs_show_published_questions_only(client, demo):
    FrequentlyAskedQuestion.objects.create(
        question="Can I cancel?", answer="<p>Yes.</p>", topic="Bookings", live=True
    )
    FrequentlyAskedQuestion.objects.create(
        question="Secret?", answer="<p>No.</p>", live=False
    )

    results = client.get(f"{API}/faqs/").json()["results"]

    assert [faq["question"] for faq in results] == ["Can I cancel?"]


def test_content_slots_by_key_and_drafts_are_404(client, demo):
    ContentSlot.objects.create(
        key="onboarding",
        title="Onboarding",
        body=[("heading", {"text": "Welcome", "level": "h2", "anchor": ""})],
        live=True,
    )
    ContentSlot.objects.create(key="empty-bookings", title="Empty", live=False)

    slot = client.get(f"{API}/slots/onboarding/")
    draft = client.get(f"{API}/slots/empty-bookings/")

    assert slot.status_code == 200
    assert slot.json()["body"][0]["value"]["text"] == "Welcome"
    assert draft.status_code == 404
    assert draft["Content-Type"] == "application/problem+json"


def test_search_finds_public_pages_only_in_rank_order(
    client, demo, django_capture_on_commit_callbacks
):
    # The worker keeps the index current; here it is built directly.
    call_command("update_index", verbosity=0)
    article = ArticlePage.objects.live().first()
    response = client.get(f"{API}/search/", {"q": article.title})
    ids = [card["id"] for card in response.json()["results"]]
    assert ids and ids[0] == article.id

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article, restriction_type="login")
    response = client.get(f"{API}/search/", {"q": article.title})
    assert article.id not in [card["id"] for card in response.json()["results"]]


def test_search_needs_a_query(client, demo):
    response = client.get(f"{API}/search/", {"q": "  "})

    assert response.status_code == 400
    assert response.json()["errors"]["q"]


def test_search_is_rate_limited_per_client_address(client, demo, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "content_search": "2/min",
        },
    }
    codes = [
        client.get(f"{API}/search/", {"q": f"demo {n}"}).status_code for n in range(3)
    ]

    assert codes == [200, 200, 429]


def test_changes_report_changed_and_removed_content(client, demo):
    since = timezone.now()
    article = ArticlePage.objects.live().first()
    article.title = "Renamed"
    article.save_revision().publish()
    gone = StandardPage.objects.live().exclude(slug="about").first()
    gone.unpublish()

    body = client.get(f"{API}/changes/", {"since": since.isoformat()}).json()

    assert article.id in [page["id"] for page in body["pages"]["changed"]]
    assert gone.id in body["pages"]["removed"]
    assert body["until"] > body["since"]


@pytest.mark.parametrize(
    "since", ["", "yesterday", "2026-13-45T00:00:00Z", "2026-01-01"]
)
def test_changes_need_a_valid_aware_time(client, demo, since):
    response = client.get(f"{API}/changes/", {"since": since})

    assert response.status_code == 400
    assert "since" in response.json()["errors"]


def test_cors_is_allowed_only_for_listed_origins(client, demo, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]

    allowed = client.get(f"{API}/site/", headers={"origin": "https://app.example.com"})
    refused = client.get(f"{API}/site/", headers={"origin": "https://evil.example"})
    page = client.get("/", headers={"origin": "https://app.example.com"})

    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "Access-Control-Allow-Origin" not in refused
    assert "Access-Control-Allow-Origin" not in page


def test_menu_item_to_an_unpublished_page_is_dropped(client, demo):
    menu = NavigationMenu.objects.get(location="main")
    draft = StandardPage.objects.live().first()
    NavigationMenuItem.objects.create(menu=menu, link_page=draft, label="Gone soon")
    draft.unpublish()

    labels = [link["label"] for link in client.get(f"{API}/navigation/").json()["main"]]

    assert "Gone soon" not in labels


ENDPOINTS = [
    "/pages/by-path/?path=/about/",
    "/pages/?limit=50",
    "/pages/?type=cms.articlepage",
    "/navigation/",
    "/site/",
    "/announcements/",
    "/faqs/",
    "/search/?q=demo",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_responses_do_not_depend_on_who_asks(client, demo, endpoint):
    from tests.factories import UserFactory

    anonymous = client.get(API + endpoint)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with_session = client.get(API + endpoint)
    with_token = client.get(API + endpoint, headers={"authorization": "Token abc123"})

    assert anonymous.status_code == 200
    assert with_session.content == anonymous.content
    assert with_token.content == anonymous.content
    for response in (anonymous, with_session, with_token):
        assert "Cookie" not in response.get("Vary", "")
        assert "Set-Cookie" not in response


@pytest.mark.parametrize("query", SEARCH_SYNTAX)
def test_search_syntax_in_a_query_is_text_not_a_server_error(client, demo, query):
    """The search backends' own query syntax (SQLite FTS5, PostgreSQL tsquery) in
    what a client sends is text to search for, never a 500."""
    call_command("update_index", verbosity=0)

    response = client.get(f"{API}/search/", {"q": query})

    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)
