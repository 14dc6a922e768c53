"""Site search for API clients: Wagtail's ranked search over public pages."""

from wagtail.models import Page, Site

from cms.api.visibility import public_pages
from cms.search import plain_text

# Search ranks every match; the API pages through the best ones.
MAX_RESULTS = 200


def search_public_pages(site: Site, query: str) -> list[Page]:
    """Return the public pages matching `query`, best match first."""
    query = plain_text(query)
    if not query:
        return []
    hits = list(
        Page.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .search(query, order_by_relevance=True)[:MAX_RESULTS]
    )
    # Privacy and expiry are checked on the hits, in one query: the search backend
    # cannot filter on view restrictions.
    visible = set(
        public_pages(site)
        .filter(id__in=[hit.id for hit in hits])
        .values_list("id", flat=True)
    )
    return [hit for hit in hits if hit.id in visible]
