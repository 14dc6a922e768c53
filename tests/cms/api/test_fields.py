"""Model fields in the content API (cms.api.fields): an inline of choices is listed
like a many-to-many field, by one rule for every model."""

import pytest

from cms.api.fields import chooser_of_rows
from cms.models import ArticlePage, ArticlePageAuthor, FormPage, NavigationMenu
from tests.cms.i18n import publish
from tests.factories.cms import ArticlePageFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_an_inline_of_choices_lists_what_its_rows_chose_in_the_editors_order(
    client, home_page
):
    article = ArticlePageFactory(parent=home_page, slug="story")
    article.article_authors = [
        ArticlePageAuthor(person=PersonFactory(name=name)) for name in ("Zed", "Ada")
    ]
    publish(article)

    response = client.get(f"/api/content/v1/pages/{article.id}/")

    authors = response.json()["fields"]["authors"]
    assert [(author["type"], author["name"]) for author in authors] == [
        ("cms.person", "Zed"),
        ("cms.person", "Ada"),
    ]


@pytest.mark.parametrize(
    ("model", "name", "chooser"),
    [
        (ArticlePage, "article_authors", "person"),
        # Rows that choose nothing (form fields), or two things each (a menu link
        # to a page or a document), are no list of choices.
        (FormPage, "form_fields", None),
        (NavigationMenu, "items", None),
        # A field, not a child relation.
        (ArticlePage, "category", None),
    ],
)
def test_a_child_relation_whose_rows_each_choose_one_object_is_an_inline_of_choices(
    model, name, chooser
):
    found = chooser_of_rows(model, name)

    assert (found.name if found else None) == chooser
