"""An editor adds an author to an article through Wagtail's chooser modal; the
byline shows the authors in the order chosen."""

import pytest
from playwright.sync_api import expect

from cms.models import ArticlePage, ArticlePageAuthor
from tests.e2e.test_cms_editor import sign_in, site  # noqa: F401 - fixture
from tests.factories.cms import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_adds_an_author_from_the_chooser_modal(site, live_server, page, browser):  # noqa: F811
    # The admin's editor is heavy; allow for a busy CI machine.
    page.set_default_timeout(45_000)
    grace, ada = PersonFactory(name="Grace Editor"), PersonFactory(name="Ada Writer")
    PersonFactory(name="Not Chosen")
    article = ArticlePageFactory(
        parent=ArticleIndexPageFactory(parent=site, slug="news"), slug="post"
    )
    article.article_authors = [ArticlePageAuthor(person=grace, sort_order=0)]
    article.save_revision().publish()
    sign_in(page, live_server)

    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="Add authors").click()
    modal = page.locator(".modal")
    modal.get_by_label("Ada Writer").check()
    modal.get_by_role("button", name="Confirm selection").click()
    # The chosen person arrives as a new row of the inline, after Grace.
    expect(page.locator("#id_article_authors-1-person")).to_have_value(str(ada.pk))
    page.wait_for_load_state("networkidle")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.locator('button[name="action-publish"]').click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{article.get_parent().pk}/")

    published = ArticlePage.objects.get(pk=article.pk)
    assert [row.person for row in published.article_authors.all()] == [grace, ada]
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live_server.url}/news/post/")
    expect(visitor.locator(".article .meta")).to_contain_text(
        "by Grace Editor, Ada Writer"
    )
    visitor.context.close()
