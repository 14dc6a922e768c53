"""The one settings module: every value that differs between environments comes from
an environment variable (documented in README.md and .env.example)."""

import datetime as dt
import ipaddress
from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.translation import gettext_lazy

from config import env
from config.env import ConfigurationError

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Core -----------------------------------------------------------------------------

DEBUG = env.get_bool("DEBUG", default=False)

# "production" turns on robots/indexing and HTTPS defaults; anything else is a
# non-production deployment (staging, review apps) or a developer's machine.
ENVIRONMENT = env.get_str("ENVIRONMENT", "development" if DEBUG else "production")

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-used-when-debug-is-off"  # noqa: S105


def _secret_key() -> str:
    key = env.get_str("DJANGO_SECRET_KEY")
    if key is None:
        if DEBUG:
            return _DEV_SECRET_KEY
        raise ConfigurationError(
            "DJANGO_SECRET_KEY is not set: it is required when DEBUG is off "
            "(make one: python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    if not DEBUG and (
        len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-")
    ):
        raise ConfigurationError(
            "DJANGO_SECRET_KEY is unsafe: use at least 50 random characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ConfigurationError(
            "ALLOWED_HOSTS is not set: list the host names this site answers to, "
            "comma-separated (for example: example.com,www.example.com)"
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

# The site's absolute address, the same in every process of the formation: emails and
# their .ics (sent by the worker), the admin, and the default Wagtail Site that
# canonical links, the sitemap and the content API follow (load_demo_content). Never
# derived from $PORT: honcho gives the worker PORT+100, `make run` sets this instead.
BASE_URL = env.get_str("BASE_URL", "http://127.0.0.1:8000" if DEBUG else None)
if BASE_URL is None:
    raise ConfigurationError(
        "BASE_URL is not set: give the site's public address, used in emails and "
        "links (for example: https://example.com)"
    )
BASE_URL = BASE_URL.rstrip("/")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

# --- Applications ---------------------------------------------------------------------

INSTALLED_APPS = [
    # Project apps first, so their templates and static files win.
    "apps.accounts",
    "apps.jobs",
    "apps.events",
    "apps.api",
    "cms",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.frontend_cache",
    "wagtail_headless_preview",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # Translation for editors (README "Languages"): pages, snippets, what is
    # untranslated or out of date; its Locales admin replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "modelcluster",
    "taggit",
    # Jobs: Django's tasks API and its database backend.
    "django_tasks",
    "django_tasks_db",
    # APIs.
    "rest_framework",
    "django_filters",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "knox",
    # The sign-in attempt limiter (apps/accounts/attempts.py).
    "axes",
    # Django.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First, so the request id and the access-log timing cover everything below.
    "config.request_id.RequestIdMiddleware",
    # Stores shareable pages with every header added below (all but the request id),
    # for config/fast_path.py to replay on a hit.
    "cms.page_cache.PageCacheFillMiddleware",
    "config.health.HealthCheckMiddleware",
    # Before the host is first checked, so a refused Host's 400 carries them too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security_headers.ContentSecurityPolicyMiddleware",
    "config.security_headers.PermissionsPolicyMiddleware",
    "config.security_headers.RefusedHostMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # NUL bytes and undecodable text in the address, oversized bodies: 4xx at once.
    "config.request_guard.RequestGuardMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # private, no-store on the business API's (personal) responses.
    "apps.api.personal.PersonalResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The request's language (config/languages.py): pages by their URL prefix, the
    # business API by Accept-Language. Before CommonMiddleware, which resolves paths.
    "config.languages.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After CommonMiddleware, so the host is one ALLOWED_HOSTS accepts.
    "cms.chrome.CachedSiteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as axes asks: turns a sign-in lock-out on any door into a 429.
    "axes.middleware.AxesMiddleware",
]
# Static files and page-cache hits are answered before this stack, by the WSGI layer
# in config/fast_path.py (WhiteNoise, configured from the settings below).

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------

DATABASE_URL = env.get_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    _database = dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env.get_int("CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
except ValueError as exc:
    raise ConfigurationError(
        f"DATABASE_URL is not a usable database URL: {exc}"
    ) from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # The formation runs web, worker and clock against one file: WAL lets readers
    # and one writer work at once, IMMEDIATE transactions avoid upgrade deadlocks.
    _database["CONN_MAX_AGE"] = 0
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DATABASES = {"default": _database}

# --- Cache ----------------------------------------------------------------------------

CACHE_URL = env.get_str("CACHE_URL") or env.get_str("REDIS_URL")
CACHE_TIMEOUT_SECONDS = env.get_int("CACHE_TIMEOUT_MS", 250, minimum=1) / 1000


def _cache(url: str | None) -> dict:
    common = {"KEY_PREFIX": env.get_str("CACHE_KEY_PREFIX", "site"), "TIMEOUT": 300}
    if url is None or url.startswith("db://"):
        # Shared by every process of the formation, unlike a per-process memory cache.
        # A table in the site's own database: it fails only with the database, which
        # pages need anyway, so it has no outage of its own to survive.
        return {
            **common,
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            # Pages keep a few entries each per change (cms/generation_cache.py):
            # Django's default of 300 would cull them, and the version with them.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            **common,
            # Django's, reusing its Redis client (config/cache.py).
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": url,
            # The longest a cache operation may wait for Redis before it fails open
            # (config/cache.py): a hung server costs a request this much, once.
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
                "socket_timeout": CACHE_TIMEOUT_SECONDS,
            },
        }
    if url.startswith("locmem://"):
        return {**common, "BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.startswith("dummy://"):
        return {**common, "BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ConfigurationError(
        f"CACHE_URL={url!r} is not supported: use redis://, rediss://, db://, "
        "locmem:// or dummy://"
    )


CACHES = {"default": _cache(CACHE_URL)}

# --- Authentication -------------------------------------------------------------------

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "/admin/login/"

# One policy for every door (apps/accounts/attempts.py, README "Security"): axes'
# backend refuses a locked-out attempt first; ours admits verified accounts only.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "apps.accounts.backends.VerifiedEmailBackend",
]
AXES_HANDLER = "apps.accounts.attempts.AttemptLimiter"
AXES_USERNAME_CALLABLE = "apps.accounts.attempts.attempted_account"
AXES_CLIENT_IP_CALLABLE = "apps.accounts.attempts.client_address"
AXES_LOCKOUT_CALLABLE = "apps.accounts.attempts.lockout_response"
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
# A refused (locked-out) attempt is not counted again: the wait does not grow.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ADMIN = False  # the Django admin is not mounted
# Our limiter logs lock-outs itself (one line each); axes would add a banner at every
# start-up of every process and its own lines per attempt.
AXES_VERBOSE = False
# Failed sign-ins allowed per client address (any accounts) and per account from one
# address, before a lock-out of SIGN_IN_LOCKOUT_SECONDS that doubles with each
# further failure; counts are forgotten SIGN_IN_FAILURE_WINDOW_SECONDS after the last.
SIGN_IN_LIMIT_ADDRESS = env.get_int("SIGN_IN_LIMIT_ADDRESS", 30, minimum=1)
SIGN_IN_LIMIT_ACCOUNT = env.get_int("SIGN_IN_LIMIT_ACCOUNT", 5, minimum=1)
SIGN_IN_LOCKOUT_SECONDS = env.get_int("SIGN_IN_LOCKOUT_SECONDS", 60, minimum=1)
SIGN_IN_FAILURE_WINDOW_SECONDS = env.get_int(
    "SIGN_IN_FAILURE_WINDOW_SECONDS", 24 * 3600, minimum=60
)
AXES_FAILURE_LIMIT = SIGN_IN_LIMIT_ACCOUNT  # shown by axes' own messages only
AXES_COOLOFF_TIME = dt.timedelta(seconds=SIGN_IN_FAILURE_WINDOW_SECONDS)

# /readyz details (errors, queue figures) for these addresses or networks, or for a
# request with X-Health-Token: HEALTH_TOKEN; everyone else gets the status alone.
HEALTH_TRUSTED_IPS = env.get_list("HEALTH_TRUSTED_IPS") or ["127.0.0.1", "::1"]
for _network in HEALTH_TRUSTED_IPS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        raise ConfigurationError(
            f"HEALTH_TRUSTED_IPS: {_network!r} is not an address or a network"
        ) from None
HEALTH_TOKEN = env.get_str("HEALTH_TOKEN")

# --- Internationalisation -------------------------------------------------------------


def _languages() -> list[tuple[str, str]]:
    """LANGUAGES=en,de: the site's languages, the first the default (unprefixed URLs).

    Codes and names are Django's own (django/conf/locale/__init__.py), so every code
    has a known name and text direction. Unset: the one LANGUAGE_CODE (English)."""
    from django.conf.locale import LANG_INFO

    codes = [code.lower() for code in env.get_list("LANGUAGES")]
    legacy = env.get_str("LANGUAGE_CODE")
    if legacy and codes and legacy.lower() != codes[0]:
        raise ConfigurationError(
            f"LANGUAGE_CODE={legacy!r} contradicts LANGUAGES: the first of LANGUAGES "
            "is the default language; unset LANGUAGE_CODE"
        )
    codes = codes or [(legacy or "en").lower()]
    if len(set(codes)) != len(codes):
        raise ConfigurationError(f"LANGUAGES lists a language twice: {codes}")
    languages = []
    for code in codes:
        info = LANG_INFO.get(code, {})
        if "name" not in info:
            fallback = ", ".join(info.get("fallback", []))
            raise ConfigurationError(
                f"LANGUAGES: {code!r} is not a language Django knows"
                + (f" (use {fallback})" if fallback else "")
            )
        languages.append((code, info["name"]))
    return languages


LANGUAGES = _languages()
LANGUAGE_CODE = LANGUAGES[0][0]
# The site's own strings (templates, forms, emails): compiled catalogues per language.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Wagtail's locales and translations only when there is something to translate: a
# one-language site keeps its URLs, queries and admin exactly as they were.
WAGTAIL_I18N_ENABLED = len(LANGUAGES) > 1
# Named in each editor's admin language (Django's catalogue has them: "Deutsch").
WAGTAIL_CONTENT_LANGUAGES = [(code, gettext_lazy(name)) for code, name in LANGUAGES]
# "Translate" makes a draft, published when the editor has translated it: by default
# wagtail-localize publishes a live source's untranslated copy at once, so /de/...
# would show the English text, in the switcher, menus, sitemap and API.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TIME_ZONE = env.get_str("TIME_ZONE", "UTC")
USE_I18N = True
# Dates in each language's own formats (templates use the named ones, DATE_FORMAT...),
# English's as the site writes it (config/formats/en/formats.py). Numbers are grouped
# where visitors read them (intcomma), not everywhere: USE_THOUSAND_SEPARATOR would
# also group the numbers in attributes and URLs (widths, ids, page numbers).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

# --- Static files and media -----------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.get_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env.get_str("MEDIA_ROOT", str(BASE_DIR / "media")))

AWS_STORAGE_BUCKET_NAME = env.get_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible storage (AWS, Cloudflare R2, MinIO, Scaleway...). Credentials
    # come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3 itself.
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.get_str("AWS_S3_ENDPOINT_URL"),
            "region_name": env.get_str("AWS_S3_REGION_NAME"),
            "custom_domain": env.get_str("AWS_S3_CUSTOM_DOMAIN"),
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": env.get_bool("AWS_QUERYSTRING_AUTH", default=False),
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

# One machine: local media, images served by the web process itself (config/media.py).
# More than one: S3, where the bucket or its CDN serves them.
SERVE_MEDIA = not AWS_STORAGE_BUCKET_NAME and MEDIA_URL.startswith("/")

STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"},
}
# In development WhiteNoise serves straight from the app folders, so no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- Uploads: capped in bytes and pixels ----------------------------------------------

MAX_UPLOAD_BYTES = env.get_int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_UPLOAD_BYTES
# 40 megapixels: a 8000x5000 photo fits; a decompression bomb does not.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.get_int("MAX_IMAGE_PIXELS", 40_000_000, minimum=1)
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt"]
# Documents go through Wagtail's view (collection privacy, nosniff, CSP "default-src
# 'none'"), as attachments: none is rendered inline on the site's origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Documents capped at MAX_UPLOAD_BYTES too, and images' pixels over all their frames.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.upload_limits.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.upload_limits.DocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []

# --- Email ----------------------------------------------------------------------------

EMAIL_URL = env.get_str("EMAIL_URL")
if EMAIL_URL:
    globals().update(dj_email_url.parse(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10

# --- Security -------------------------------------------------------------------------

_https = not DEBUG
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", default=_https)
SESSION_COOKIE_SECURE = env.get_bool("SESSION_COOKIE_SECURE", default=_https)
CSRF_COOKIE_SECURE = env.get_bool("CSRF_COOKIE_SECURE", default=_https)
# Sent by SecurityMiddleware on HTTPS responses only.
SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
# Off by default, on purpose: preloading is a commitment of the whole domain and its
# subdomains to HTTPS, for months, that a template cannot make for its owner. So
# `check --deploy` does not warn about the choice (W021) unless preloading is on.
SECURE_HSTS_PRELOAD = env.get_bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The web server (config/server.py, or Gunicorn's --forwarded-allow-ips) rewrites the
# scheme and client address from X-Forwarded-* only for the trusted proxy, so Django
# needs no SECURE_PROXY_SSL_HEADER and cannot be fooled by a client sending one.

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        # No inline scripts on public pages: every script is a file under /static/.
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:", "blob:", *env.get_list("CSP_IMG_SRC")],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": [
            _SELF,
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [_SELF],
        "form-action": [_SELF],
        "base-uri": [_SELF],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin (a trusted, signed-in audience) still relies on inline styles and
# scripts in places, so it gets its own, looser policy (config/security_headers.py).
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ("/admin/", "/django-admin/")

CORS_ALLOWED_ORIGINS = env.get_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_CREDENTIALS = True

# --- Wagtail --------------------------------------------------------------------------

WAGTAIL_SITE_NAME = env.get_str("SITE_NAME", "Agency Site")
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar avatars in the admin: the CSP allows no third-party images, and editors'
# email hashes stay here. Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# One password-reset flow for everyone (apps.accounts): throttled, no enumeration, and
# it marks the address verified. Wagtail's own /admin/password_reset/ answers 404; the
# admin's sign-in page links to ours (templates/wagtailadmin/login.html).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_COMMENTS_ENABLED = True
# Wagtail's autosave is off unless asked for (milliseconds after the last keystroke).
# On an "Add page" or "Add snippet" form it creates the object at the first pause in
# typing, so an editor who looks and leaves leaves a draft behind (whose slug then
# blocks the real page); edits still warn before leaving unsaved changes.
WAGTAIL_AUTOSAVE_INTERVAL = env.get_int("AUTOSAVE_INTERVAL_MS", 0, minimum=0)
# CDN purges through Wagtail's frontend cache; Wagtail 8 runs them as tasks in the
# worker. cms/signal_handlers.py adds the purges Wagtail does not make itself.
WAGTAILFRONTENDCACHE = {}
if env.get_str("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env.get_str("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env.get_str("CLOUDFLARE_BEARER_TOKEN"),
    }

# --- Tasks ----------------------------------------------------------------------------

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "email", "maintenance", "webhooks"],
    }
}
# How long a worker holds a job without renewing it (its heartbeat renews every third
# of this) before the job is presumed lost and run again. Shorter: a dead worker's
# job restarts sooner. Longer: a worker stalled that long (a frozen VM, a database
# slower than the heartbeat) is less likely to have its job run twice meanwhile.
JOB_LEASE_SECONDS = env.get_int("JOB_LEASE_SECONDS", 30, minimum=3)

# --- APIs -----------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The mobile app: "Authorization: Token <token>" (hashed, expiring, revocable).
        # First, so that a request without credentials gets 401 with
        # "WWW-Authenticate: Token" (sign in), not 403 (forbidden): DRF takes the
        # challenge from the first class, and SessionAuthentication has none.
        "apps.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "apps.api.parsers.JSONParser",  # with a nesting limit (API_JSON_MAX_DEPTH)
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "apps.api.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 20,
    # Every 4xx/5xx as application/problem+json (RFC 9457).
    "EXCEPTION_HANDLER": "apps.api.problems.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.api.throttling.AnonRateThrottle",
        "apps.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.get_str("API_THROTTLE_ANON", "120/min"),
        "user": env.get_str("API_THROTTLE_USER", "600/min"),
        # Password guessing is limited for every door by apps/accounts/attempts.py.
        # Emails sent on request (reset links, sign-up), per address and per account.
        "password_reset_address": env.get_str("API_THROTTLE_RESET_ADDRESS", "10/hour"),
        "password_reset_account": env.get_str("API_THROTTLE_RESET_ACCOUNT", "3/hour"),
        # Content search runs full-text queries: per client address.
        "content_search": env.get_str("API_THROTTLE_CONTENT_SEARCH", "60/min"),
    },
    # The web server already put the real client address in REMOTE_ADDR; never
    # trust an X-Forwarded-For header the client may have sent itself.
    "NUM_PROXIES": 0,
}
# Content API responses: how long clients and CDNs may reuse them, and serve them
# stale while revalidating.
CONTENT_API_MAX_AGE = env.get_int("CONTENT_API_MAX_AGE", 60, minimum=0)
CONTENT_API_STALE_WHILE_REVALIDATE = env.get_int(
    "CONTENT_API_STALE_WHILE_REVALIDATE", 300, minimum=0
)
# Editors preview pages as the apps will show them ("App" preview mode): the admin
# frames this address with a signed token; by default the content API's own preview
# endpoint, so the JSON the apps will get is visible without the SPA running.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {
        "default": env.get_str(
            "APP_PREVIEW_URL", "{SITE_ROOT_URL}/api/content/v1/preview/"
        )
    },
    "ENFORCE_TRAILING_SLASH": True,
}
PREVIEW_TOKEN_MAX_AGE = env.get_int("PREVIEW_TOKEN_MAX_AGE", 3600, minimum=60)

# A CSRF refusal under /api/ answers problem+json like every other API error.
CSRF_FAILURE_VIEW = "apps.api.problems.csrf_failure"
# The business API: every response is personal (apps/api/personal.py).
BUSINESS_API_PREFIX = "/api/v1/"
# How deeply a JSON request body may nest lists and objects (deeper: 400).
API_JSON_MAX_DEPTH = env.get_int("API_JSON_MAX_DEPTH", 32, minimum=2)
# The most items one page of a list endpoint returns, whatever the client asks for.
API_MAX_PAGE_SIZE = env.get_int("API_MAX_PAGE_SIZE", 100, minimum=1)
SPECTACULAR_SETTINGS = {
    "TITLE": "Site API",
    "DESCRIPTION": "Business API (/api/v1/) and content API (/api/content/v1/).",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Only the project's APIs are documented, not Wagtail's internal admin API.
    "PREPROCESSING_HOOKS": ["config.openapi.only_project_apis"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.api.schema.add_problem_responses",
        "apps.api.schema.overlapping_blank_alternatives",
    ],
    # Swagger UI served from our static files: the CSP allows no CDN scripts.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "EventStatusEnum": "apps.events.models.Event.Status",
        "BookingStatusEnum": "apps.events.models.Booking.Status",
        "WebhookDeliveryStatusEnum": "apps.events.models.WebhookDelivery.Status",
    },
}

REST_KNOX = {
    "TOKEN_TTL": dt.timedelta(
        hours=env.get_int("API_TOKEN_TTL_HOURS", 24 * 30, minimum=1)
    ),
    "AUTO_REFRESH": False,
}

# --- Business apps ------------------------------------------------------------------

# The CRM receiving signed booking webhooks; no URL, no webhooks.
CRM_WEBHOOK_URL = env.get_str("CRM_WEBHOOK_URL")
CRM_WEBHOOK_SECRET = env.get_str("CRM_WEBHOOK_SECRET") or ""
if CRM_WEBHOOK_URL and len(CRM_WEBHOOK_SECRET) < 32:
    raise ConfigurationError(
        "CRM_WEBHOOK_SECRET must be at least 32 characters when CRM_WEBHOOK_URL is set "
        "(python -c 'import secrets; print(secrets.token_urlsafe(32))')"
    )
CRM_WEBHOOK_TIMEOUT = env.get_int("CRM_WEBHOOK_TIMEOUT", 10, minimum=1)
# How long an email-verification link stays valid.
ACCOUNT_VERIFICATION_MAX_AGE = env.get_int(
    "ACCOUNT_VERIFICATION_MAX_AGE", 3 * 24 * 3600, minimum=60
)

# --- Logging --------------------------------------------------------------------------

LOG_FORMAT = env.get_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ConfigurationError(
        f"LOG_FORMAT={LOG_FORMAT!r} is not supported: use text or json"
    )
LOG_LEVEL = env.get_str("LOG_LEVEL", "INFO").upper()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "config.logs.RequestIdFilter"},
        "server_errors_only": {"()": "config.logs.ServerErrorsOnly"},
        "database_outage": {"()": "config.database_outage.DatabaseOutageFilter"},
    },
    "formatters": {
        "text": {"()": "config.logs.TextFormatter"},
        "json": {"()": "config.logs.JsonFormatter"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # The access log (config/request_id.py) replaces django.server and waitress's.
        "django.server": {"level": "WARNING"},
        "django.db.backends": {"level": "INFO"},
        # One line per request: 4xx are in the access log; 5xx keep their traceback,
        # but a database outage logs one line per minute, not a traceback per request.
        "django.request": {"filters": ["server_errors_only", "database_outage"]},
        # Waitress (the documented alternative web server) warns of its queue depth
        # on ordinary bursts: a metric, not an event for the log.
        "waitress.queue": {"level": "ERROR"},
        # The clock logs its schedule and what it enqueues itself; APScheduler's
        # "Adding job", "Running job" and "executed successfully" lines repeat it.
        "apscheduler": {"level": "WARNING"},
    },
}

# --- Error reporting ------------------------------------------------------------------

SENTRY_DSN = env.get_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=ENVIRONMENT,
        traces_sample_rate=float(env.get_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
        send_default_pii=False,
    )
