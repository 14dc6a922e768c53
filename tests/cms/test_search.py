"""Site search keeps the backend's ranking, paginates and handles odd input."""

import io

import pytest
from django.core.management import call_command
from django.utils.html import escape

from cms.views import SEARCH_PAGE_SIZE
from tests.factories.cms import StandardPageFactory

pytestmark = pytest.mark.django_db

# The backends' own syntax (SQLite FTS5, PostgreSQL tsquery), and quotes, which the
# database backend on SQLite could not take.
SEARCH_SYNTAX = [
    '"',
    'say "hello',
    "\u201cquoted\u201d",
    "*",
    "AND",
    "NEAR(",
    "a -",
    "^",
]


def index_everything():
    # Indexing normally runs in the worker, one task per save.
    call_command("update_index", stdout=io.StringIO())


def test_title_match_ranks_above_a_passing_mention(client, home_page):
    StandardPageFactory(
        parent=home_page, title="Gardening", introduction="Mentions otters once."
    )
    StandardPageFactory(
        parent=home_page, title="Otters", introduction="All about otters and otters."
    )
    index_everything()

    results = client.get("/search/", {"query": "otters"}).context["results"]

    assert [page.title for page in results] == ["Otters", "Gardening"]


def test_results_are_paginated(client, home_page):
    for n in range(SEARCH_PAGE_SIZE + 2):
        StandardPageFactory(parent=home_page, title=f"Puffin {n}")
    index_everything()

    first = client.get("/search/", {"query": "puffin"}).context["results"]
    second = client.get("/search/", {"query": "puffin", "page": 2}).context["results"]

    assert len(first) == SEARCH_PAGE_SIZE
    assert len(second) == 2
    assert {p.pk for p in first}.isdisjoint({p.pk for p in second})


@pytest.mark.parametrize(
    "params",
    [{"query": "x", "page": "abc"}, {"query": "x", "page": "999"}, {"query": ""}],
)
def test_odd_input_still_gives_a_page(client, home_page, params):
    assert client.get("/search/", params).status_code == 200


def test_very_long_query_is_truncated(client, home_page):
    response = client.get("/search/", {"query": "a" * 5000})

    assert response.status_code == 200
    assert len(response.context["query"]) == 200


def test_search_is_get_only(client, home_page):
    assert client.post("/search/", {"query": "x"}).status_code == 405


@pytest.mark.parametrize("query", SEARCH_SYNTAX)
def test_search_syntax_in_a_query_is_text_not_a_server_error(client, home_page, query):
    StandardPageFactory(parent=home_page, title="Say hello", introduction="AND more")
    index_everything()

    response = client.get("/search/", {"query": query})

    assert response.status_code == 200
    assert escape(query).encode() in response.content  # shown back as typed


def test_a_result_without_an_introduction_shows_its_search_description(
    client, home_page
):
    home_page.search_description = "The home of the studio."
    home_page.save_revision().publish()
    index_everything()

    response = client.get("/search/", {"query": home_page.title})

    assert b"The home of the studio." in response.content
