"""One rule for "public": every place that shows pages agrees on every page state.

One article per state under a news index (the child of a private page under a
private index, the other site's under that site's index), a menu and a page of
links (rich text, call to action, card) to each, and a draft snippet. Each surface
of the HTML site and of the content API is asked, as an anonymous visitor, as a
signed-in member of the group the restricted pages admit, and with an API token:
only the public pages show (the restricted ones on their own address to those they
admit, as Wagtail decides), and no surface leaks a draft's text."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from knox.models import AuthToken
from wagtail.models import PageViewRestriction, Site

from cms.models import FrequentlyAskedQuestion, NavigationMenu, NavigationMenuItem
from tests.factories.accounts import UserFactory
from tests.factories.cms import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    HomePageFactory,
    StandardPageFactory,
    TestimonialFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/content/v1"
PUBLIC = {"public", "newdraft"}  # "newdraft": live, with a newer draft unpublished
# Restricted pages: served on their own address to the visitors they admit only.
MEMBERS_ONLY = {"signedin", "group", "privatechild"}
STATES = [
    *sorted(PUBLIC),
    "draft",
    "unpublished",
    "password",
    *sorted(MEMBERS_ONLY),
    "scheduled",
    "expired",
    "othersite",
]
# Were public once, and are not now: what the changes feed reports as removed.
ONCE_PUBLIC = {"unpublished", "expired"}
# Text that must never show anywhere: a draft's, and a draft snippet's.
SECRETS = (b"Leaked draft", b"Zebra draftsnippet")


def title(state: str) -> str:
    return f"Zebra {state}"


def slug(state: str) -> str:
    return f"zebra-{state}"


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def world(home_page):
    """The pages, one per state, and what links to them; `since` is before all."""
    since = timezone.now() - dt.timedelta(seconds=1)
    members = Group.objects.create(name="Members")
    news = publish(ArticleIndexPageFactory(parent=home_page, title="News", slug="news"))
    private_index = ArticleIndexPageFactory(
        parent=home_page, title="Members", slug="members", live=False
    )
    PageViewRestriction.objects.create(
        page=private_index, restriction_type=PageViewRestriction.LOGIN
    )
    publish(private_index)
    other_home = HomePageFactory(parent=home_page.get_parent(), slug="other-home")
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    other_news = publish(
        ArticleIndexPageFactory(parent=other_home, title="News", slug="news")
    )

    def article(state, parent=news):
        # Not live until published (or never, or later), as the admin creates it.
        return ArticlePageFactory(
            parent=parent,
            title=title(state),
            slug=slug(state),
            body=[("rich_text", f"<p>Body of {state}</p>")],
            live=False,
        )

    pages = {state: article(state) for state in STATES if state != "privatechild"}
    pages["privatechild"] = article("privatechild", parent=private_index)
    pages["othersite"] = article("othersite", parent=other_news)
    # Restricted before they are first published: never public.
    PageViewRestriction.objects.create(
        page=pages["password"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",  # noqa: S106
    )
    PageViewRestriction.objects.create(
        page=pages["signedin"], restriction_type=PageViewRestriction.LOGIN
    )
    PageViewRestriction.objects.create(
        page=pages["group"], restriction_type=PageViewRestriction.GROUPS
    ).groups.add(members)
    for state, page in pages.items():
        if state == "draft":
            page.save_revision()
        elif state == "scheduled":
            page.go_live_at = timezone.now() + dt.timedelta(days=1)
            publish(page)
        else:
            publish(page)
        page.refresh_from_db()
    pages["newdraft"].title = "Leaked draft"
    pages["newdraft"].save_revision()
    pages["unpublished"].unpublish()
    # Past its expiry time, and the clock has not unpublished it yet.
    type(pages["expired"]).objects.filter(pk=pages["expired"].pk).update(
        expire_at=timezone.now() - dt.timedelta(minutes=1)
    )

    draft_testimonial = TestimonialFactory(quote="Zebra draftsnippet quote", live=False)
    links = StandardPageFactory(
        parent=home_page,
        title="Links",
        slug="links",
        body=[
            (
                "rich_text",
                "".join(
                    f'<p><a linktype="page" id="{page.pk}">to {state}</a></p>'
                    for state, page in pages.items()
                ),
            ),
            *(
                (
                    "call_to_action",
                    {
                        "text": f"Go {state}",
                        "page": page,
                        "url": "",
                        "style": "primary",
                    },
                )
                for state, page in pages.items()
            ),
            (
                "cards",
                {
                    "title": "",
                    "cards": [
                        {"title": f"Card {state}", "text": "", "page": page, "url": ""}
                        for state, page in pages.items()
                    ],
                },
            ),
            ("testimonial", {"testimonial": draft_testimonial}),
        ],
    )
    publish(links)
    menu = NavigationMenu(location="main", live=True)
    menu.items = [
        NavigationMenuItem(link_page=page, sort_order=n)
        for n, page in enumerate(pages.values())
    ]
    menu.save()
    draft_menu = NavigationMenu(location="footer", live=False)
    draft_menu.items = [
        NavigationMenuItem(link_page=pages["public"], label="Zebra draftsnippet menu")
    ]
    draft_menu.save()
    draft_menu.save_revision()
    faq = FrequentlyAskedQuestion.objects.create(
        question="Zebra draftsnippet question", answer="<p>No.</p>", live=False
    )
    faq.save_revision()
    # Indexing runs in the worker (a task per save); do it here instead.
    call_command("update_index", stdout=io.StringIO())
    user = UserFactory()
    user.groups.add(members)
    return {
        "since": since,
        "pages": pages,
        "user": user,
        "draft_snippets": [
            {"type": "cms.frequentlyaskedquestion", "id": faq.pk},
            {"type": "cms.navigationmenu", "id": draft_menu.pk},
        ],
    }


@pytest.fixture(params=["anonymous", "session", "token"])
def visitor(request, client, world):
    if request.param == "session":
        client.force_login(world["user"])
    elif request.param == "token":
        _, token = AuthToken.objects.create(user=world["user"])
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return request.param, client


def shown(content: bytes) -> set[str]:
    """Return the states whose page this content shows (its title or address)."""
    return {
        state
        for state in STATES
        if title(state).encode() in content or f"/{slug(state)}/".encode() in content
    }


def linked(content: bytes) -> set[str]:
    """Return the states whose page this HTML links to."""
    return {state for state in STATES if f'{slug(state)}/"'.encode() in content}


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    for secret in SECRETS:
        assert secret not in response.content, url
    return response


def test_html_page_is_served_only_when_public_or_admitted(visitor, world):
    kind, client = visitor
    admitted = PUBLIC | (MEMBERS_ONLY if kind == "session" else set())
    for state, page in world["pages"].items():
        response = client.get(f"/{page.url_path.split('/', 2)[2]}")
        served = response.status_code == 200 and f"Body of {state}".encode() in (
            response.content
        )
        assert served == (state in admitted), state
        if state in ("draft", "unpublished", "scheduled", "expired", "othersite"):
            assert response.status_code == 404, state
        for secret in SECRETS:
            assert secret not in response.content


def test_site_listings_feeds_sitemap_search_and_menus_show_public_pages_only(
    visitor, world
):
    _kind, client = visitor
    for url in ("/news/", "/news/feed/rss/", "/news/feed/atom/", "/sitemap.xml"):
        assert shown(get(client, url).content) == PUBLIC, url
    assert shown(get(client, "/search/", query="Zebra").content) == PUBLIC
    nav = get(client, "/").content.split(b'aria-label="Main"')[1].split(b"</nav>")[0]
    assert shown(nav) == PUBLIC


def test_links_to_pages_a_visitor_may_not_see_render_as_text(visitor, world):
    _kind, client = visitor
    content = get(client, "/links/").content

    assert linked(content) == PUBLIC
    for state in STATES:
        # The link's text stays; only the address goes.
        for text in (f"to {state}", f"Go {state}", f"Card {state}"):
            assert text.encode() in content


def test_content_api_shows_public_pages_only(visitor, world):
    _kind, client = visitor
    pages = world["pages"]

    listing = get(client, f"{API}/pages/", type="cms.articlepage", limit=100)
    assert shown(listing.content) == PUBLIC
    assert shown(get(client, f"{API}/search/", q="Zebra").content) == PUBLIC
    assert shown(get(client, f"{API}/navigation/").content) == PUBLIC
    links = get(client, f"{API}/pages/by-path/", path="/links/").content
    assert shown(links) == PUBLIC
    for state, page in pages.items():
        path = f"/news/{slug(state)}/"
        by_path = client.get(f"{API}/pages/by-path/", {"path": path})
        by_id = client.get(f"{API}/pages/{page.pk}/")
        visible = state in PUBLIC
        assert (by_path.status_code, by_id.status_code) == (
            (200, 200) if visible else (404, 404)
        ), state
        for response in (by_path, by_id):
            for secret in SECRETS:
                assert secret not in response.content
    faqs = get(client, f"{API}/faqs/").json()["results"]
    assert faqs == []


def test_changes_feed_lists_only_what_is_or_was_public(visitor, world):
    _kind, client = visitor
    pages = world["pages"]
    body = get(client, f"{API}/changes/", since=world["since"].isoformat()).json()
    ids = {page.pk: state for state, page in pages.items()}

    changed = {ids[row["id"]] for row in body["pages"]["changed"] if row["id"] in ids}
    removed = {ids[page_id] for page_id in body["pages"]["removed"] if page_id in ids}
    assert changed == PUBLIC
    assert removed == ONCE_PUBLIC
    # Nothing else: the site's other pages are public (home, indexes, links).
    assert set(body["pages"]["removed"]) <= set(ids)
    listed = body["snippets"]["changed"] + body["snippets"]["removed"]
    for snippet in world["draft_snippets"]:
        assert snippet not in listed
