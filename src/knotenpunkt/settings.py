"""One settings module for every environment; everything comes from the environment.

Development defaults are safe: DEBUG on, SQLite under var/, a secret key generated once
into var/. Production sets DEBUG=false and must then provide SECRET_KEY and ALLOWED_HOSTS.
"""

import contextlib
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
env = environ.Env()

VAR_DIR = Path(env("VAR_DIR", default=str(Path.cwd() / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=True)


def _secret_key() -> str:
    if key := env("SECRET_KEY", default=""):
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # A development key is generated once and kept, so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        # Written aside and linked into place: processes starting together (test workers,
        # the server and its worker) all read the one key that won, never a half-written file.
        draft = VAR_DIR / f"secret_key.{os.getpid()}"
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        with contextlib.suppress(FileExistsError):
            os.link(draft, key_file)
        draft.unlink()
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
# ".localhost": the demo's cluster websites answer on diwish.localhost, maritim.localhost.
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", ".localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The domain part of every event's calendar UID (event-<id>@<domain>). It must never change
# once calendars hold the events: a new UID is a new event to every subscriber. The
# default is SITE_URL's host name without the port.
CALENDAR_UID_DOMAIN = env(
    "CALENDAR_UID_DOMAIN", default=urlsplit(SITE_URL).hostname or "knotenpunkt.local"
)
# The open data catalogue (docs/open-data.md): who publishes it (dct:publisher of the
# dcat:Catalog; default the installation's name and SITE_URL) and the contributor ID GovData
# assigns to a data provider (a URI of http://dcat-ap.de/def/contributors/), when it has one.
OPENDATA_PUBLISHER_NAME = env("OPENDATA_PUBLISHER_NAME", default="Knotenpunkt")
OPENDATA_PUBLISHER_URL = env("OPENDATA_PUBLISHER_URL", default="")
OPENDATA_CONTRIBUTOR_ID = env("OPENDATA_CONTRIBUTOR_ID", default="")

INSTALLED_APPS = [
    "knotenpunkt.core",
    "knotenpunkt.accounts",
    "knotenpunkt.directory",
    "knotenpunkt.privacy",
    "knotenpunkt.outbox",
    "knotenpunkt.imports",
    "knotenpunkt.quality",
    "knotenpunkt.groups",
    "knotenpunkt.events",
    "knotenpunkt.invoicing",
    "knotenpunkt.memberships",
    "knotenpunkt.mailings",
    "knotenpunkt.matching",
    "knotenpunkt.procurement",
    "knotenpunkt.cooperations",
    "knotenpunkt.interactions",
    "knotenpunkt.commitments",
    "knotenpunkt.feed",
    "knotenpunkt.kpis",
    "knotenpunkt.personas",
    "knotenpunkt.community",
    "knotenpunkt.strategy",
    "knotenpunkt.assessments",
    "knotenpunkt.participation",
    "knotenpunkt.jobs",
    "knotenpunkt.website",
    "knotenpunkt.opendata",
    "knotenpunkt.api",
    "knotenpunkt.webhooks",
    "knotenpunkt.demo",
    # The clusters' websites (knotenpunkt.website): Wagtail with its own i18n.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # The API's docs page serves Swagger UI from this package's static files.
    "ninja",
    # OAuth 2 for third-party apps (docs/api.md); after knotenpunkt.api, whose templates
    # (the consent page) override its own.
    "oauth2_provider",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "anymail",
    "django_htmx",
    "template_partials",
    "phonenumber_field",
    "django_tasks",
    "django_tasks_db",
    "django_tasks_rq",
    "django_rq",
    # Django's own form templates, for the KERN form renderer: last, so that core's
    # overrides in core/templates/django/forms/ win.
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "knotenpunkt.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the locale, so that its problems (429, errors from further in) speak the
    # client's language.
    "knotenpunkt.api.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "knotenpunkt.core.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the CSP middleware: relaxes the policy for the Wagtail admin (/cms/) only.
    "knotenpunkt.website.middleware.CmsContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes must come last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

# Every form in KERN's markup: the renderer's bound field adds KERN's control classes.
FORM_RENDERER = "knotenpunkt.core.form_rendering.KernFormRenderer"

ROOT_URLCONF = "knotenpunkt.urls"
WSGI_APPLICATION = "knotenpunkt.wsgi.application"
ASGI_APPLICATION = "knotenpunkt.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "knotenpunkt.core.context_processors.platform",
            ],
        },
    },
]

# Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'knotenpunkt.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while the web process reads; IMMEDIATE avoids
    # "database is locked" on upgrading a read transaction to a write one. In WAL mode,
    # synchronous=NORMAL is still safe against corruption and against any crash of the
    # platform; only a power loss can forget the last commits. It saves an fsync per commit
    # (measured 2.8 ms here), which the mailing sender makes once per recipient.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache ------------------------------------------------------------------------------------
# Shared between all web workers and the task worker (the directory listing cache relies
# on that): the database by default, Redis for scale (CACHE_URL=rediscache://host:6379/1).
# The cache table is created after every `migrate` (core.apps).
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://knotenpunkt_cache")}

# Accounts and security --------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out clients before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"

# The API (docs/api.md): requests a minute per token, and per address without one.
API_RATE_LIMIT_PER_MINUTE = env.int("API_RATE_LIMIT_PER_MINUTE", default=300)
API_ANONYMOUS_RATE_LIMIT_PER_MINUTE = env.int("API_ANONYMOUS_RATE_LIMIT_PER_MINUTE", default=120)
# OAuth 2 for third-party apps (django-oauth-toolkit, docs/api.md): the authorization
# code grant with PKCE (S256) only, the API's scopes, tokens stored as SHA-256 checksums
# only (RFC 9700 §4), refresh tokens rotated and a replayed one revokes its family.
OAUTH2_PROVIDER = {
    "SCOPES_BACKEND_CLASS": "knotenpunkt.api.scopes.OAuthScopes",
    "PKCE_REQUIRED": True,
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("OAUTH_ACCESS_TOKEN_SECONDS", default=3600),
    "REFRESH_TOKEN_EXPIRE_SECONDS": env.int("OAUTH_REFRESH_TOKEN_SECONDS", default=30 * 86400),
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ROTATE_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "REFRESH_TOKEN_GRACE_PERIOD_SECONDS": 0,
    # Ask every time: an app gets nothing without the person's click.
    "REQUEST_APPROVAL_PROMPT": "force",
    # "http" only for loopback redirect URIs while developing; knotenpunkt.api.applications
    # refuses any other http address when an app is registered.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"],
    "ALLOW_URI_WILDCARDS": False,
    "OAUTH2_RESPONSE_TYPES_SUPPORTED": ["code"],
    "OAUTH2_GRANT_TYPES_SUPPORTED": ["authorization_code", "refresh_token"],
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
}
# The toolkit warns that "http" is among the redirect schemes (RFC 9700 §2.1); an app's
# http address is refused at registration unless its host is a loopback one (RFC 8252),
# which is the exception the RFC makes.
SILENCED_SYSTEM_CHECKS = ["oauth2_provider.W008"]
# Webhooks (docs/api.md, "Webhooks"): the waits in seconds before each retry (Standard
# Webhooks' schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h; then the delivery is given up),
# the receiver's time to answer, how many deliveries given up in a row switch a
# subscription off (its owners get a mail), and whether http and private, loopback and
# link-local addresses may receive webhooks (development, tests, demo; never in production).
WEBHOOKS_RETRY_SCHEDULE = env.list(
    "WEBHOOKS_RETRY_SCHEDULE", cast=int, default=[5, 300, 1800, 7200, 18000, 36000]
)
WEBHOOKS_TIMEOUT_SECONDS = env.float("WEBHOOKS_TIMEOUT_SECONDS", default=10.0)
WEBHOOKS_DISABLE_AFTER_GIVEN_UP = env.int("WEBHOOKS_DISABLE_AFTER_GIVEN_UP", default=5)
WEBHOOKS_ALLOW_PRIVATE_URLS = env.bool("WEBHOOKS_ALLOW_PRIVATE_URLS", default=False)
LOGIN_REDIRECT_URL = "accounts:me"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Login ignores case, so the lock-out counts failures per normalised address.
AXES_USERNAME_CALLABLE = "knotenpunkt.accounts.lockout.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SECURE_CONTENT_TYPE_NOSNIFF = True
# Browser features no page of the platform uses are off for every page and every frame
# (core.middleware.SecurityHeadersMiddleware); "self" lets our own pages use one.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
} | {"fullscreen": ["self"]}
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: everything is served from our own origin; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The clusters' websites (Wagtail, docs/website.md) ------------------------------------------
WAGTAIL_SITE_NAME = "Knotenpunkt"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("de", _("German")), ("en", _("English"))]
WAGTAILIMAGES_IMAGE_MODEL = "website.WebsiteImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "knotenpunkt.website.forms.WebsiteImageBaseForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("MAX_IMAGE_UPLOAD_BYTES", default=2 * 1024 * 1024)
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("MAX_DOCUMENT_UPLOAD_BYTES", default=20 * 1024 * 1024)
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "csv", "txt"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Editors upload no SVG (scripts inside) and nothing Willow cannot read safely.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No request leaves the platform at run time: no avatars from gravatar.com.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Uploads: small limits, checked again per field by the forms.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Upload limits per kind (core/uploads.py); a request beyond the largest is refused by
# LimitedUploadHandler before anything of it is written.
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=2 * 1024 * 1024)
MAX_DOCUMENT_UPLOAD_BYTES = env.int("MAX_DOCUMENT_UPLOAD_BYTES", default=20 * 1024 * 1024)
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
# What an import may hold, enforced while the file is read (imports/reading.py).
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20_000)
IMPORT_MAX_CELLS = env.int("IMPORT_MAX_CELLS", default=1_000_000)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)
MAX_BANK_STATEMENT_UPLOAD_BYTES = env.int(
    "MAX_BANK_STATEMENT_UPLOAD_BYTES", default=10 * 1024 * 1024
)
FILE_UPLOAD_HANDLERS = [
    "knotenpunkt.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
PHONENUMBER_DEFAULT_REGION = "DE"
PHONENUMBER_DB_FORMAT = "E164"

# Static and media files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Front-end packages fetched by `make install` (frontend/fetch.py, pinned and integrity-
# checked), served from here under static/kern/ — never from a CDN.
FRONTEND_DIR = Path(
    env("FRONTEND_DIR", default=str(PACKAGE_DIR.parent.parent / "frontend" / "packages"))
)
STATICFILES_DIRS = [("kern", FRONTEND_DIR / "kern" / "dist")]
# Development serves straight from the apps; production serves `collectstatic`'s output.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Files with personal data that no web server may serve (uploaded import files): outside
# MEDIA_ROOT, read only by the application after a permission check.
PRIVATE_ROOT = Path(env("PRIVATE_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Mail -------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Knotenpunkt <noreply@knotenpunkt.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# The outbox: a mail being sent is leased to its worker for this long (a worker silent for
# longer is presumed dead and the mail due again); a failed try waits OUTBOX_RETRY_SECONDS,
# doubled after each further failure (1, 2, 4, 8 minutes; the fifth failure is final).
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=300)
OUTBOX_RETRY_SECONDS = env.int("OUTBOX_RETRY_SECONDS", default=60)
# Mailings: the pace the relay accepts (messages per second, 0 = as fast as it answers),
# how many messages share one SMTP connection, and the address bounces return to.
MAILING_RATE_PER_SECOND = env.float("MAILING_RATE_PER_SECOND", default=20.0)
MAILING_MESSAGES_PER_CONNECTION = env.int("MAILING_MESSAGES_PER_CONNECTION", default=500)
MAILING_BOUNCE_ADDRESS = env("MAILING_BOUNCE_ADDRESS", default="")
# A sending worker renews its lease with every batch; one silent for this long is presumed
# dead, and `knotenpunkt resume-mailings` hands its mailing to another worker.
MAILING_LEASE_SECONDS = env.int("MAILING_LEASE_SECONDS", default=120)
# Bounces: the mailbox `knotenpunkt process-bounces --imap` reads
# (imaps://user:password@host:993/INBOX), and the shared secret ("user:password") a mail
# provider's tracking webhook authenticates with (django-anymail).
BOUNCE_MAILBOX_URL = env("BOUNCE_MAILBOX_URL", default="")
ANYMAIL = {"WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET", default="")}
# Pause before retrying addresses whose server said "try again later" (greylisting).
MAILING_RETRY_SECONDS = env.int("MAILING_RETRY_SECONDS", default=300)
# Citizens' dialogue (participation): writes of each kind (proposals and comments together,
# supports by e-mail, reports) allowed per hour from one network (an IPv4 address or an
# IPv6 /64; generous, since a town hall's guests share one) and per account or e-mail
# address; and how long a confirmation link mailed to an address stays valid.
DIALOGUE_WRITES_PER_NETWORK_PER_HOUR = env.int("DIALOGUE_WRITES_PER_NETWORK_PER_HOUR", default=30)
DIALOGUE_WRITES_PER_PERSON_PER_HOUR = env.int("DIALOGUE_WRITES_PER_PERSON_PER_HOUR", default=10)
DIALOGUE_CONFIRMATION_DAYS = env.int("DIALOGUE_CONFIRMATION_DAYS", default=7)
# DKIM (outbox/dkim_signing.py): every message sent over SMTP is signed when a selector and
# an RSA key are set: a PEM file, or the PEM itself ("\n" for its line breaks). The domain
# (d=) defaults to DEFAULT_FROM_EMAIL's. Unset: mail goes out unsigned.
DKIM_SELECTOR = env("DKIM_SELECTOR", default="")
DKIM_PRIVATE_KEY_FILE = env("DKIM_PRIVATE_KEY_FILE", default="")
DKIM_PRIVATE_KEY = env.str("DKIM_PRIVATE_KEY", default="", multiline=True)
DKIM_DOMAIN = env("DKIM_DOMAIN", default="")
# The sender part of the Feedback-ID header on mailings (Gmail's feedback loop groups
# complaints by it): "<mailing>:<cluster>:<template>:<this>".
FEEDBACK_ID_SENDER = env("FEEDBACK_ID_SENDER", default="knotenpunkt")

# Background tasks (django-tasks backport of Django 6's tasks API) ---------------------------
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
TASKS_BACKEND = env("TASKS_BACKEND", default="database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASK_QUEUES = ["default", "mail", "webhooks"]
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": TASK_QUEUES}}
RQ_QUEUES = {queue: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600} for queue in TASK_QUEUES}

# Matchmaking: the engine's scorers as "dotted.path:weight,..." (empty: the built-in words,
# concepts and feedback scorers). An installation adds, say, an embedding scorer here.
MATCHING_SCORERS = [
    (item.rsplit(":", 1)[0].strip(), float(item.rsplit(":", 1)[1]))
    for item in env.list("MATCHING_SCORERS", default=[])
]

# Letters (invoices, cancellations, tickets): DIN 5008 form "A" (address window 27 mm from
# the top, for a short letterhead) or "B" (45 mm, the usual one); the window envelope decides.
LETTER_FORM = env("LETTER_FORM", default="B").strip().upper()
if LETTER_FORM not in ("A", "B"):
    raise ImproperlyConfigured('LETTER_FORM must be "A" or "B" (DIN 5008 form).')

# Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Libraries that narrate every step at INFO (PDF rendering, record linkage).
    "loggers": {
        name: {"level": "WARNING"}
        for name in (
            "django.db.backends",
            "axes",
            "factur-x",
            "fontTools",
            "splink",
            "flufl.bounce",
            "mail.log",
        )
    }
    | {
        # WeasyPrint warns once per PDF that Debian 12's HarfBuzz lacks the subsetting
        # library and fontTools subsets instead: nothing to act on, and it buried
        # `invoice-export`'s output. Its other warnings (a missing image, bad CSS) stay.
        "weasyprint": {"level": "WARNING", "filters": ["not_harfbuzz_subset_notice"]}
    },
    "filters": {
        "not_harfbuzz_subset_notice": {
            "()": "django.utils.log.CallbackFilter",
            "callback": lambda record: "HarfBuzz-Subset" not in record.getMessage(),
        }
    },
}

# Membership fees by SEPA direct debit (docs/treasurers.md): how many days before a debit
# the member is told of amount and date (the SEPA rulebook's default is 14 calendar days,
# the mandate text may agree on fewer), and how many TARGET2 business days before the
# collection date the file must reach the bank (the rulebook's D-1; banks may ask more).
SEPA_PRE_NOTIFICATION_DAYS = env.int("SEPA_PRE_NOTIFICATION_DAYS", default=14)
SEPA_LEAD_BUSINESS_DAYS = env.int("SEPA_LEAD_BUSINESS_DAYS", default=1)
