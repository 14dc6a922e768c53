"""Editors create every page type through the admin's own form, as a browser would."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from wagtail.models import Locale
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageAuthor,
    FormPage,
    LandingPage,
    SectionIndexPage,
    StandardPage,
)
from tests.cms.i18n import languages, translate
from tests.factories import UserFactory
from tests.factories.cms import (
    ArticleIndexPageFactory,
    CategoryFactory,
    PersonFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def body(home_page):
    return streamfield(
        [
            ("heading", {"text": "Welcome", "level": "h2", "anchor": "welcome"}),
            ("rich_text", rich_text("<p>Hello <b>there</b></p>")),
            (
                "call_to_action",
                {
                    "text": "Home",
                    "page": str(home_page.pk),
                    "url": "",
                    "style": "primary",
                },
            ),
        ]
    )


def publish(client, model, parent, data):
    """POST the add form, publishing."""
    data = nested_form_data(
        {"comments": inline_formset([]), "action-publish": "action-publish", **data}
    )
    url = (
        f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/"
        f"{parent.pk}/"
    )
    return client.post(url, data)


def common(title, slug):
    return {"title": title, "slug": slug, "seo_title": "", "search_description": ""}


def test_editor_creates_a_standard_page_with_blocks(editor_client, home_page):
    response = publish(
        editor_client,
        StandardPage,
        home_page,
        {**common("About", "about"), "introduction": "Intro", "body": body(home_page)},
    )

    assert response.status_code == 302, response.context["form"].errors
    page = StandardPage.objects.get(slug="about")
    assert page.live
    assert [block.block_type for block in page.body] == [
        "heading",
        "rich_text",
        "call_to_action",
    ]
    assert b"Welcome" in editor_client.get(page.url).content


def test_call_to_action_with_page_and_url_is_rejected_in_the_admin(
    editor_client, home_page
):
    data = {
        **common("About", "about"),
        "body": streamfield(
            [
                (
                    "call_to_action",
                    {
                        "text": "Both",
                        "page": str(home_page.pk),
                        "url": "https://example.com",
                        "style": "primary",
                    },
                )
            ]
        ),
    }

    response = publish(editor_client, StandardPage, home_page, data)

    assert response.status_code == 200
    assert not StandardPage.objects.exists()
    assert "body" in response.context["form"].errors
    assert b"Choose a page or enter a URL, not both." in response.content


@pytest.mark.parametrize(
    ("model", "extra"),
    [
        (SectionIndexPage, {"introduction": "Sections", "body": streamfield([])}),
        (ArticleIndexPage, {"introduction": "News"}),
        (
            LandingPage,
            {
                "hero_heading": "Spring offer",
                "hero_text": "Now on",
                "hero_cta": streamfield([]),
                "hide_navigation": "on",
                "body": streamfield([]),
            },
        ),
        (
            FormPage,
            {
                "introduction": rich_text("<p>Write to us</p>"),
                "thank_you_text": rich_text("<p>Thanks</p>"),
                "to_address": "team@example.com",
                "from_address": "site@example.com",
                "subject": "Hello",
                "form_fields": inline_formset(
                    [
                        {
                            "label": "Your name",
                            "field_type": "singleline",
                            "required": "on",
                            "choices": "",
                            "default_value": "",
                            "help_text": "",
                        }
                    ]
                ),
            },
        ),
    ],
)
def test_editor_creates_page_type_under_the_home_page(
    editor_client, home_page, model, extra
):
    response = publish(
        editor_client, model, home_page, {**common("New", "new"), **extra}
    )

    assert response.status_code == 302, response.context["form"].errors
    page = model.objects.get(slug="new")
    assert page.live
    assert editor_client.get(page.url).status_code == 200


def test_editor_creates_an_article_with_authors_tags_and_category(
    editor_client, home_page
):
    index = ArticleIndexPageFactory(parent=home_page)
    author = PersonFactory()
    category = CategoryFactory()

    response = publish(
        editor_client,
        ArticlePage,
        index,
        {
            **common("First post", "first-post"),
            "date": "2026-01-15",
            "category": str(category.pk),
            "tags": "wagtail, news",
            "introduction": "The first post.",
            "article_authors": authors_formset([author]),
            "body": body(home_page),
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="first-post")
    assert bylined(article) == [author]
    assert sorted(article.tags.names()) == ["news", "wagtail"]
    assert article.category == category


def test_article_cannot_be_created_under_the_home_page(editor_client, home_page):
    response = publish(
        editor_client, ArticlePage, home_page, {**common("Lost", "lost")}
    )

    # Wagtail refuses with a redirect and a "permission denied" message.
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != "/admin/pages/"
    assert not ArticlePage.objects.exists()


def test_admin_shows_no_gravatar_images_for_the_csp_to_block(editor_client):
    page = editor_client.get("/admin/").content.decode()

    assert "gravatar.com" not in page


def authors_formset(people, existing=()):
    """Return the authors inline's form data as the browser sends it: the `existing`
    rows first, then new rows for the other `people`; each row's ORDER is its
    person's position in `people`, counted from 1 as Wagtail's inline panel does."""
    rows = {row.person_id: row for row in existing}
    order = {person.pk: position for position, person in enumerate(people, start=1)}
    kept = [
        {"id": str(row.pk), "person": str(row.person_id), "ORDER": str(order[pk])}
        for pk, row in rows.items()
    ]
    added = [
        {"person": str(person.pk), "ORDER": str(order[person.pk])}
        for person in people
        if person.pk not in rows
    ]
    return inline_formset([*kept, *added], initial=len(kept))


def bylined(page) -> list:
    return [row.person for row in page.article_authors.all()]


def byline(page) -> str:
    """Return the article's byline as a visitor sees it (after "by", in any
    language)."""
    html = Client().get(page.url).content.decode()
    return re.search(r"</time>\s*· \w+ ([^\n<]*)", html)[1].strip()


def edit(client, page, data):
    """POST the edit form of `page` with `data` (the form's other fields as the
    page has them), publishing."""
    return client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data(
            {
                "comments": inline_formset([]),
                "action-publish": "action-publish",
                **common(page.title, page.slug),
                "date": page.date.isoformat(),
                "body": streamfield([]),
                **data,
            }
        ),
    )


@pytest.fixture
def writers():
    return PersonFactory(name="Ada Writer"), PersonFactory(name="Grace Editor")


@pytest.fixture
def article_by_grace_and_ada(editor_client, home_page, writers):
    """An article whose editor chose Grace, then Ada (not alphabetical)."""
    ada, grace = writers
    response = publish(
        editor_client,
        ArticlePage,
        ArticleIndexPageFactory(parent=home_page, slug="news"),
        {
            **common("Post", "post"),
            "date": "2026-01-15",
            "article_authors": authors_formset([grace, ada]),
            "body": streamfield([]),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return ArticlePage.objects.get(slug="post")


def test_the_byline_shows_the_authors_in_the_order_the_editor_chose(
    article_by_grace_and_ada, writers
):
    ada, grace = writers

    assert bylined(article_by_grace_and_ada) == [grace, ada]
    assert byline(article_by_grace_and_ada) == "Grace Editor, Ada Writer"


def test_the_content_api_lists_the_authors_in_byline_order(
    article_by_grace_and_ada, writers
):
    ada, grace = writers

    document = (
        Client().get(f"/api/content/v1/pages/{article_by_grace_and_ada.pk}/").json()
    )

    assert [(a["id"], a["type"], a["name"]) for a in document["fields"]["authors"]] == [
        (grace.pk, "cms.person", "Grace Editor"),
        (ada.pk, "cms.person", "Ada Writer"),
    ]


def test_the_feeds_name_the_authors_in_byline_order(article_by_grace_and_ada):
    index_url = article_by_grace_and_ada.get_parent().url

    atom = Client().get(f"{index_url}feed/atom/").content.decode()
    rss = Client().get(f"{index_url}feed/rss/").content.decode()

    assert "<author><name>Grace Editor, Ada Writer</name></author>" in atom
    assert "Grace Editor, Ada Writer</dc:creator>" in rss


def test_editor_picks_authors_with_a_chooser_not_a_list_of_everyone(
    editor_client, article_by_grace_and_ada, writers
):
    form = editor_client.get(f"/admin/pages/{article_by_grace_and_ada.pk}/edit/")
    html = form.content.decode()

    # Wagtail's MultipleChooserPanel: one button opening the people chooser.
    assert 'id="id_article_authors-OPEN_MODAL"' in html
    assert "Add authors" in html
    assert 'name="authors"' not in html
    # The chosen people, and only them, are on the form.
    assert html.count('name="article_authors-0-person"') == 1
    assert form.context["form"].formsets["article_authors"].total_form_count() == 2
    widget = html.split('id="id_article_authors-CHOOSER_WIDGET"')[1]
    chooser_url = re.search(r'data-chooser-url=\\"(/admin/[^\\]+)\\"', widget)[1]
    chooser = editor_client.get(chooser_url, {"multiple": "1"})
    assert chooser.status_code == 200
    assert all(person.name in chooser.json()["html"] for person in writers)


def test_editor_reorders_the_authors_and_the_byline_follows(
    editor_client, article_by_grace_and_ada, writers
):
    ada, grace = writers
    rows = list(article_by_grace_and_ada.article_authors.all())

    response = edit(
        editor_client,
        article_by_grace_and_ada,
        {"article_authors": authors_formset([ada, grace], existing=rows)},
    )

    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(pk=article_by_grace_and_ada.pk)
    assert bylined(article) == [ada, grace]
    assert byline(article) == "Ada Writer, Grace Editor"
    # Reordered in place: the same rows, not new ones.
    assert {row.pk for row in article.article_authors.all()} == {r.pk for r in rows}


def test_editor_removes_an_author(editor_client, article_by_grace_and_ada, writers):
    ada, grace = writers
    rows = list(article_by_grace_and_ada.article_authors.all())
    data = authors_formset([grace, ada], existing=rows)
    data["1"]["DELETE"] = "on"  # Ada's row

    response = edit(editor_client, article_by_grace_and_ada, {"article_authors": data})

    assert response.status_code == 302, response.context["form"].errors
    assert bylined(ArticlePage.objects.get(pk=article_by_grace_and_ada.pk)) == [grace]


def test_choosing_a_person_twice_is_a_form_error_not_a_crash(
    editor_client, home_page, writers
):
    ada, _ = writers

    response = publish(
        editor_client,
        ArticlePage,
        ArticleIndexPageFactory(parent=home_page),
        {
            **common("Twice", "twice"),
            "date": "2026-01-15",
            "article_authors": authors_formset([ada, ada]),
            "body": streamfield([]),
        },
    )

    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="twice").exists()
    assert "Please correct the duplicate data for page and person" in (
        response.content.decode()
    )


def test_a_person_is_in_a_byline_once_whatever_writes_it(
    article_by_grace_and_ada, writers
):
    ada, _ = writers

    with pytest.raises(IntegrityError), transaction.atomic():
        ArticlePageAuthor.objects.create(page=article_by_grace_and_ada, person=ada)


@pytest.fixture
def german_news(home_page, article_by_grace_and_ada):
    with languages():
        translate(home_page, "de", title="Startseite")
        translate(article_by_grace_and_ada.get_parent(), "de", title="Neuigkeiten")
        yield Locale.objects.get(language_code="de")


def test_a_translation_keeps_the_authors_and_their_order(
    article_by_grace_and_ada, writers, german_news
):
    ada, grace = writers

    german = translate(article_by_grace_and_ada, "de", title="Beitrag")

    assert bylined(german) == [grace, ada]
    assert byline(german) == "Grace Editor, Ada Writer"
    # The English article keeps its own rows.
    assert bylined(article_by_grace_and_ada) == [grace, ada]


def test_translating_through_wagtail_localize_keeps_the_authors_in_order(
    editor_client, article_by_grace_and_ada, writers, german_news
):
    ada, grace = writers

    response = editor_client.post(
        f"/admin/localize/submit/page/{article_by_grace_and_ada.pk}/",
        {"locales": [german_news.pk]},
    )

    assert response.status_code == 302
    german = article_by_grace_and_ada.get_translation(german_news)
    assert bylined(german) == [grace, ada]
    assert bylined(german.get_latest_revision_as_object()) == [grace, ada]


def test_translate_makes_a_draft_that_visitors_see_only_once_it_is_published(
    editor_client, home_page, django_capture_on_commit_callbacks
):
    with languages():
        translate(home_page, "de", title="Startseite")
        about = StandardPageFactory(parent=home_page, title="About", slug="about")
        german_locale = Locale.objects.get(language_code="de")

        # wagtail-localize would otherwise publish the English copy at once, at /de/.
        with django_capture_on_commit_callbacks(execute=True):
            editor_client.post(
                f"/admin/localize/submit/page/{about.pk}/",
                {"locales": [german_locale.pk]},
            )
        visitor = Client()

        assert visitor.get("/de/about/").status_code == 404
        assert b"/de/about/" not in visitor.get("/about/").content

        about.get_translation(german_locale).save_revision().publish()

        assert visitor.get("/de/about/").status_code == 200
        assert b"/de/about/" in visitor.get("/about/").content
