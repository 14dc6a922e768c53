"""Turn a configuration error into one clear line on stderr and a non-zero exit."""

import sys


def load_settings_or_exit() -> None:
    from django.conf import settings

    from config.env import ConfigurationError

    try:
        settings.INSTALLED_APPS  # noqa: B018 - importing the settings validates them
    except ConfigurationError as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        raise SystemExit(2) from None
