"""WSGI entry point, served by config/server.py (Waitress) or Gunicorn.

Django's application behind config/fast_path.py, which answers static files and
page-cache hits before Django's request handling (see README, "Performance")."""

import os

from config.startup import load_settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
load_settings_or_exit()

from django.core.wsgi import get_wsgi_application  # noqa: E402

from config.fast_path import FastPath  # noqa: E402

application = FastPath(get_wsgi_application())
