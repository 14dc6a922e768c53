"""The bench's WSGI app: config.wsgi's application with the bench urlconf."""

import os

# Forced, not setdefault: the bench environment must not fall back to config.urls.
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

from config.wsgi import application  # noqa: E402, F401
