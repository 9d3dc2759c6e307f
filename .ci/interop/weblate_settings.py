"""The least Django configuration under which Weblate's machinery classes run outside a Weblate site.

The machinery code reads the cache (languages, rate limits, results), the site URL (its Referer
header) and the quality checks (which parts of a text it replaces by [X..X] tokens); none of it
touches a database, so the models' apps are only registered.
"""

SECRET_KEY = "interop-tests-only"
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "weblate.auth",
    "weblate.lang",
    "weblate.trans",
    "weblate.checks",
    "weblate.machinery",
    "weblate.memory",
    "weblate.utils",
    "weblate.configuration",
]
AUTH_USER_MODEL = "weblate_auth.User"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SITE_DOMAIN = "weblate.example.org"
ENABLE_HTTPS = True
