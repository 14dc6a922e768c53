"""The event pages cost a fixed number of queries, whatever the number of events or
menu items: the chrome (menus, settings) and the events come from the cache."""

import pytest

from tests.cms.test_query_counts import CHROME, LARGE, SMALL, build_menu, count
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

# The events come from the events app's cache (apps/events/cache.py), filled by the
# warm-up. After a publish, the chrome is loaded again (CHROME); then it is cached.
EVENT_PAGE = 0


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_event_list_queries_do_not_grow_with_events_or_menu_items(
    client, home_page, size
):
    build_menu(home_page, size)
    events = [EventFactory() for _ in range(size * 3)]

    response, cold, warm = count(client, "/events/")

    assert cold <= CHROME + EVENT_PAGE
    assert warm <= EVENT_PAGE
    for event in events:
        assert event.get_absolute_url().encode() in response.content


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_event_detail_queries_do_not_grow_with_menu_items(client, home_page, size):
    build_menu(home_page, size)
    event = EventFactory()

    response, cold, warm = count(client, event.get_absolute_url())

    assert cold <= CHROME + EVENT_PAGE
    assert warm <= EVENT_PAGE
    assert event.title.encode() in response.content
