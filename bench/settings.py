"""The project's settings with one change: the bench urlconf (config.urls + a view)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
