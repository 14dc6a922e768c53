"""Static files: WhiteNoise's hashed, compressed storage, forgiving a missing file."""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # A file missing from the manifest or from disk (static not collected yet, or a
    # typo in a template) falls back to its unhashed URL: a broken link is logged,
    # but the page still renders instead of becoming a 500.
    manifest_strict = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            logger.warning("Static file %r is not collected; linking it unhashed", name)
            return name
