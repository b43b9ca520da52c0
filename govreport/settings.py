"""Settings for govreport, driven by environment variables (see README.md)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Return the environment variable as a boolean ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_str(name, default=""):
    """Return the environment variable, or the default when it is unset or empty."""
    return os.environ.get(name, "").strip() or default


def _whole_number(name, value):
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_int(name, default):
    """Return the environment variable as an integer; unset or empty gives the default."""
    value = os.environ.get(name, "").strip()
    return _whole_number(name, value) if value else default


def env_list(name, default=""):
    """Return a comma-separated environment variable as a list of stripped items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int_list(name, default=""):
    """Return a comma-separated environment variable as a list of integers."""
    return [_whole_number(name, item) for item in env_list(name, default)]


DEBUG = env_bool("DEBUG")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 for local development only)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# How long browsers and CDNs may keep a published page before revalidating it (ETag, 304).
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 300)
# Part of every public ETag: set it per deployment so template changes reach cached readers.
RELEASE = env_str("RELEASE")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "markdownx",
    "reversion",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "reports",
    "govreport.signin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "govreport.signin.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "govreport.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "govreport.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers (the web server and the scheduled-publishing worker) share the file.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    # A test database in a file, not in memory: the browser tests' live server answers requests
    # on several threads, and one in-memory connection shared between threads breaks.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Follow the environment's DEBUG, not the test runner's: in development files come from the apps.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)

# Email goes through Django's MAILERS: printed to the console in development, SMTP otherwise.
email_backend = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": email_backend}}
if email_backend == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", None),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "use_ssl": env_bool("EMAIL_USE_SSL"),
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "govreport <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

LOGIN_URL = "admin:login"
# Where signing in leads when ?next= is missing or points to another site.
LOGIN_REDIRECT_URL = "admin:index"

# Staff sign-in (see "Staff sign-in" in README.md): django-axes locks a username on one IP address
# out after repeated wrong passwords; django-otp asks for a code from an authenticator app.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
lockout_minutes = env_int("SIGN_IN_LOCKOUT_MINUTES", 30)
if min(AXES_FAILURE_LIMIT, lockout_minutes) < 1:
    # Zero would turn the lockout off without saying so.
    raise ImproperlyConfigured(
        "SIGN_IN_FAILURE_LIMIT and SIGN_IN_LOCKOUT_MINUTES must be 1 or more."
    )
AXES_COOLOFF_TIME = timedelta(minutes=lockout_minutes)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "govreport.signin.views.locked_out"
# Keep only what the lockout needs: no log of every successful sign-in, no user agent in the log
# lines, and the username, address and form tokens masked in its log lines and stored form data.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
# Staff must set up an authenticator app and enter its codes; optional in development, where
# staff who set one up are still asked for its codes.
OTP_REQUIRED = env_bool("OTP_REQUIRED", default=not DEBUG)
# The name authenticator apps show beside the codes.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "govreport")
# The admin's pages for devices never show secrets or recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Security: production defaults, relaxed only by DEBUG or explicit variables.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if not DEBUG and not SECURE_SSL_REDIRECT:
    # Turned off on purpose: the proxy in front redirects to HTTPS, so don't warn about it.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# The largest document, in bytes, that import_report and the admin's import page accept.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)

MARKDOWNX_MARKDOWNIFY_FUNCTION = "reports.rendering.markdownify"
# The editor's live preview: staff only, and it knows the report's media (reports/admin/preview.py).
MARKDOWNX_URLS_PATH = "/admin/reports/markdown-preview/"
MARKDOWNX_MEDIA_PATH = "reports/uploads/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Media uploads (see "Embedded media" in README.md).
MEDIA_MAX_UPLOAD_SIZE = env_int("MEDIA_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
MEDIA_MAX_IMAGE_PIXELS = env_int("MEDIA_MAX_IMAGE_PIXELS", 40_000_000)
MEDIA_MAX_ATTACHMENT_SIZE = env_int("MEDIA_MAX_ATTACHMENT_SIZE", 50 * 1024 * 1024)
MEDIA_RENDITION_WIDTHS = env_int_list("MEDIA_RENDITION_WIDTHS", "320,640,960,1280")
# Bounded work for every upload and text (see "Limits" in README.md): each is checked before the
# costly step (decoding, unzipping, sanitising) and a refusal names the limit it hit.
MEDIA_MAX_IMAGE_FRAMES = env_int("MEDIA_MAX_IMAGE_FRAMES", 500)
MEDIA_MAX_ANIMATION_PIXELS = env_int("MEDIA_MAX_ANIMATION_PIXELS", 10_000_000)
MEDIA_MAX_ARCHIVE_MEMBERS = env_int("MEDIA_MAX_ARCHIVE_MEMBERS", 2000)
MEDIA_MAX_ARCHIVE_UNZIPPED_SIZE = env_int("MEDIA_MAX_ARCHIVE_UNZIPPED_SIZE", 250 * 1024 * 1024)
RENDER_MAX_CHARS = env_int("RENDER_MAX_CHARS", 50_000)
RENDER_MAX_NESTING = env_int("RENDER_MAX_NESTING", 50)
# Seconds readers are told to wait (Retry-After) when the database cannot be reached.
OUTAGE_RETRY_AFTER = env_int("OUTAGE_RETRY_AFTER", 30)
