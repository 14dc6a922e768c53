"""What the bench measures: one Scenario per table row, in table order.

To measure a new URL, add a Scenario here (or fill in the `path` of a pending one);
nothing else in bench/ needs to change. Targets come from issue 7.
"""

from dataclasses import dataclass, field

from bench.fixtures import BOOKING_EVENT_SLUG

# Where a scenario is served.
CEILING = "ceiling"  # bench.ceiling: a bare WSGI app, no Django
APP = "app"  # bench.wsgi: the project (config.urls + one bench view)

# Page-cache modes.
WARM = "warm"  # the same URL again and again: a page cache, if any, answers
OFF = "off"  # a unique ?nocache=N on every request: the page cache cannot answer
# (what rendering reads is still cached until the site changes: cms/generation_cache.py)
NO_CACHE = "-"  # not a cacheable page (the ceiling, static files, writes)

# Who asks.
ANONYMOUS = "anonymous"
EDITOR = "editor"  # a signed-in superuser (session cookie + CSRF token); never cached
# A different signed-in user for every request (an API token each, from the pool of
# bench/fixtures.py): for writes one person may do only once, like booking an event.
USERS = "users"

# Targets (issue 7), as a percentage of the ceiling measured in the same round.
PAGE_CACHE_WARM_PCT = 25.0
HOME_UNCACHED_PCT = 1.0
ARTICLE_UNCACHED_PCT = 2.0
API_LISTING_UNCACHED_PCT = 1.0
STATIC_PCT = 40.0
PAGE_MAX_QUERIES = 8
API_MAX_QUERIES = 6
# A booking (a write; issue 7's API bound is for reads): the token, then BEGIN, the
# event locked, the booking, the event's places, COMMIT, then the confirmation
# email's job queued after commit inside the request (its row and its JobState).
# The budget of tests/apps/events/test_booking_queries.py (BOOKING + EMAIL_JOB).
BOOKING_MAX_QUERIES = 8
RSS_LIMIT_MIB = 150.0


@dataclass(frozen=True)
class Scenario:
    name: str
    # A path on the server, "static:<name>" for a collected static file (resolved
    # through WhiteNoise's manifest to its hashed URL), or None while the URL is
    # still to be built (the row then says so, with `pending`).
    path: str | None
    server: str = APP
    method: str = "GET"
    auth: str = ANONYMOUS
    cache: str = OFF
    body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    target_pct: float | None = None
    max_queries: int | None = None
    # "page" or "api": `make profile` profiles the slowest uncached page and the
    # first scenario marked "api".
    profile: str | None = None
    pending: str = ""  # which issue adds the URL

    @property
    def is_pending(self) -> bool:
        return self.path is None

    @property
    def label(self) -> str:
        """Return the row's name, unique in the table."""
        if self.auth == EDITOR:
            return f"{self.name} (signed-in editor)"
        if self.auth == USERS:
            return f"{self.name} (signed-in user, a new one per request)"
        if self.cache == WARM:
            return f"{self.name} (anonymous, page cache warm)"
        if self.cache == OFF:
            return f"{self.name} (anonymous, page cache off)"
        return self.name


# Pages of the demo content (cms/demo_content.py) and the bench's own articles.
ARTICLE = "/news/launching-the-new-site/"
# Its translation (the bench runs with LANGUAGES=en,de, as the demo translates it).
GERMAN_ARTICLE = "/de/news/launching-the-new-site/"
INDEX = "/news/"
CONTENT_API = "/api/content/v1/"
BUSINESS_API = "/api/v1/"

_JSON = {"Accept": "application/json"}
_BOOKING_HEADERS = {"Content-Type": "application/json", **_JSON}

SCENARIOS: list[Scenario] = [
    # References.
    Scenario("ceiling: bare WSGI hello", "/", server=CEILING, cache=NO_CACHE),
    Scenario("Django view, full middleware", "/bench/hello/", cache=NO_CACHE),
    # Pages.
    Scenario(
        "home page",
        "/",
        cache=WARM,
        target_pct=PAGE_CACHE_WARM_PCT,
        max_queries=PAGE_MAX_QUERIES,
    ),
    Scenario(
        "home page",
        "/",
        cache=OFF,
        target_pct=HOME_UNCACHED_PCT,
        max_queries=PAGE_MAX_QUERIES,
        profile="page",
    ),
    Scenario("home page", "/", auth=EDITOR, cache=NO_CACHE),
    Scenario(
        "article page",
        ARTICLE,
        cache=WARM,
        target_pct=PAGE_CACHE_WARM_PCT,
        max_queries=PAGE_MAX_QUERIES,
    ),
    Scenario(
        "article page",
        ARTICLE,
        cache=OFF,
        target_pct=ARTICLE_UNCACHED_PCT,
        max_queries=PAGE_MAX_QUERIES,
        profile="page",
    ),
    Scenario("article page", ARTICLE, auth=EDITOR, cache=NO_CACHE),
    Scenario(
        "German article page",
        GERMAN_ARTICLE,
        cache=WARM,
        target_pct=PAGE_CACHE_WARM_PCT,
        max_queries=PAGE_MAX_QUERIES,
    ),
    Scenario(
        "German article page",
        GERMAN_ARTICLE,
        cache=OFF,
        target_pct=ARTICLE_UNCACHED_PCT,
        max_queries=PAGE_MAX_QUERIES,
    ),
    Scenario(
        "index page",
        INDEX,
        cache=WARM,
        target_pct=PAGE_CACHE_WARM_PCT,
        max_queries=PAGE_MAX_QUERIES,
    ),
    Scenario(
        "index page",
        INDEX,
        cache=OFF,
        max_queries=PAGE_MAX_QUERIES,
        profile="page",
    ),
    Scenario("index page", INDEX, auth=EDITOR, cache=NO_CACHE),
    Scenario(
        "events list page",
        "/events/",
        cache=OFF,
        max_queries=PAGE_MAX_QUERIES,
        profile="page",
    ),
    Scenario(
        "event detail page",
        "/events/bench-event-01/",
        cache=OFF,
        max_queries=PAGE_MAX_QUERIES,
        profile="page",
    ),
    # Content API (issue 4).
    Scenario(
        "content API: page by path",
        f"{CONTENT_API}pages/by-path/?path={ARTICLE}",
        headers=_JSON,
        max_queries=API_MAX_QUERIES,
    ),
    Scenario(
        "content API: 20-card listing",
        f"{CONTENT_API}pages/?type=cms.articlepage&limit=20",
        headers=_JSON,
        target_pct=API_LISTING_UNCACHED_PCT,
        max_queries=API_MAX_QUERIES,
        profile="api",
    ),
    Scenario(
        "content API: navigation",
        f"{CONTENT_API}navigation/",
        headers=_JSON,
        max_queries=API_MAX_QUERIES,
    ),
    # Business API (issue 5).
    Scenario(
        "business API: event list",
        f"{BUSINESS_API}events/",
        headers=_JSON,
        max_queries=API_MAX_QUERIES,
        profile="api",
    ),
    Scenario(
        "business API: event detail",
        f"{BUSINESS_API}events/bench-event-01/",
        headers=_JSON,
        max_queries=API_MAX_QUERIES,
    ),
    Scenario(
        "business API: create booking",
        f"{BUSINESS_API}bookings/",
        method="POST",
        auth=USERS,
        cache=NO_CACHE,
        # The event has places for every request of the bench: each booking is
        # confirmed (the usual case), not waitlisted.
        body=f'{{"event": "{BOOKING_EVENT_SLUG}"}}',
        headers=_BOOKING_HEADERS,
        max_queries=BOOKING_MAX_QUERIES,
    ),
    # Static files.
    Scenario(
        "static file (WhiteNoise)",
        "static:css/site.css",
        cache=NO_CACHE,
        headers={"Accept-Encoding": "gzip, br"},
        target_pct=STATIC_PCT,
    ),
]

_labels = [scenario.label for scenario in SCENARIOS]
if len(_labels) != len(set(_labels)):
    raise ValueError("Two scenarios share a label: rename one")

# The API listing profiled by `make profile` until the content API exists (issue 4).
PROFILE_API_FALLBACK = "events list page"
