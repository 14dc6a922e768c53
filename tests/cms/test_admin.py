"""Editors create every page type through the admin's own form, as a browser would."""

import pytest
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    FormPage,
    LandingPage,
    SectionIndexPage,
    StandardPage,
)
from tests.factories import UserFactory
from tests.factories.cms import (
    ArticleIndexPageFactory,
    CategoryFactory,
    PersonFactory,
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


def publish(client, model, parent, data, **multiple):
    """POST the add form; `multiple` holds multi-select fields (lists of ids)."""
    data = nested_form_data(
        {"comments": inline_formset([]), "action-publish": "action-publish", **data}
    )
    data.update(multiple)
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
            "body": body(home_page),
        },
        authors=[str(author.pk)],
    )

    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="first-post")
    assert list(article.authors.all()) == [author]
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


def test_editor_picks_an_articles_authors_from_labelled_checkboxes(
    editor_client, home_page
):
    index = ArticleIndexPageFactory(parent=home_page)
    ada, grace = PersonFactory(name="Ada Writer"), PersonFactory(name="Grace Editor")
    publish(
        editor_client,
        ArticlePage,
        index,
        {**common("Post", "post"), "date": "2026-01-15", "body": body(home_page)},
    )
    article = ArticlePage.objects.get(slug="post")
    edit_url = f"/admin/pages/{article.pk}/edit/"

    form = editor_client.get(edit_url).content.decode()
    assert '<select name="authors"' not in form
    for person in (ada, grace):
        assert f'type="checkbox" name="authors" value="{person.pk}"' in form
        assert f"{person.name}</label>" in form

    data = nested_form_data(
        {
            "comments": inline_formset([]),
            "action-publish": "action-publish",
            **common("Post", "post"),
            "date": "2026-01-15",
            "body": body(home_page),
        }
    )
    data["authors"] = [str(grace.pk), str(ada.pk)]
    response = editor_client.post(edit_url, data)

    assert response.status_code == 302, response.context["form"].errors
    assert list(ArticlePage.objects.get(pk=article.pk).authors.all()) == [ada, grace]
