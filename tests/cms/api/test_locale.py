"""The content API per language: the `locale` parameter picks the language of every
answer (never Accept-Language); pages and app content carry their `locale` and
their public `translations`; a draft or private translation shows nowhere; query
counts do not grow with the number of languages or items."""

import datetime as dt
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.models import (
    Announcement,
    ArticlePageAuthor,
    ContentSlot,
    FrequentlyAskedQuestion,
    NavigationMenu,
    NavigationMenuItem,
)
from tests.cms.i18n import languages, publish, translate
from tests.factories.cms import (
    ArticlePageFactory,
    CategoryFactory,
    PersonFactory,
    StandardPageFactory,
    TestimonialFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/content/v1"
ENDPOINTS = [
    "/pages/",
    "/pages/by-path/?path=/about/",
    "/navigation/",
    "/site/",
    "/announcements/",
    "/faqs/",
    "/search/?q=about",
    "/changes/?since=2026-01-01T00:00:00Z",
]


def page(parent, slug, title=None):
    return publish(StandardPageFactory(parent=parent, slug=slug, title=title or slug))


@pytest.fixture
def german(home_page):
    """A site in English and German: the home page and About translated, Contact
    with a German draft only, Team with a password-protected German version."""
    with languages():
        home_de = translate(home_page, "de", title="Startseite")
        about = page(home_page, "about", "About")
        translate(about, "de", title="Über uns")
        contact = page(home_page, "contact", "Contact")
        translate(contact, "de", title="Kontakt", live=False)
        team = page(home_page, "team", "Team")
        team_de = translate(team, "de", title="Mannschaft")
        PageViewRestriction.objects.create(
            page=team_de, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        yield {"home": home_page, "home_de": home_de, "about": about}


def get(client, url, **headers):
    return client.get(f"{API}{url}", headers=headers)


def translations_of(document) -> dict:
    return {code: t["path"] for code, t in document["translations"].items()}


@pytest.mark.parametrize("url", ENDPOINTS)
def test_an_unconfigured_locale_is_a_400_naming_the_field(client, german, url):
    joiner = "&" if "?" in url else "?"
    response = get(client, f"{url}{joiner}locale=fr")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == ["locale"]


@pytest.mark.parametrize("url", ["/pages/", "/pages/by-path/?path=/about/"])
def test_the_default_locale_is_the_default_language_whatever_accept_language(
    client, german, url
):
    plain = get(client, url)
    german_browser = get(client, url, accept_language="de")

    assert plain.status_code == 200
    assert german_browser.content == plain.content
    assert "Accept-Language" not in plain.get("Vary", "")
    assert {card["locale"] for card in plain.json().get("results", [plain.json()])} == {
        "en"
    }


def test_a_page_by_path_takes_its_language_from_the_prefix(client, german):
    document = get(client, "/pages/by-path/?path=/de/about/").json()

    assert document["title"] == "Über uns"
    assert document["locale"] == "de"
    assert document["path"] == "/de/about/"
    assert document["url"] == "http://testserver/de/about/"
    assert translations_of(document) == {"en": "/about/", "de": "/de/about/"}
    assert document["translations"]["en"]["id"] == german["about"].id
    # The same page with the matching locale; a contradicting one is a 400.
    assert get(client, "/pages/by-path/?path=/de/about/&locale=de").json() == document
    response = get(client, "/pages/by-path/?path=/about/&locale=de")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["locale"]


def test_the_german_home_page_is_at_the_prefix(client, german):
    document = get(client, "/pages/by-path/?path=/de/").json()

    assert document["id"] == german["home_de"].id
    assert document["path"] == "/de/"
    assert translations_of(document) == {"en": "/", "de": "/de/"}


@pytest.mark.parametrize(
    ("url", "status", "detail"),
    [
        ("/pages/by-path/?path=/de/nowhere/", 404, "Keine öffentliche Seite unter"),
        ("/pages/999999/?locale=de", 404, "Keine öffentliche Seite mit der ID"),
        ("/slots/nowhere/?locale=de", 404, "Kein veröffentlichter Inhaltsbereich"),
        ("/pages/?locale=de&type=cms.standardpage&tag=x", 400, "tag: Dieser"),
    ],
)
def test_problems_are_in_the_language_asked_for(client, german, url, status, detail):
    response = get(client, url)

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response["Content-Language"] == "de"
    problem = response.json()
    assert problem["title"] == {404: "Nicht gefunden", 400: "Ungültige Anfrage"}[status]
    assert problem["detail"].startswith(detail)
    assert get(client, "/pages/999999/").json()["title"] == "Not Found"


def test_an_answer_says_its_language(client, german):
    assert get(client, "/pages/by-path/?path=/de/about/")["Content-Language"] == "de"
    assert get(client, "/pages/?locale=de")["Content-Language"] == "de"
    assert get(client, "/pages/")["Content-Language"] == "en"


def test_a_page_by_id_is_found_in_its_own_locale(client, german):
    about_de = german["about"].get_translation(Locale.objects.get(language_code="de"))

    assert get(client, f"/pages/{about_de.id}/").status_code == 404
    document = get(client, f"/pages/{about_de.id}/?locale=de").json()
    assert document["title"] == "Über uns"


@pytest.mark.parametrize("slug", ["contact", "team"])
def test_a_draft_or_private_translation_shows_nowhere(client, german, slug):
    english = get(client, f"/pages/by-path/?path=/{slug}/").json()
    german_version = (
        german["home"].get_children().get(slug=slug).specific.get_translations().get()
    )
    cards = get(client, "/pages/?locale=de").json()["results"]

    assert translations_of(english) == {"en": f"/{slug}/"}
    assert get(client, f"/pages/by-path/?path=/de/{slug}/").status_code == 404
    assert get(client, f"/pages/{german_version.id}/?locale=de").status_code == 404
    assert german_version.id not in {card["id"] for card in cards}


def test_listings_are_per_locale_with_each_cards_translations(client, german):
    english = get(client, "/pages/?order=title").json()["results"]
    german_cards = get(client, "/pages/?locale=de&order=title").json()["results"]

    assert [card["title"] for card in english] == [
        "About",
        "Contact",
        "Home",
        "Team",
    ]
    assert [card["title"] for card in german_cards] == ["Startseite", "Über uns"]
    assert {card["locale"] for card in german_cards} == {"de"}
    about = next(card for card in german_cards if card["title"] == "Über uns")
    assert translations_of(about) == {"en": "/about/", "de": "/de/about/"}


def test_a_one_language_site_lists_a_page_as_its_only_translation(client, home_page):
    about = page(home_page, "about", "About")

    document = get(client, "/pages/by-path/?path=/about/").json()

    assert document["locale"] == "en"
    assert document["translations"] == {
        "en": {"id": about.id, "path": "/about/", "url": "http://testserver/about/"}
    }
    assert get(client, "/pages/by-path/?path=/about/&locale=de").status_code == 400


def test_app_content_is_per_locale_with_its_live_translations(client, german):
    de = Locale.objects.get(language_code="de")
    faq = FrequentlyAskedQuestion.objects.create(question="Why?", answer="<p>So.</p>")
    faq.save_revision().publish()
    faq_de = faq.copy_for_translation(de)
    faq_de.question = "Warum?"
    faq_de.save()
    faq_de.save_revision().publish()
    draft = Announcement.objects.create(title="Hi", message="<p>x</p>")
    draft.save_revision().publish()
    draft_de = draft.copy_for_translation(de)
    draft_de.live = False  # a German draft, never published
    draft_de.save()

    english = get(client, "/faqs/").json()["results"]
    in_german = get(client, "/faqs/?locale=de").json()["results"]
    announcements = get(client, "/announcements/").json()["results"]

    assert [item["question"] for item in english] == ["Why?"]
    assert [item["question"] for item in in_german] == ["Warum?"]
    assert in_german[0]["locale"] == "de"
    assert in_german[0]["translations"] == {
        "en": {"id": faq.id},
        "de": {"id": faq_de.id},
    }
    assert announcements[0]["translations"] == {"en": {"id": draft.id}}
    assert get(client, "/announcements/?locale=de").json()["results"] == []


def test_navigation_is_per_locale_and_links_the_translations(client, german):
    contact = german["home"].get_children().get(slug="contact")
    menu = NavigationMenu(location="main", live=False)
    menu.items = [
        NavigationMenuItem(sort_order=0, link_page=german["about"]),
        NavigationMenuItem(sort_order=1, link_page=contact),
    ]
    menu.save()
    menu.save_revision().publish()
    menu_de = menu.copy_for_translation(Locale.objects.get(language_code="de"))
    menu_de.save()
    menu_de.save_revision().publish()

    english = get(client, "/navigation/").json()["main"]
    in_german = get(client, "/navigation/?locale=de").json()["main"]

    assert [link["url"] for link in english] == [
        "http://testserver/about/",
        "http://testserver/contact/",
    ]
    # Contact has no public German version: the English page is linked.
    assert [link["url"] for link in in_german] == [
        "http://testserver/de/about/",
        "http://testserver/contact/",
    ]


def test_the_changes_feed_is_per_locale(client, german):
    since = (timezone.now() - dt.timedelta(hours=1)).isoformat().replace("+", "%2B")

    english = get(client, f"/changes/?since={since}").json()["pages"]["changed"]
    in_german = get(client, f"/changes/?since={since}&locale=de").json()
    german_paths = [row["path"] for row in in_german["pages"]["changed"]]

    assert "/about/" in [row["path"] for row in english]
    assert not any(path.startswith("/de/") for path in [r["path"] for r in english])
    assert sorted(german_paths) == ["/de/", "/de/about/"]


def queries_of(client, url: str) -> list[str]:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{API}{url}")
    assert response.status_code == 200, response.content[:300]
    return [query["sql"] for query in captured.captured_queries]


URLS = [
    "/pages/by-path/?path=/de/p0/",
    "/pages/?locale=de",
    "/pages/by-path/?path=/p0/",
]


def test_query_counts_do_not_grow_with_languages_or_items(
    client, home_page, django_assert_max_num_queries
):
    two = [("en", "English"), ("de", "German")]
    four = [*two, ("fr", "French"), ("ar", "Arabic")]
    pages = [page(home_page, f"p{n}") for n in range(2)]
    with languages(two):
        translate(home_page, "de")
        for english in pages:
            translate(english, "de")
        small = {url: queries_of(client, url) for url in URLS}
    with languages(four):
        for code in ("fr", "ar"):
            translate(home_page, code)
        pages += [page(home_page, f"p{n}") for n in range(2, 12)]
        for n, english in enumerate(pages):
            for code in ("de", "fr", "ar") if n >= 2 else ("fr", "ar"):
                translate(english, code)
        for url in URLS:
            cache.clear()
            with django_assert_max_num_queries(len(small[url])):
                response = client.get(f"{API}{url}")
            assert len(response.json().get("translations", {})) in (0, 4)
        assert get(client, "/pages/?locale=de").json()["count"] == 13


def test_search_is_per_locale(client, german):
    call_command("update_index", stdout=io.StringIO())

    english = get(client, "/search/?q=contact").json()["results"]
    in_german = get(client, "/search/?q=uns&locale=de").json()["results"]

    assert [card["path"] for card in english] == ["/contact/"]
    assert [card["path"] for card in in_german] == ["/de/about/"]
    assert get(client, "/search/?q=uns").json()["results"] == []
    # Kontakt is a German draft: not found in German either.
    assert get(client, "/search/?q=kontakt&locale=de").json()["results"] == []


def test_snippets_a_page_refers_to_carry_their_locale(client, home_page):
    author = PersonFactory(name="Ada")
    article = ArticlePageFactory(parent=home_page, slug="story")
    article.article_authors.add(ArticlePageAuthor(person=author))
    publish(article)

    authors = get(client, f"/pages/{article.id}/").json()["fields"]["authors"]

    assert [(a["name"], a["locale"]) for a in authors] == [("Ada", "en")]
    assert authors[0]["translations"] == {"en": {"id": author.id}}


def translate_snippet(snippet, language_code: str, *, live=True):
    translated = snippet.copy_for_translation(
        Locale.objects.get(language_code=language_code)
    )
    if not live:
        translated.live = False
    translated.save()
    return translated


def article_referring_to(parent, slug, *, authors, testimonials, category=None):
    """Return a published article with these authors, category and testimonials."""
    body = [
        {"type": "testimonial", "value": {"testimonial": t.pk}} for t in testimonials
    ]
    article = ArticlePageFactory(
        parent=parent, slug=slug, category=category, body=json.dumps(body)
    )
    article.article_authors = [ArticlePageAuthor(person=person) for person in authors]
    return publish(article)


def test_snippets_a_page_refers_to_list_their_public_translations(client, home_page):
    with languages():
        author = PersonFactory(name="Ada")
        author_de = translate_snippet(author, "de")
        category = CategoryFactory()
        category_de = translate_snippet(category, "de")
        testimonial = TestimonialFactory()
        translate_snippet(testimonial, "de", live=False)
        article = article_referring_to(
            home_page,
            "story",
            authors=[author],
            testimonials=[testimonial],
            category=category,
        )

        fields = get(client, f"/pages/{article.id}/").json()["fields"]

    assert fields["authors"][0]["translations"] == {
        "en": {"id": author.id},
        "de": {"id": author_de.id},
    }
    assert fields["category"]["translations"] == {
        "en": {"id": category.id},
        "de": {"id": category_de.id},
    }
    # The German testimonial is a draft: it shows nowhere.
    chosen = fields["body"][0]["value"]["testimonial"]
    assert chosen["locale"] == "en"
    assert chosen["translations"] == {"en": {"id": testimonial.id}}


def test_snippet_translations_cost_the_same_queries_for_more_snippets_or_languages(
    client, home_page, django_assert_max_num_queries
):
    two = [("en", "English"), ("de", "German")]
    four = [*two, ("fr", "French"), ("ar", "Arabic")]

    def snippets(count, codes):
        people = [PersonFactory() for _ in range(count)]
        testimonials = [TestimonialFactory() for _ in range(count)]
        for snippet in [*people, *testimonials]:
            for code in codes:
                translate_snippet(snippet, code)
        return {"authors": people, "testimonials": testimonials}

    with languages(two):
        small = article_referring_to(home_page, "small", **snippets(2, ["de"]))
        small_queries = queries_of(client, f"/pages/{small.id}/")
    with languages(four):
        large = article_referring_to(
            home_page, "large", **snippets(8, ["de", "fr", "ar"])
        )
        cache.clear()
        with django_assert_max_num_queries(len(small_queries)):
            response = client.get(f"{API}/pages/{large.id}/")

    authors = response.json()["fields"]["authors"]
    assert len(authors) == 8
    assert all(len(author["translations"]) == 4 for author in authors)


def test_a_content_slot_is_found_by_key_in_its_locale(client, german):
    slot = ContentSlot.objects.create(key="onboarding", title="Welcome")
    slot.save_revision().publish()

    assert get(client, "/slots/onboarding/").json()["locale"] == "en"
    assert get(client, "/slots/onboarding/?locale=de").status_code == 404

    slot_de = slot.copy_for_translation(Locale.objects.get(language_code="de"))
    slot_de.title = "Willkommen"
    slot_de.save()
    slot_de.save_revision().publish()
    document = get(client, "/slots/onboarding/?locale=de").json()

    assert document["title"] == "Willkommen"
    assert document["translations"] == {"en": {"id": slot.id}, "de": {"id": slot_de.id}}
